//! KTAB SMP XML importer: scenario, optional `ModelParameters`, dimensions,
//! actors (0–100 scale) and an optional `IdealAdjustment` accommodation matrix.

use super::detect::Format;
use super::ktab_csv::{MAX_ACTORS, MAX_CAPABILITY, MAX_NAME_CHARS, to_imported};
use super::{ImportError, ImportErrors, ImportOptions, Imported};
use crate::decide::smp::input::check_accommodation;
use crate::decide::smp::params::set_by_ktab_name;
use crate::decide::smp::{KTAB_DEFAULT_SEED, SmpActor, SmpInput, SmpParams};
use roxmltree::{Document, Node};

/// What a KTAB XML file holds: the SMP input, its model parameters and its seed.
#[derive(Debug, Clone, PartialEq)]
pub struct KtabXml {
    /// Actors, dimensions and accommodation matrix (`None` when the file has no
    /// `IdealAdjustment`, i.e. the identity).
    pub input: SmpInput,
    /// `ModelParameters`, or the defaults when the element is missing.
    pub params: SmpParams,
    /// `prngSeed` (decimal u64), or KTAB's default seed when missing.
    pub seed: u64,
}

fn at(doc: &Document<'_>, node: Node<'_, '_>, message: String) -> ImportError {
    let pos = doc.text_pos_at(node.range().start);
    ImportError {
        line: pos.row as usize,
        column: pos.col as usize,
        message,
    }
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name(name))
}

fn children<'a, 'i>(node: Node<'a, 'i>, name: &'a str) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    node.children().filter(move |c| c.has_tag_name(name))
}

fn text<'a>(node: Node<'a, '_>) -> &'a str {
    node.text().map(str::trim).unwrap_or("")
}

/// A required child element's trimmed text.
fn required<'a>(
    doc: &Document<'_>,
    node: Node<'a, '_>,
    name: &str,
) -> Result<&'a str, ImportError> {
    child(node, name).map(text).ok_or_else(|| {
        at(
            doc,
            node,
            format!("<{}> has no <{name}>", node.tag_name().name()),
        )
    })
}

/// Parses a KTAB SMP XML text. Stops at the first problem (XML structure errors make later
/// checks meaningless); the error carries line and column.
pub fn parse(text_in: &str) -> Result<KtabXml, ImportError> {
    let source = text_in.strip_prefix('\u{feff}').unwrap_or(text_in);
    let doc = Document::parse(source).map_err(|e| {
        let p = e.pos();
        ImportError {
            line: p.row as usize,
            column: p.col as usize,
            message: format!("malformed XML: {e}"),
        }
    })?;
    let root = doc.root_element();
    if !root.has_tag_name("Scenario") {
        return Err(at(
            &doc,
            root,
            format!(
                "root element is <{}>, expected <Scenario>",
                root.tag_name().name()
            ),
        ));
    }
    let name = required(&doc, root, "name")?.to_string();
    let description = child(root, "desc").map(text).unwrap_or("").to_string();
    let seed = match child(root, "prngSeed") {
        None => KTAB_DEFAULT_SEED,
        Some(node) => text(node).parse::<u64>().map_err(|_| {
            at(
                &doc,
                node,
                format!("prngSeed '{}' is not a decimal u64", text(node)),
            )
        })?,
    };
    let mut params = SmpParams::default();
    if let Some(mp) = child(root, "ModelParameters") {
        for el in mp.children().filter(Node::is_element) {
            set_by_ktab_name(&mut params, el.tag_name().name(), text(el))
                .map_err(|e| at(&doc, el, e.to_string()))?;
        }
    }
    let dims_node = child(root, "Dimensions")
        .ok_or_else(|| at(&doc, root, "<Scenario> has no <Dimensions>".into()))?;
    let dimensions: Vec<String> = children(dims_node, "dName")
        .map(|d| text(d).to_string())
        .collect();
    if dimensions.is_empty() {
        return Err(at(&doc, dims_node, "<Dimensions> has no <dName>".into()));
    }
    let actors_node =
        child(root, "Actors").ok_or_else(|| at(&doc, root, "<Scenario> has no <Actors>".into()))?;
    let mut actors: Vec<SmpActor> = Vec::new();
    for a in children(actors_node, "Actor") {
        let actor = parse_actor(&doc, a, dimensions.len())?;
        if actors.iter().any(|b| b.name == actor.name) {
            return Err(at(
                &doc,
                a,
                format!("actor name '{}' is used twice", actor.name),
            ));
        }
        actors.push(actor);
    }
    if !(3..=MAX_ACTORS).contains(&actors.len()) {
        return Err(at(
            &doc,
            actors_node,
            format!(
                "{} actors; between 3 and {MAX_ACTORS} are needed",
                actors.len()
            ),
        ));
    }
    let accommodation = match child(root, "IdealAdjustment") {
        None => None,
        Some(ia) => Some(parse_adjustment(&doc, ia, &actors)?),
    };
    Ok(KtabXml {
        input: SmpInput {
            name,
            description,
            dimensions,
            actors,
            accommodation,
        },
        params,
        seed,
    })
}

