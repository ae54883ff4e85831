//! KTAB SMP CSV importer.
//!
//! ```text
//! scenario name, description, N, m
//! Actor, Description, <capability label>, (<dim name>, <salience label>) × m
//! name, description, capability, (position, salience) × m      ← N lines, 0–100 scale
//! ```
//! Positions and saliences are divided by 100; capabilities are kept as given.

use super::csv_text::{Lines, reader};
use super::detect::Format;
use super::{ImportError, ImportErrors, ImportOptions, Imported, ImportedActor, ImportedIssue};
use crate::decide::smp::{KTAB_DEFAULT_SEED, SmpActor, SmpInput, SmpParams};
use crate::decide::{ResolvedIssue, Scale, Stance};
use std::collections::BTreeMap;

/// Most actors a KTAB file may hold.
pub const MAX_ACTORS: usize = 250;
/// Largest capability KTAB accepts.
pub const MAX_CAPABILITY: f64 = 1e8;
/// Longest actor name KTAB accepts.
pub const MAX_NAME_CHARS: usize = 25;

/// The non-empty records of `text` (read as CSV, so a quoted field may hold commas), each with
/// the line it starts on and its fields trimmed of spaces and stray `"`, trailing empty fields
/// dropped.
pub(super) fn records(text: &str) -> Vec<(usize, Vec<String>)> {
    let lines = Lines::new(text, None);
    reader(text, None)
        .records()
        .filter_map(Result::ok)
        .map(|r| {
            let mut f: Vec<String> = r
                .iter()
                .map(|s| {
                    s.trim_matches(|c: char| c.is_whitespace() || c == '"')
                        .to_string()
                })
                .collect();
            while f.last().is_some_and(String::is_empty) {
                f.pop();
            }
            (lines.of(&r), f)
        })
        .filter(|(_, f)| !f.is_empty())
        .collect()
}

/// Parses a KTAB SMP CSV text into an [`SmpInput`] (identity accommodation). Returns every
/// problem found, each with line and column.
pub fn parse(text: &str) -> Result<SmpInput, ImportErrors> {
    parse_collecting(text).map_err(ImportErrors)
}

