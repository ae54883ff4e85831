//! From TOML text to the typed [`Scenario`] model, collecting every problem on the way.
//! Checks that need only the value itself (types, ranges, keywords) happen here; checks across
//! the document (references, membership cycles) happen in [`super::validate`].

use super::Uncertain;
use super::diagnostic::{Diagnostic, Kind, did_you_mean};
use super::escalate_params::{EscalateParam, ParamGroup};
use super::model::*;
use super::reader::{Reader, SpanMap, Tbl, number_node};
use crate::world::CapabilityMeasure;
use indexmap::IndexMap;
use toml::de::{DeTable, DeValue};

/// Parse `source`; on success the model and the span of every value read.
/// Diagnostics (errors and warnings) are returned in both cases.
pub fn parse(source: &str) -> (Option<(Scenario, SpanMap)>, Vec<Diagnostic>) {
    if source.trim().is_empty() {
        let d = Diagnostic::error(Kind::EmptyFile, "the file is empty")
            .expected("a scenario: `format = 1`, a [scenario] table, actors, ...")
            .span(Some(0..0));
        return (None, vec![d]);
    }
    let doc = match DeTable::parse(source) {
        Ok(doc) => doc,
        Err(e) => {
            let d = Diagnostic::error(
                Kind::NotToml,
                format!("not valid TOML: {}", e.message().trim()),
            )
            .span(e.span())
            .expected("TOML syntax (https://toml.io)");
            return (None, vec![d]);
        }
    };
    let mut r = Reader::default();
    let root = Tbl::root(doc.get_ref(), doc.span());
    let scenario = read_document(&mut r, &root);
    // The model is built leniently (a value that failed is left at a neutral default) so that
    // cross-document checks can still run and every problem is reported in one pass.
    (scenario.map(|s| (s, r.spans)), r.diags)
}

const TOP_KEYS: &[&str] = &[
    "format",
    "scenario",
    "world",
    "actor",
    "issue",
    "tie",
    "align",
    "escalate",
    "richardson",
    "experiment",
];

fn read_document(r: &mut Reader, root: &Tbl) -> Option<Scenario> {
    let format = root.integer(r, "format", true);
    if let Some(f) = format
        && f != FORMAT_VERSION
    {
        let span = root.get("format").map(|v| v.span()).unwrap_or(0..0);
        r.error(
            Kind::UnknownFormatVersion,
            format!("unknown format version {f}"),
            "format",
            span,
        )
        .expected = Some(format!(
            "format = {FORMAT_VERSION} (the only version this detente reads)"
        ));
    }
    let meta = root
        .table(r, "scenario", true)
        .and_then(|t| read_meta(r, &t));
    let world = root.table(r, "world", false).map(|t| read_world(r, &t));
    let actors: Vec<_> = root
        .tables(r, "actor")
        .iter()
        .filter_map(|t| read_actor(r, t))
        .collect();
    let issues: Vec<_> = root
        .tables(r, "issue")
        .iter()
        .filter_map(|t| read_issue(r, t))
        .collect();
    let ties: Vec<_> = root
        .tables(r, "tie")
        .iter()
        .filter_map(|t| read_tie(r, t))
        .collect();
    let align = root.table(r, "align", false).map(|t| read_align(r, &t));
    let escalate = root
        .table(r, "escalate", false)
        .and_then(|t| read_escalate(r, &t));
    let richardson = root
        .table(r, "richardson", false)
        .map(|t| read_richardson(r, &t));
    let experiment = root
        .table(r, "experiment", false)
        .map(|t| read_experiment(r, &t));
    root.finish(r, TOP_KEYS);
    Some(Scenario {
        format: format.unwrap_or(FORMAT_VERSION),
        scenario: meta.unwrap_or_else(|| Meta {
            id: String::new(),
            title: String::new(),
            as_of: None,
            summary: None,
            sources: Vec::new(),
        }),
        world: world.flatten().unwrap_or_default(),
        actors,
        issues,
        ties,
        align: align.flatten(),
        escalate,
        richardson,
        experiment,
    })
}

/// Check that an uncertain number lies within `[lo, hi]`.
fn check_range(
    r: &mut Reader,
    t: &Tbl,
    key: &str,
    u: Uncertain,
    lo: f64,
    hi: f64,
    what: &str,
) -> Option<Uncertain> {
    if u.low() < lo || u.high() > hi {
        let span = t.get(key).map(|v| v.span()).unwrap_or(t.span.clone());
        r.error(
            Kind::OutOfRange,
            format!(
                "`{key}` is {}, outside [{}, {}]",
                compact_uncertain(u),
                compact(lo),
                compact(hi)
            ),
            &t.key_path(key),
            span,
        )
        .expected = Some(what.to_string());
        return None;
    }
    Some(u)
}