fn parse_actor(doc: &Document<'_>, a: Node<'_, '_>, m: usize) -> Result<SmpActor, ImportError> {
    let name = required(doc, a, "name")?.to_string();
    let chars = name.chars().count();
    if chars == 0 || chars > MAX_NAME_CHARS {
        return Err(at(
            doc,
            a,
            format!("actor name '{name}' must have 1 to {MAX_NAME_CHARS} characters"),
        ));
    }
    let description = child(a, "description").map(text).unwrap_or("").to_string();
    let cap_node = child(a, "capability")
        .ok_or_else(|| at(doc, a, format!("actor '{name}' has no <capability>")))?;
    let capability = number(
        doc,
        cap_node,
        &format!("capability of actor '{name}'"),
        MAX_CAPABILITY,
    )?;
    let coords = |group: &str, item: &str| -> Result<Vec<f64>, ImportError> {
        let g = child(a, group)
            .ok_or_else(|| at(doc, a, format!("actor '{name}' has no <{group}>")))?;
        let items: Vec<Node<'_, '_>> = children(g, item).collect();
        if items.len() != m {
            return Err(at(
                doc,
                g,
                format!(
                    "actor '{name}' has {} <{item}> entries for {m} dimensions",
                    items.len()
                ),
            ));
        }
        items
            .iter()
            .enumerate()
            .map(|(d, &node)| {
                if text(node).is_empty() {
                    return Err(at(
                        doc,
                        node,
                        format!("<{item}> of actor '{name}' (dimension {}) is empty", d + 1),
                    ));
                }
                number(
                    doc,
                    node,
                    &format!("<{item}> of actor '{name}' (dimension {})", d + 1),
                    100.0,
                )
                .map(|x| x / 100.0)
            })
            .collect()
    };
    let position = coords("Position", "dCoord")?;
    let salience = coords("Salience", "dSal")?;
    let total: f64 = salience.iter().sum();
    if total > 1.0 + 1e-10 {
        return Err(at(
            doc,
            a,
            format!(
                "saliences of actor '{name}' sum to {}, more than 100",
                total * 100.0
            ),
        ));
    }
    Ok(SmpActor {
        name,
        description,
        capability,
        position,
        salience,
    })
}

fn number(doc: &Document<'_>, node: Node<'_, '_>, what: &str, hi: f64) -> Result<f64, ImportError> {
    let t = text(node);
    match t.parse::<f64>() {
        Ok(x) if x.is_finite() && (0.0..=hi).contains(&x) => Ok(x),
        Ok(x) => Err(at(doc, node, format!("{what} is {x}, outside [0, {hi}]"))),
        Err(_) => Err(at(doc, node, format!("{what} is '{t}', not a number"))),
    }
}

/// `IdealAdjustment`: start from the identity; each `iaPair` sets one entry.
fn parse_adjustment(
    doc: &Document<'_>,
    ia: Node<'_, '_>,
    actors: &[SmpActor],
) -> Result<Vec<f64>, ImportError> {
    let n = actors.len();
    let mut a = vec![0.0; n * n];
    for i in 0..n {
        a[i * n + i] = 1.0;
    }
    let index = |node: Node<'_, '_>, pair: Node<'_, '_>| -> Result<usize, ImportError> {
        let who = text(node);
        actors
            .iter()
            .position(|x| x.name == who)
            .ok_or_else(|| at(doc, pair, format!("<iaPair> names unknown actor '{who}'")))
    };
    for pair in children(ia, "iaPair") {
        let field = |name: &str| {
            child(pair, name).ok_or_else(|| at(doc, pair, format!("<iaPair> has no <{name}>")))
        };
        let i = index(field("adjustingIdeal")?, pair)?;
        let j = index(field("referencePos")?, pair)?;
        let node = field("adjust")?;
        a[i * n + j] = number(doc, node, "<adjust>", 1.0)?;
    }
    check_accommodation(&a, actors).map_err(|e| at(doc, ia, e.to_string()))?;
    Ok(a)
}

/// Imports a KTAB SMP XML file as an [`Imported`] scenario (see [`to_imported`]).
pub fn import(content: &str, _options: &ImportOptions) -> Result<Imported, ImportErrors> {
    let x = parse(content)?;
    Ok(to_imported(Format::KtabXml, &x.input, &x.params, x.seed))
}