fn parse_collecting(text: &str) -> Result<SmpInput, Vec<ImportError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut errors = Vec::new();
    let err = |line: usize, column: usize, message: String| ImportError {
        line,
        column,
        message,
    };
    let records = records(text);
    let lines: Vec<(usize, Vec<&str>)> = records
        .iter()
        .map(|(l, f)| (*l, f.iter().map(String::as_str).collect()))
        .collect();
    let Some((l1, head)) = lines.first() else {
        return Err(vec![err(
            1,
            1,
            "empty file: expected 'scenario name, description, N, m'".into(),
        )]);
    };
    let l1 = *l1;
    if head.len() < 4 {
        return Err(vec![err(
            l1,
            head.len() + 1,
            format!(
                "the first line needs 'scenario name, description, N, m', found {} fields",
                head.len()
            ),
        )]);
    }
    let count = |col: usize, what: &str| -> Result<usize, ImportError> {
        head[col - 1].parse::<usize>().map_err(|_| {
            err(
                l1,
                col,
                format!("{what} '{}' is not a whole number", head[col - 1]),
            )
        })
    };
    let (n, m) = match (
        count(3, "number of actors"),
        count(4, "number of dimensions"),
    ) {
        (Ok(n), Ok(m)) => (n, m),
        (a, b) => return Err(a.err().into_iter().chain(b.err()).collect()),
    };
    if !(3..=MAX_ACTORS).contains(&n) {
        errors.push(err(
            l1,
            3,
            format!("number of actors {n} must be between 3 and {MAX_ACTORS}"),
        ));
    }
    if m == 0 {
        errors.push(err(l1, 4, "number of dimensions must be at least 1".into()));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let Some((l2, header)) = lines.get(1) else {
        return Err(vec![err(
            l1 + 1,
            1,
            "missing header line 'Actor, Description, ...'".into(),
        )]);
    };
    let l2 = *l2;
    let width = 3 + 2 * m;
    if header.len() < width {
        return Err(vec![err(
            l2,
            header.len() + 1,
            format!(
                "the header has {} fields; {m} dimensions need {width}",
                header.len()
            ),
        )]);
    }
    let dimensions: Vec<String> = (0..m).map(|d| header[3 + 2 * d].to_string()).collect();
    let body = &lines[2..];
    if body.len() != n {
        let line = body.get(n).map_or(l2 + 1 + body.len(), |(l, _)| *l);
        errors.push(err(
            line,
            1,
            format!(
                "the first line announces {n} actors but {} actor lines follow",
                body.len()
            ),
        ));
    }
    let mut actors: Vec<SmpActor> = Vec::with_capacity(n);
    for (ln, f) in body.iter().take(n) {
        if let Some(a) = parse_actor(*ln, f, m, &actors, &mut errors) {
            actors.push(a);
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(SmpInput {
        name: head[0].to_string(),
        description: head[1].to_string(),
        dimensions,
        actors,
        accommodation: None,
    })
}

/// One actor line; pushes every problem and returns the actor only when the line is clean.
fn parse_actor(
    ln: usize,
    f: &[&str],
    m: usize,
    earlier: &[SmpActor],
    errors: &mut Vec<ImportError>,
) -> Option<SmpActor> {
    let width = 3 + 2 * m;
    let before = errors.len();
    let err = |column: usize, message: String| ImportError {
        line: ln,
        column,
        message,
    };
    if f.len() != width {
        errors.push(err(f.len().min(width) + 1, format!(
            "expected {width} fields (name, description, capability, {m} × position and salience), found {}",
            f.len()
        )));
        return None;
    }
    let name = f[0];
    let chars = name.chars().count();
    if chars == 0 || chars > MAX_NAME_CHARS {
        errors.push(err(
            1,
            format!("actor name '{name}' must have 1 to {MAX_NAME_CHARS} characters"),
        ));
    }
    if earlier.iter().any(|a| a.name == name) {
        errors.push(err(1, format!("actor name '{name}' is used twice")));
    }
    let mut number = |col: usize, what: &str, lo: f64, hi: f64| -> f64 {
        match f[col - 1].parse::<f64>() {
            Ok(x) if x.is_finite() && (lo..=hi).contains(&x) => x,
            Ok(x) => {
                errors.push(err(
                    col,
                    format!("{what} of actor '{name}' is {x}, outside [{lo}, {hi}]"),
                ));
                0.0
            }
            Err(_) => {
                errors.push(err(
                    col,
                    format!("{what} of actor '{name}' is '{}', not a number", f[col - 1]),
                ));
                0.0
            }
        }
    };
    let capability = number(3, "capability", 0.0, MAX_CAPABILITY);
    let mut position = Vec::with_capacity(m);
    let mut salience = Vec::with_capacity(m);
    let mut total = 0.0;
    for d in 0..m {
        position.push(
            number(
                4 + 2 * d,
                &format!("position (dimension {})", d + 1),
                0.0,
                100.0,
            ) / 100.0,
        );
        let s = number(
            5 + 2 * d,
            &format!("salience (dimension {})", d + 1),
            0.0,
            100.0,
        );
        total += s;
        salience.push(s / 100.0);
    }
    if total > 100.0 + 1e-8 {
        errors.push(err(
            5,
            format!("saliences of actor '{name}' sum to {total}, more than 100"),
        ));
    }
    (errors.len() == before).then(|| SmpActor {
        name: name.to_string(),
        description: f[1].to_string(),
        capability,
        position,
        salience,
    })
}

/// Imports a KTAB SMP CSV as an [`Imported`] scenario (one multi-dimensional issue on 0–100;
/// the SMP defaults and KTAB's seed in `extra`).
pub fn import(content: &str, _options: &ImportOptions) -> Result<Imported, ImportErrors> {
    let input = parse(content)?;
    Ok(to_imported(
        Format::KtabCsv,
        &input,
        &SmpParams::default(),
        KTAB_DEFAULT_SEED,
    ))
}

/// Converts an SMP input back to the common import form: one issue with the scenario's name
/// as id, the file's dimensions, scale 0–100, positions on that scale, saliences as fractions
/// and capabilities as given. Model parameters, seed and a non-identity accommodation matrix
/// go to `extra` (keys `model`, `smp_parameters`, `seed`, `accommodation`).
pub fn to_imported(format: Format, input: &SmpInput, params: &SmpParams, seed: u64) -> Imported {
    // Undo the /100 without printing 75.79000000000001 for 75.79.
    let on_scale = |x: f64| (x * 100.0 * 1e9).round() / 1e9;
    let actors = input
        .actors
        .iter()
        .map(|a| ImportedActor {
            id: a.name.clone(),
            name: a.name.clone(),
            comment: a.description.clone(),
        })
        .collect();
    let stances = input
        .actors
        .iter()
        .map(|a| Stance {
            actor: a.name.clone(),
            capability: a.capability,
            position: a.position.iter().map(|&x| on_scale(x)).collect(),
            salience: a.salience.clone(),
            vote_weight: 1.0,
            abstain: false,
            veto_cost: 0.0,
        })
        .collect();
    let issue = ResolvedIssue {
        id: if input.name.is_empty() {
            "smp".to_string()
        } else {
            input.name.clone()
        },
        question: input.description.clone(),
        scale: Scale::new(0.0, 100.0),
        dimensions: input.dimensions.clone(),
        stances,
        status_quo: None,
        rule: None,
        silent: Vec::new(),
        proposer: None,
        linkage: false,
    };
    let mut extra = BTreeMap::new();
    extra.insert("model".to_string(), serde_json::Value::from("smp"));
    if let Ok(p) = serde_json::to_value(params) {
        extra.insert("smp_parameters".to_string(), p);
    }
    extra.insert("seed".to_string(), serde_json::Value::from(seed));
    if let Some(a) = &input.accommodation {
        extra.insert(
            "accommodation".to_string(),
            serde_json::Value::from(a.clone()),
        );
    }
    Imported {
        format,
        title: input.name.clone(),
        description: input.description.clone(),
        actors,
        issues: vec![ImportedIssue {
            issue,
            comment: String::new(),
            markers: Vec::new(),
            body: None,
            known_outcome: None,
        }],
        bodies: Vec::new(),
        sources: Vec::new(),
        notes: vec![
            "KTAB saliences on 0–100 were divided by 100; positions stay on the 0–100 scale"
                .to_string(),
        ],
        extra,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "Demo, \"A demo\", 3, 1,\nActor,Description,Power,P1,S1,\n\
        A, first, 10, 20, 50,\nB, second, 20, 40, 60\nC, third, 30, 80, 70,\n";

    #[test]
    fn reads_and_rescales() {
        let s = parse(GOOD).unwrap();
        assert_eq!(s.name, "Demo");
        assert_eq!(s.description, "A demo");
        assert_eq!(s.dimensions, vec!["P1"]);
        assert_eq!(s.actors[1].position, vec![0.4]);
        assert_eq!(s.actors[1].salience, vec![0.6]);
        assert_eq!(s.actors[2].capability, 30.0);
    }

    #[test]
    fn reports_line_and_column() {
        let bad = GOOD
            .replace("40, 60", "140, 60")
            .replace("C, third", "A, third");
        let e = parse(&bad).unwrap_err().0;
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!((e[0].line, e[0].column), (4, 4));
        assert!(
            e[0].to_string()
                .contains("position (dimension 1) of actor 'B' is 140")
        );
        assert_eq!((e[1].line, e[1].column), (5, 1));
        let short = GOOD.replace("3, 1,", "4, 1,");
        assert!(
            parse(&short).unwrap_err().0[0]
                .message
                .contains("announces 4 actors")
        );
        let two = GOOD.replace("3, 1,", "2, 1,");
        assert_eq!(parse(&two).unwrap_err().0[0].column, 3);
        let sal = GOOD.replace("10, 20, 50", "10, 20, x");
        assert_eq!(parse(&sal).unwrap_err().0[0].column, 5);
    }

    #[test]
    fn quoted_fields_may_hold_commas() {
        let text = "\"Demo, two\",\"A demo, quoted\",3,1\nActor,Description,Power,P1,S1\n\
            \"Korea, Rep.\",\"first, of three\",10,20,50\nB,second,20,40,60\nC,third,30,80,70\n";
        let s = parse(text).unwrap();
        assert_eq!(s.name, "Demo, two");
        assert_eq!(s.description, "A demo, quoted");
        assert_eq!(s.actors[0].name, "Korea, Rep.");
        assert_eq!(s.actors[0].capability, 10.0);
        assert_eq!(s.actors[2].position, vec![0.8]);
        assert_eq!(
            super::super::detect::detect("k.csv", text),
            Some(Format::KtabCsv)
        );
    }
}