fn keyword<T>(
    r: &mut Reader,
    t: &Tbl,
    key: &str,
    required: bool,
    parse: impl Fn(&str) -> Option<T>,
    allowed: &[&str],
) -> Option<T> {
    let s = t.string(r, key, required)?;
    match parse(&s) {
        Some(v) => Some(v),
        None => {
            let span = t.get(key).map(|v| v.span()).unwrap_or(t.span.clone());
            let d = r.error(
                Kind::UnknownValue,
                format!("`{key}` is \"{s}\", which is not a known value"),
                &t.key_path(key),
                span,
            );
            d.expected = Some(format!("one of: {}", allowed.join(", ")));
            d.help = did_you_mean(&s, allowed.iter().copied());
            None
        }
    }
}

fn id_string(r: &mut Reader, t: &Tbl, key: &str) -> Option<String> {
    let s = t.string(r, key, true)?;
    if !is_valid_id(&s) {
        let span = t.get(key).map(|v| v.span()).unwrap_or(t.span.clone());
        r.error(
            Kind::WrongType,
            format!("`{key}` is \"{s}\", not a valid id"),
            &t.key_path(key),
            span,
        )
        .expected = Some("letters, digits, `-`, `_` or `.`, not empty".into());
        return None;
    }
    Some(s)
}

fn read_meta(r: &mut Reader, t: &Tbl) -> Option<Meta> {
    let id = id_string(r, t, "id");
    let title = t.string(r, "title", true);
    let as_of = t.date(r, "as_of");
    let summary = t.string(r, "summary", false);
    let mut sources = Vec::new();
    if let Some(v) = t.get("sources") {
        let path = t.key_path("sources");
        r.spans.insert(path.clone(), v.span());
        match v.get_ref() {
            DeValue::Array(items) => {
                for (k, item) in items.iter().enumerate() {
                    if let Some(s) = r.table(item, &format!("{path}[{k}]")) {
                        let id = id_string(r, &s, "id");
                        let cite = s.string(r, "cite", true);
                        let url = s.string(r, "url", false);
                        s.finish(r, &["id", "cite", "url"]);
                        if let (Some(id), Some(cite)) = (id, cite) {
                            sources.push(Source { id, cite, url });
                        }
                    }
                }
            }
            _ => {
                r.error(
                    Kind::WrongType,
                    "`sources` must be an array of { id, cite } tables",
                    &path,
                    v.span(),
                );
            }
        }
    }
    t.finish(r, &["id", "title", "as_of", "summary", "sources"]);
    Some(Meta {
        id: id.unwrap_or_default(),
        title: title.unwrap_or_default(),
        as_of,
        summary,
        sources,
    })
}

fn read_world(r: &mut Reader, t: &Tbl) -> Option<WorldSettings> {
    let data = keyword(
        r,
        t,
        "data",
        false,
        |s| {
            ["2024", "panel", "none"]
                .contains(&s)
                .then(|| s.to_string())
        },
        &["2024", "panel", "none"],
    );
    let keywords: Vec<&str> = CapabilityMeasure::ALL.iter().map(|m| m.keyword()).collect();
    let capability = keyword(
        r,
        t,
        "capability",
        false,
        CapabilityMeasure::from_keyword,
        &keywords,
    );
    t.finish(r, &["data", "capability"]);
    let d = WorldSettings::default();
    Some(WorldSettings {
        data: data.unwrap_or(d.data),
        capability: capability.unwrap_or(d.capability),
    })
}

const ACTOR_KEYS: &[&str] = &[
    "id",
    "kind",
    "name",
    "capability",
    "population",
    "estimate",
    "members",
    "rule",
    "threshold",
    "weights",
    "double",
    "proposer",
    "veto_cost",
    "linkage",
    "source",
    "note",
];

fn read_actor(r: &mut Reader, t: &Tbl) -> Option<Actor> {
    let id = id_string(r, t, "id");
    // An actor whose id is missing or invalid is kept (under its raw, invalid id) so that every
    // later actor keeps its index: diagnostics name `actor[K]` by position in the file.
    let id = id.or_else(|| Some(raw_id(t)));
    let kind = keyword(
        r,
        t,
        "kind",
        false,
        |s| match s {
            "state" => Some(ActorKind::State),
            "body" => Some(ActorKind::Body),
            "other" => Some(ActorKind::Other),
            _ => None,
        },
        &["state", "body", "other"],
    );
    let name = t.string(r, "name", false);
    let capability = t
        .uncertain(r, "capability", false)
        .and_then(|u| check_range(r, t, "capability", u, 0.0, MAX_CAPABILITY, CAPABILITY_RANGE));
    let population = t.uncertain(r, "population", false).and_then(|u| {
        check_range(
            r,
            t,
            "population",
            u,
            0.0,
            MAX_POPULATION,
            "a population from 0 to 1000000 (million)",
        )
    });
    let estimate = t.boolean(r, "estimate").unwrap_or(false);
    let members = match t.get("members") {
        Some(v) if matches!(v.get_ref(), DeValue::String(_)) => {
            t.string(r, "members", false).map(|s| vec![s])
        }
        Some(_) => t.strings(r, "members", false),
        None => None,
    };
    let rule = keyword(
        r,
        t,
        "rule",
        false,
        RuleKind::from_keyword,
        &RuleKind::ALL.map(RuleKind::keyword),
    );
    let threshold = t.number_in(r, "threshold", false, 0.0, 1.0);
    let weights = read_weights(r, t);
    let double = t.table(r, "double", false).and_then(|d| {
        let members = d.number_in(r, "members", true, 0.0, 1.0);
        let weight = d.number_in(r, "weight", true, 0.0, 1.0);
        d.finish(r, &["members", "weight"]);
        Some(DoubleMajority {
            members: members?,
            weight: weight?,
        })
    });
    let proposer = t.string(r, "proposer", false);
    let veto_cost = read_veto_cost(r, t);
    let linkage = t.boolean(r, "linkage").unwrap_or(false);
    let source = t.string(r, "source", false);
    let note = t.string(r, "note", false);
    t.finish(r, ACTOR_KEYS);
    Some(Actor {
        id: id?,
        kind: kind.unwrap_or_default(),
        name,
        capability,
        population,
        estimate,
        members: members.unwrap_or_default(),
        rule,
        threshold,
        weights,
        double,
        proposer,
        veto_cost,
        linkage,
        source,
        note,
    })
}

/// `veto_cost`: a cost of blocking in salience-weighted utility on a 0–1 scale, so in [0, 1].
fn read_veto_cost(r: &mut Reader, t: &Tbl) -> Option<Uncertain> {
    t.uncertain(r, "veto_cost", false).and_then(|u| {
        check_range(
            r,
            t,
            "veto_cost",
            u,
            0.0,
            1.0,
            "a cost of blocking between 0 and 1 (salience-weighted utility)",
        )
    })
}

fn read_weights(r: &mut Reader, t: &Tbl) -> Option<VoteWeights> {
    let v = t.get("weights")?;
    if let DeValue::String(_) = v.get_ref() {
        let allowed = ["equal", "population", "capability"];
        return keyword(
            r,
            t,
            "weights",
            false,
            |s| allowed.contains(&s).then(|| s.to_string()),
            &allowed,
        )
        .map(VoteWeights::Named);
    }
    let w = t.table(r, "weights", false)?;
    let mut map = IndexMap::new();
    for (k, node) in w.entries() {
        let path = w.key_path(k);
        r.spans.insert(path.clone(), node.span());
        if let Some(x) = number_node(r, &path, node) {
            if x < 0.0 {
                r.error(
                    Kind::OutOfRange,
                    format!("vote weight of `{k}` is {x}; weights must be ≥ 0"),
                    &path,
                    node.span(),
                );
            } else {
                map.insert(k.to_string(), x);
            }
        }
    }
    Some(VoteWeights::Explicit(map))
}

const ISSUE_KEYS: &[&str] = &[
    "id",
    "question",
    "body",
    "proposer",
    "scale",
    "status_quo",
    "status_quo_source",
    "known_outcome",
    "stance",
];

fn read_issue(r: &mut Reader, t: &Tbl) -> Option<Issue> {
    let id = id_string(r, t, "id");
    let question = t.string(r, "question", true);
    let body = t.string(r, "body", false);
    let proposer = t.string(r, "proposer", false);
    let scale = t.table(r, "scale", true).and_then(|s| {
        let min = s.number(r, "min", true);
        let max = s.number(r, "max", true);
        let min_label = s.string(r, "min_label", false);
        let max_label = s.string(r, "max_label", false);
        let unit = s.string(r, "unit", false);
        s.finish(r, &["min", "max", "min_label", "max_label", "unit"]);
        let (min, max) = (min?, max?);
        if !scale_in_bounds(r, &s, min, max) {
            return None;
        }
        if min >= max {
            r.error(
                Kind::LowAboveHigh,
                format!("the scale's min ({min}) must be below its max ({max})"),
                &s.path,
                s.span.clone(),
            )
            .expected = Some("min < max".into());
            return None;
        }
        Some(Scale {
            min,
            max,
            min_label,
            max_label,
            unit,
        })
    });
    let (lo, hi) = scale
        .as_ref()
        .map_or((f64::MIN, f64::MAX), |s| (s.min, s.max));
    let on_scale = format!("a position on the issue scale [{lo}, {hi}]");
    let status_quo = t
        .uncertain(r, "status_quo", false)
        .and_then(|u| check_range(r, t, "status_quo", u, lo, hi, &on_scale));
    let status_quo_source = t.string(r, "status_quo_source", false);
    let known_outcome = t.table(r, "known_outcome", false).and_then(|k| {
        let value = k.number_in(r, "value", true, lo, hi);
        let low = k.number_in(r, "low", false, lo, hi);
        let high = k.number_in(r, "high", false, lo, hi);
        let estimate = k.boolean(r, "estimate").unwrap_or(false);
        let source = k.string(r, "source", false);
        let note = k.string(r, "note", false);
        k.finish(r, &["value", "low", "high", "estimate", "source", "note"]);
        let value = value?;
        let (l, h) = (low.unwrap_or(value), high.unwrap_or(value));
        if l > value || value > h {
            r.error(
                Kind::LowAboveHigh,
                format!("the outcome's range [{l}, {h}] does not contain its value {value}"),
                &k.path,
                k.span.clone(),
            )
            .expected = Some("low ≤ value ≤ high".into());
            return None;
        }
        Some(KnownOutcome {
            value,
            low,
            high,
            estimate,
            source,
            note,
        })
    });
    let stances: Vec<Stance> = t
        .tables(r, "stance")
        .iter()
        .filter_map(|s| read_stance(r, s, lo, hi, &on_scale))
        .collect();
    t.finish(r, ISSUE_KEYS);
    Some(Issue {
        id: id?,
        question: question.unwrap_or_default(),
        body,
        proposer,
        scale: scale.unwrap_or(Scale {
            min: 0.0,
            max: 1.0,
            min_label: None,
            max_label: None,
            unit: None,
        }),
        status_quo,
        status_quo_source,
        known_outcome,
        stances,
    })
}

fn read_stance(r: &mut Reader, t: &Tbl, lo: f64, hi: f64, on_scale: &str) -> Option<Stance> {
    let actor = t.string(r, "actor", true);
    let position = t
        .uncertain(r, "position", true)
        .and_then(|u| check_range(r, t, "position", u, lo, hi, on_scale));
    let salience = t
        .uncertain(r, "salience", true)
        .and_then(|u| check_range(r, t, "salience", u, 0.0, 1.0, "a salience between 0 and 1"));
    let capability = t
        .uncertain(r, "capability", false)
        .and_then(|u| check_range(r, t, "capability", u, 0.0, MAX_CAPABILITY, CAPABILITY_RANGE));
    let source = t.string(r, "source", false);
    let evidence = t.string(r, "evidence", false);
    let estimate = t.boolean(r, "estimate").unwrap_or(false);
    let vote = keyword(
        r,
        t,
        "vote",
        false,
        |s| match s {
            "for" => Some(Vote::For),
            "against" => Some(Vote::Against),
            "abstain" => Some(Vote::Abstain),
            _ => None,
        },
        &["for", "against", "abstain"],
    );
    let veto_cost = read_veto_cost(r, t);
    t.finish(
        r,
        &[
            "actor",
            "position",
            "salience",
            "capability",
            "source",
            "evidence",
            "estimate",
            "vote",
            "veto_cost",
        ],
    );
    let placeholder = Uncertain::Fixed(lo.max(0.0).min(hi));
    Some(Stance {
        actor: actor?,
        position: position.unwrap_or(placeholder),
        salience: salience.unwrap_or(Uncertain::Fixed(0.0)),
        capability,
        source,
        evidence,
        estimate,
        vote,
        veto_cost,
    })
}

fn read_tie(r: &mut Reader, t: &Tbl) -> Option<Tie> {
    let kind = keyword(
        r,
        t,
        "kind",
        true,
        |s| match s {
            "alliance" => Some(TieKind::Alliance),
            "partnership" => Some(TieKind::Partnership),
            "rivalry" => Some(TieKind::Rivalry),
            "propensity" => Some(TieKind::Propensity),
            _ => None,
        },
        &["alliance", "partnership", "rivalry", "propensity"],
    );
    let actors = t.strings(r, "actors", true).and_then(|a| {
        if a.len() == 2 {
            Some([a[0].clone(), a[1].clone()])
        } else {
            let span = t.get("actors").map(|v| v.span()).unwrap_or(t.span.clone());
            r.error(
                Kind::WrongType,
                format!("`actors` lists {} actors; a tie joins exactly two", a.len()),
                &t.key_path("actors"),
                span,
            )
            .expected = Some("actors = [\"A\", \"B\"]".into());
            None
        }
    });
    // Explicit propensities may be any finite number (AB's five-factor sums reach ±5; only
    // ratios matter); relation weights lie in [0, 1].
    let (lo, hi, what) = if kind == Some(TieKind::Propensity) {
        (
            -MAX_PROPENSITY,
            MAX_PROPENSITY,
            "a propensity from -1000000 to 1000000",
        )
    } else {
        (0.0, 1.0, "a weight in [0, 1]")
    };
    let weight = t
        .uncertain(r, "weight", false)
        .and_then(|u| check_range(r, t, "weight", u, lo, hi, what));
    let source = t.string(r, "source", false);
    let note = t.string(r, "note", false);
    t.finish(r, &["kind", "actors", "weight", "source", "note"]);
    Some(Tie {
        kind: kind?,
        actors: actors?,
        weight,
        source,
        note,
    })
}

fn read_selection(r: &mut Reader, t: &Tbl, key: &str) -> Option<ActorSelection> {
    match t.get(key) {
        Some(v) if matches!(v.get_ref(), DeValue::Array(_)) => {
            t.strings(r, key, false).map(ActorSelection::List)
        }
        Some(_) => keyword(
            r,
            t,
            key,
            false,
            |s| ["states", "all"].contains(&s).then(|| s.to_string()),
            &["states", "all"],
        )
        .map(ActorSelection::Named),
        None => None,
    }
}

fn read_align(r: &mut Reader, t: &Tbl) -> Option<AlignSection> {
    let actors = read_selection(r, t, "actors");
    let coalitions = t.integer(r, "coalitions", false).and_then(|k| {
        if (2..=16).contains(&k) {
            Some(k as u32)
        } else {
            let span = t
                .get("coalitions")
                .map(|v| v.span())
                .unwrap_or(t.span.clone());
            r.error(
                Kind::OutOfRange,
                format!("`coalitions` is {k}; expected 2 to 16"),
                &t.key_path("coalitions"),
                span,
            );
            None
        }
    });
    let sizes = ["cinc", "milex", "gdp", "population", "equal", "capability"];
    let size = keyword(
        r,
        t,
        "size",
        false,
        |s| sizes.contains(&s).then(|| s.to_string()),
        &sizes,
    );
    let propensity = t.table(r, "propensity", false).map(|p| {
        let names = crate::align::TERM_NAMES;
        let d = PropensityWeights::default().as_array();
        let w = PropensityWeights::from_array(std::array::from_fn(|t| {
            p.number(r, names[t], false).unwrap_or(d[t])
        }));
        p.finish(r, &names);
        w
    });
    let neutral = t.boolean(r, "neutral");
    let restarts = t.unsigned(r, "restarts", false).and_then(|n| {
        if n == 0 {
            let span = t
                .get("restarts")
                .map(|v| v.span())
                .unwrap_or(t.span.clone());
            r.error(
                Kind::OutOfRange,
                "`restarts` is 0; expected at least 1".to_string(),
                &t.key_path("restarts"),
                span,
            );
            None
        } else {
            Some(n)
        }
    });
    let alliance_sources = ["memberships", "history"];
    let alliances = keyword(
        r,
        t,
        "alliances",
        false,
        |s| alliance_sources.contains(&s).then(|| s.to_string()),
        &alliance_sources,
    );
    let known_outcome = t
        .table(r, "known_outcome", false)
        .and_then(|k| read_align_outcome(r, &k));
    let reference = t
        .table(r, "reference", false)
        .and_then(|k| read_align_reference(r, &k));
    t.finish(
        r,
        &[
            "actors",
            "coalitions",
            "size",
            "propensity",
            "neutral",
            "restarts",
            "alliances",
            "known_outcome",
            "reference",
        ],
    );
    Some(AlignSection {
        actors: actors.unwrap_or(ActorSelection::Named("states".into())),
        coalitions: coalitions.unwrap_or(2),
        size: size.unwrap_or_else(|| "cinc".into()),
        propensity: propensity.unwrap_or_default(),
        neutral: neutral.unwrap_or(false),
        restarts,
        alliances: alliances.unwrap_or_else(|| "memberships".into()),
        known_outcome,
        reference,
    })
}

/// `[align.reference]`: source, optional `basin_share` and `basin_tolerance` (both in [0, 1]),
/// and `[[align.reference.configuration]]` tables of `side` (actor ids) and `within`.
fn read_align_reference(r: &mut Reader, k: &Tbl) -> Option<AlignReference> {
    let source = k.string(r, "source", true);
    let basin_share = k.number_in(r, "basin_share", false, 0.0, 1.0);
    let basin_tolerance = k.number_in(r, "basin_tolerance", false, 0.0, 1.0);
    let configurations: Vec<ReferenceConfiguration> = k
        .tables(r, "configuration")
        .iter()
        .filter_map(|c| {
            let side = c.strings(r, "side", true);
            let within = c.unsigned(r, "within", false);
            c.finish(r, &["side", "within"]);
            Some(ReferenceConfiguration {
                side: side?,
                within: u32::try_from(within.unwrap_or(0)).unwrap_or(u32::MAX),
            })
        })
        .collect();
    k.finish(
        r,
        &["source", "basin_share", "basin_tolerance", "configuration"],
    );
    Some(AlignReference {
        source: source?,
        configurations,
        basin_share,
        basin_tolerance,
    })
}

/// `[align.known_outcome]`: event, date, source, sides (a table of side → actor ids), anchors
/// (a table of side → actor id), optional `neutral_side` and `note`. An actor on two sides, an
/// anchor or neutral side that names no side, and a side without members are errors.
fn read_align_outcome(r: &mut Reader, k: &Tbl) -> Option<AlignOutcome> {
    let event = k.string(r, "event", true);
    let date = k.date(r, "date");
    if !k.has("date") {
        r.error(
            Kind::MissingKey,
            format!("missing key `date` in `{}`", k.path),
            &k.key_path("date"),
            k.span.clone(),
        )
        .expected = Some("`date = 2022-03-02` (the day of the event)".into());
    }
    let source = k.string(r, "source", true);
    let neutral_side = k.string(r, "neutral_side", false);
    let note = k.string(r, "note", false);
    let mut sides: Vec<(String, Vec<String>)> = Vec::new();
    if let Some(t) = k.table(r, "sides", true) {
        let names: Vec<String> = t.entries().map(|(name, _)| name.to_string()).collect();
        for name in names {
            if let Some(members) = t.strings(r, &name, true) {
                if members.is_empty() {
                    let span = t.get(&name).map(|v| v.span()).unwrap_or(t.span.clone());
                    r.error(
                        Kind::OutOfRange,
                        format!("side `{name}` has no members"),
                        &t.key_path(&name),
                        span,
                    );
                }
                sides.push((name, members));
            }
        }
        let mut seen: std::collections::BTreeMap<&str, &str> = Default::default();
        let mut twice = Vec::new();
        for (side, members) in &sides {
            for m in members {
                if let Some(first) = seen.insert(m.as_str(), side.as_str()) {
                    twice.push((m.clone(), first.to_string(), side.clone()));
                }
            }
        }
        for (m, a, b) in twice {
            let span = t.get(&b).map(|v| v.span()).unwrap_or(t.span.clone());
            r.error(
                Kind::OutOfRange,
                format!("`{m}` is on two sides (`{a}` and `{b}`)"),
                &t.key_path(&b),
                span,
            );
        }
    }
    let mut anchors: Vec<(String, String)> = Vec::new();
    if let Some(t) = k.table(r, "anchors", true) {
        let names: Vec<String> = t.entries().map(|(name, _)| name.to_string()).collect();
        for name in names {
            if let Some(id) = t.string(r, &name, true) {
                if !sides.iter().any(|(s, m)| s == &name && m.contains(&id)) {
                    let span = t.get(&name).map(|v| v.span()).unwrap_or(t.span.clone());
                    r.error(
                        Kind::OutOfRange,
                        format!("anchor `{id}` of side `{name}` is not a member of that side"),
                        &t.key_path(&name),
                        span,
                    );
                }
                anchors.push((name, id));
            }
        }
    }
    if let Some(n) = &neutral_side
        && !sides.iter().any(|(s, _)| s == n)
    {
        let span = k
            .get("neutral_side")
            .map(|v| v.span())
            .unwrap_or(k.span.clone());
        r.error(
            Kind::OutOfRange,
            format!("`neutral_side` names `{n}`, which is not a side"),
            &k.key_path("neutral_side"),
            span,
        );
    }
    k.finish(
        r,
        &[
            "event",
            "date",
            "source",
            "sides",
            "neutral_side",
            "anchors",
            "note",
        ],
    );
    Some(AlignOutcome {
        event: event?,
        date: date?,
        source: source?,
        sides,
        neutral_side,
        anchors,
        note,
    })
}

/// The keys of `[escalate]`, in the order its diagnostics list them: the numeric parameters come
/// from [`EscalateParam`], in their groups.
fn escalate_keys() -> Vec<&'static str> {
    let params = |group: ParamGroup| {
        EscalateParam::ALL
            .iter()
            .filter(move |p| p.group() == group)
            .map(|p| p.key())
    };
    ["sides", "domains", "horizon", "period"]
        .into_iter()
        .chain(params(ParamGroup::Behaviour))
        .chain([
            "game",
            "weights",
            "spiral",
            "trust",
            "policy",
            "influence",
            "trade",
        ])
        .chain(params(ParamGroup::Exit))
        .chain(["start", "prior"])
        .collect()
}

fn read_escalate(r: &mut Reader, t: &Tbl) -> Option<EscalateSection> {
    let sides = t.table(r, "sides", true).map(|s| {
        let mut sides = IndexMap::new();
        for (name, _) in s.entries() {
            if let Some(members) = s.strings(r, name, true) {
                sides.insert(name.to_string(), members);
            }
        }
        sides
    });
    let domains = t.strings(r, "domains", false);
    let horizon = t.integer(r, "horizon", false).and_then(|h| {
        if (1..=10_000).contains(&h) {
            Some(h as u32)
        } else {
            let span = t.get("horizon").map(|v| v.span()).unwrap_or(t.span.clone());
            r.error(
                Kind::OutOfRange,
                format!("`horizon` is {h}; expected 1 to 10000 periods"),
                &t.key_path("horizon"),
                span,
            );
            None
        }
    });
    let periods = ["year", "half-year", "quarter", "month"];
    let period = keyword(
        r,
        t,
        "period",
        false,
        |s| periods.contains(&s).then(|| s.to_string()),
        &periods,
    );
    let numeric: Vec<(EscalateParam, Option<Uncertain>)> = EscalateParam::ALL
        .iter()
        .map(|&p| {
            let (lo, hi) = p.range().bounds();
            let value = t
                .uncertain(r, p.key(), false)
                .and_then(|u| check_range(r, t, p.key(), u, lo, hi, p.range().expected()));
            (p, value)
        })
        .collect();
    let priors = ["rivalries-1816-2010", "none"];
    let prior = keyword(
        r,
        t,
        "prior",
        false,
        |s| priors.contains(&s).then(|| s.to_string()),
        &priors,
    );
    let games = ["prisoners-dilemma", "stag-hunt", "chicken", "deadlock"];
    let game = keyword(
        r,
        t,
        "game",
        false,
        |s| games.contains(&s).then(|| s.to_string()),
        &games,
    );
    let weights = keyword(
        r,
        t,
        "weights",
        false,
        |s| ["capability", "equal"].contains(&s).then(|| s.to_string()),
        &["capability", "equal"],
    );
    let spiral = t.table(r, "spiral", false).and_then(|s| {
        let domains = s.unsigned(r, "domains", true);
        let periods = s.unsigned(r, "periods", true);
        let lock = s.number_in(r, "lock", true, 0.0, 1.0);
        s.finish(r, &["domains", "periods", "lock"]);
        Some(SpiralSpec {
            domains: domains? as u32,
            periods: periods? as u32,
            lock: lock?,
        })
    });
    let trust = keyword(
        r,
        t,
        "trust",
        false,
        |s| ["off", "bayes"].contains(&s).then(|| s.to_string()),
        &["off", "bayes"],
    );
    let policies = t
        .tables(r, "policy")
        .iter()
        .filter_map(|p| {
            let id = id_string(r, p, "id");
            let label = p.string(r, "label", false);
            let note = p.string(r, "note", false);
            let strategies = p.table(r, "strategies", true).map(|s| {
                let mut m = IndexMap::new();
                for (side, _) in s.entries() {
                    if let Some(v) = s.string(r, side, true) {
                        m.insert(side.to_string(), v);
                    }
                }
                m
            });
            p.finish(r, &["id", "label", "strategies", "note"]);
            Some(Policy {
                id: id?,
                label,
                strategies: strategies?,
                note,
            })
        })
        .collect();
    let influences = t
        .tables(r, "influence")
        .iter()
        .filter_map(|i| {
            let from = i.string(r, "from", true);
            let to = i.string(r, "to", true);
            let weight = i
                .uncertain(r, "weight", true)
                .and_then(|u| check_range(r, i, "weight", u, 0.0, 1.0, "a weight in [0, 1]"));
            let source = i.string(r, "source", false);
            let note = i.string(r, "note", false);
            i.finish(r, &["from", "to", "weight", "source", "note"]);
            Some(Influence {
                from: from?,
                to: to?,
                weight: weight?,
                source,
                note,
            })
        })
        .collect();
    let trade = t
        .tables(r, "trade")
        .iter()
        .filter_map(|l| {
            let from = l.string(r, "from", true);
            let to = l.string(r, "to", true);
            let share = l.uncertain(r, "share", true).and_then(|u| {
                check_range(
                    r,
                    l,
                    "share",
                    u,
                    0.0,
                    1.0,
                    "a share of total trade in [0, 1]",
                )
            });
            let source = l.string(r, "source", false);
            let note = l.string(r, "note", false);
            l.finish(r, &["from", "to", "share", "source", "note"]);
            Some(TradeLink {
                from: from?,
                to: to?,
                share: share?,
                source,
                note,
            })
        })
        .collect();
    let start = read_start(r, t);
    t.finish(r, &escalate_keys());
    let mut section = EscalateSection {
        sides: sides?,
        domains: domains.unwrap_or_else(|| {
            ["military", "economic", "technology", "cultural"]
                .map(String::from)
                .to_vec()
        }),
        horizon: horizon.unwrap_or(40),
        period: period.unwrap_or_else(|| "year".into()),
        noise: None,
        optimism: None,
        execution_noise: None,
        spillover: None,
        contagion: None,
        interdependence: None,
        grievance: None,
        offence_defence: None,
        distinguishability: None,
        discount: None,
        reconciliation: None,
        reconciliation_restraint: None,
        leadership_change: None,
        prior,
        game,
        weights,
        spiral,
        trust,
        policies,
        influences,
        trade,
        start,
    };
    for (p, value) in numeric {
        *p.slot(&mut section) = value;
    }
    Some(section)
}

/// `[[escalate.start]]`: domain, optional pair, hostility in [0, 1], basis and evidence.
fn read_start(r: &mut Reader, t: &Tbl) -> Vec<StartPlacement> {
    t.tables(r, "start")
        .iter()
        .filter_map(|e| {
            let domain = e.string(r, "domain", true);
            let from = e.string(r, "from", false);
            let to = e.string(r, "to", false);
            if from.is_some() != to.is_some() {
                let key = if from.is_some() { "to" } else { "from" };
                r.error(
                    Kind::MissingKey,
                    format!(
                        "a pair's starting state needs both `from` and `to`; `{key}` is missing"
                    ),
                    &e.key_path(key),
                    e.span.clone(),
                )
                .expected = Some("from = \"ACTOR\" and to = \"ACTOR\", or neither".into());
            }
            let hostility = e.uncertain(r, "hostility", true).and_then(|u| {
                check_range(
                    r,
                    e,
                    "hostility",
                    u,
                    0.0,
                    1.0,
                    "a probability in [0, 1] that a channel opens hostile",
                )
            });
            let bases = ["analyst", "coded"];
            let basis = keyword(
                r,
                e,
                "basis",
                true,
                |s| bases.contains(&s).then(|| s.to_string()),
                &bases,
            );
            let evidence = e.string(r, "evidence", true);
            let source = e.string(r, "source", false);
            e.finish(
                r,
                &[
                    "domain",
                    "from",
                    "to",
                    "hostility",
                    "basis",
                    "evidence",
                    "source",
                ],
            );
            if from.is_some() != to.is_some() {
                return None;
            }
            Some(StartPlacement {
                domain: domain?,
                from,
                to,
                hostility: hostility?,
                basis: basis?,
                evidence: evidence?,
                source,
            })
        })
        .collect()
}

fn read_richardson(r: &mut Reader, t: &Tbl) -> RichardsonSpec {
    let actors = t.strings(r, "actors", false);
    let mut rate = |key: &str| {
        t.uncertain(r, key, false)
            .and_then(|u| check_range(r, t, key, u, -10.0, 10.0, "a rate per year in [−10, 10]"))
    };
    let rival_reaction = rate("rival_reaction");
    let ally_reaction = rate("ally_reaction");
    let fatigue = rate("fatigue");
    let grievance = keyword(
        r,
        t,
        "grievance",
        false,
        |s| (s == "calibrated").then(|| s.to_string()),
        &["calibrated"],
    );
    t.finish(
        r,
        &[
            "actors",
            "rival_reaction",
            "ally_reaction",
            "fatigue",
            "grievance",
        ],
    );
    RichardsonSpec {
        actors,
        rival_reaction,
        ally_reaction,
        fatigue,
        grievance,
    }
}

fn read_experiment(r: &mut Reader, t: &Tbl) -> ExperimentSection {
    let runs = t.unsigned(r, "runs", false);
    let seed = t.unsigned(r, "seed", false);
    t.finish(r, &["runs", "seed"]);
    ExperimentSection { runs, seed }
}

// Magnitude bounds. Models multiply capabilities by saliences and positions and sum them over
// every actor; keeping each input within these bounds keeps every such sum finite (10^15 ×
// 10^9 × 10^6 actors is 10^30, far below f64's 10^308), so no result is NaN or infinite.

/// Largest magnitude of an issue scale's ends (`[issue] scale = { min, max }`).
pub const MAX_SCALE: f64 = 1e9;
/// Largest capability (actor or stance): 10^15 holds world GDP in US$ and military spending in
/// any unit the world data uses.
pub const MAX_CAPABILITY: f64 = 1e15;
/// Largest population, in millions.
pub const MAX_POPULATION: f64 = 1e6;
/// Largest magnitude of an explicit align propensity.
pub const MAX_PROPENSITY: f64 = 1e6;
/// Largest escalate coupling rate (spillover, contagion, interdependence, grievance).
pub const MAX_RATE: f64 = 1e6;
const CAPABILITY_RANGE: &str = "a capability from 0 to 1e15";

/// Whether both ends of a scale lie within ±[`MAX_SCALE`]; reports the end that does not.
fn scale_in_bounds(r: &mut Reader, s: &Tbl, min: f64, max: f64) -> bool {
    let mut ok = true;
    for (key, v) in [("min", min), ("max", max)] {
        if v.abs() > MAX_SCALE {
            let span = s.get(key).map(|n| n.span()).unwrap_or(s.span.clone());
            r.error(
                Kind::OutOfRange,
                format!("the scale's {key} ({v:e}) is too large for finite arithmetic"),
                &s.key_path(key),
                span,
            )
            .expected = Some("scale ends between -1e9 and 1e9".into());
            ok = false;
        }
    }
    ok
}

/// A number for a message: as written up to 10^9, with an exponent beyond (`1e308`, not 309
/// digits).
fn compact(x: f64) -> String {
    if x.abs() >= 1e9 {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// An uncertain number for a message, compact like [`compact`].
fn compact_uncertain(u: Uncertain) -> String {
    if u.low().abs() >= 1e9 || u.high().abs() >= 1e9 {
        match u {
            Uncertain::Fixed(x) => compact(x),
            _ => format!(
                "{{ low = {}, high = {} }}",
                compact(u.low()),
                compact(u.high())
            ),
        }
    } else {
        u.to_string()
    }
}

/// Whether `s` is a valid id: letters, digits, `-`, `_` or `.`, not empty.
pub(super) fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The `id` of a table as written, when it is a string (else empty): an invalid id kept as a
/// placeholder after its diagnostic was reported.
fn raw_id(t: &Tbl) -> String {
    match t.get("id").map(|v| v.get_ref()) {
        Some(DeValue::String(s)) if !is_valid_id(s) => s.to_string(),
        _ => String::new(),
    }
}
