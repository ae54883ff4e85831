//! The DEU layout → [`Imported`]: a long CSV with one row per (proposal, issue, actor), as the
//! "Decision-making in the European Union" data sets (Thomson, Stokman, Achen & König; DEU
//! I–III, doi:10.34810/data53) can be reshaped into (docs/import-deu.md).
//!
//! Columns, matched in any capitalisation and order: `proposal`, `issue`, `actor`, `position`
//! (0–100), `salience` (0–100, divided by 100), optional `capability` (default 1 for every
//! actor), `description` and `date`. Two reserved actors carry issue facts rather than stances:
//! `OUTCOME` (the decision outcome, 0–100, becomes `known_outcome`) and `SQ` (the reference
//! point, becomes the status quo). `COM` and `EP` (Commission, Parliament) bargain with vote
//! weight 0; every other actor is a member state and votes in the Council by qualified majority
//! (or the rule in [`ImportOptions::rule`]) with vote weight = its capability. Lines starting
//! with `#` are comments. An issue without an `OUTCOME` row is imported with a note.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::csv_text::{Lines, reader};
use super::detect::{Format, ImportOptions};
use super::toml_out::scenario_id;
use super::{
    ImportError, ImportErrors, Imported, ImportedActor, ImportedBody, ImportedIssue,
    ImportedOutcome, ImportedSource,
};
use crate::decide::{DecisionRule, ResolvedIssue, Scale, Stance};

/// Reserved actor code of the decision-outcome row.
pub const OUTCOME: &str = "OUTCOME";
/// Reserved actor code of the reference-point (status quo) row.
pub const STATUS_QUO: &str = "SQ";
/// Actor codes that bargain but do not vote in the Council: the Commission and the Parliament.
pub const NON_MEMBERS: [&str; 2] = ["COM", "EP"];
/// The data set every DEU-layout file is read as coming from.
pub const CITATION: &str = "Decision-making in the European Union (DEU I–III) data set: \
                            Thomson, Stokman, Achen & König (DEU I), Thomson (DEU II), Arregui & \
                            Perarnaud (DEU III); CC BY 4.0, doi:10.34810/data53";

/// Required columns, then optional ones.
const REQUIRED: [&str; 5] = ["proposal", "issue", "actor", "position", "salience"];
const OPTIONAL: [&str; 3] = ["capability", "description", "date"];

/// The DEU positions and outcomes scale.
const SCALE: (f64, f64) = (0.0, 100.0);

/// Where each known column is (0-based field index).
#[derive(Debug, Default)]
struct Columns {
    index: HashMap<&'static str, usize>,
    ignored: Vec<String>,
}

impl Columns {
    fn get(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }
}

/// Read the header; duplicated known columns are errors at `line`.
fn header(fields: &[String], line: usize, errors: &mut Vec<ImportError>) -> Columns {
    let mut cols = Columns::default();
    for (k, raw) in fields.iter().enumerate() {
        let name = raw
            .trim()
            .trim_start_matches('\u{feff}')
            .to_ascii_lowercase();
        match REQUIRED.iter().chain(&OPTIONAL).find(|c| **c == name) {
            Some(&known) => {
                if let Some(first) = cols.index.get(known) {
                    errors.push(ImportError::at(
                        line,
                        k + 1,
                        format!(
                            "column '{known}' appears twice (first as column {})",
                            first + 1
                        ),
                    ));
                } else {
                    cols.index.insert(known, k);
                }
            }
            None if !name.is_empty() => cols.ignored.push(raw.trim().to_string()),
            None => {}
        }
    }
    cols
}

/// Whether `text`'s first record (after `#` comments) is a DEU-layout header.
pub fn looks_like(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    let Some(Ok(first)) = reader(text, Some(b'#')).records().next() else {
        return false;
    };
    let fields: Vec<String> = first.iter().map(str::to_string).collect();
    let cols = header(&fields, 1, &mut Vec::new());
    REQUIRED.iter().all(|c| cols.get(c).is_some())
}

/// One actor's stance as read.
#[derive(Debug)]
struct Row {
    actor: String,
    position: f64,
    salience: f64,
    capability: f64,
}

/// Everything read about one (proposal, issue).
#[derive(Debug, Default)]
struct IssueRows {
    proposal: String,
    issue: String,
    line: usize,
    stances: Vec<Row>,
    outcome: Option<f64>,
    status_quo: Option<f64>,
    description: String,
    date: String,
    /// Actor key (specials upper-cased) → line of its row.
    seen: HashMap<String, usize>,
    /// Whether one of its rows had an error (then a missing stance is no news).
    bad_rows: bool,
}

/// Whether `actor` is the Commission or the Parliament.
fn is_non_member(actor: &str) -> bool {
    NON_MEMBERS.iter().any(|n| n.eq_ignore_ascii_case(actor))
}

/// The key under which a row's actor must be unique within its issue.
fn actor_key(actor: &str) -> String {
    if [OUTCOME, STATUS_QUO]
        .iter()
        .chain(&NON_MEMBERS)
        .any(|r| r.eq_ignore_ascii_case(actor))
    {
        actor.to_ascii_uppercase()
    } else {
        actor.to_string()
    }
}

/// A number in `[lo, hi]` from field `col` of a record, or the error to report.
fn number(
    fields: &csv::StringRecord,
    col: usize,
    line: usize,
    what: &str,
    (lo, hi): (f64, f64),
) -> Result<f64, ImportError> {
    let text = fields.get(col).unwrap_or("");
    let range = if hi.is_finite() {
        format!("from {lo} to {hi}")
    } else {
        format!("≥ {lo}")
    };
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() && (lo..=hi).contains(&x) => Ok(x),
        Ok(x) if x.is_finite() => Err(ImportError::at(
            line,
            col + 1,
            format!("{what} {x} is out of range: expected a number {range}"),
        )),
        _ => Err(ImportError::at(
            line,
            col + 1,
            format!("{what} must be a number, found '{text}'"),
        )),
    }
}

/// The Council's weighted-vote quota for qualified majority before 2014, by number of members:
/// 54/76 (EC-12, 1986–1994), 62/87 (EU-15, 1995–Oct 2004), 232/321 (EU-25, Nov 2004–2006),
/// 255/345 (EU-27, 2007–Oct 2014); 0.71 for any other size (every weighted quota the Council
/// used lay between 0.70 and 0.74).
pub fn council_quota(members: usize) -> f64 {
    match members {
        12 => 54.0 / 76.0,
        15 => 62.0 / 87.0,
        25 => 232.0 / 321.0,
        27 => 255.0 / 345.0,
        _ => 0.71,
    }
}

/// Parse DEU-layout text.
pub fn parse(content: &str, options: &ImportOptions) -> Result<Imported, ImportErrors> {
    let content = content.trim_start_matches('\u{feff}');
    let mut errors = Vec::new();
    let lines = Lines::new(content, Some(b'#'));
    let mut records = reader(content, Some(b'#')).into_records();
    let (head, head_line) = loop {
        match records.next() {
            None => return Err(ImportError::at(0, 0, "the file has no header row").into()),
            Some(Ok(r)) => {
                let line = lines.of(&r);
                break (r, line);
            }
            Some(Err(e)) => errors.push(csv_error(&lines, &e)),
        }
    };
    let fields: Vec<String> = head.iter().map(str::to_string).collect();
    let cols = header(&fields, head_line, &mut errors);
    let missing: Vec<String> = REQUIRED
        .iter()
        .filter(|c| cols.get(c).is_none())
        .map(|c| format!("'{c}'"))
        .collect();
    if !missing.is_empty() {
        errors.push(ImportError::at(
            head_line,
            0,
            format!(
                "the header has no {} column{} (the DEU layout needs proposal, issue, actor, \
                 position, salience; capability, description and date are optional)",
                missing.join(", "),
                if missing.len() > 1 { "s" } else { "" }
            ),
        ));
    }
    let (Some(cp), Some(ci), Some(ca), Some(cx), Some(cs)) = (
        cols.get("proposal"),
        cols.get("issue"),
        cols.get("actor"),
        cols.get("position"),
        cols.get("salience"),
    ) else {
        return Err(ImportErrors(errors));
    };
    let cc = cols.get("capability");
    let text_at = |r: &csv::StringRecord, c: Option<usize>| {
        c.and_then(|c| r.get(c)).unwrap_or("").to_string()
    };

    let mut issues: Vec<IssueRows> = Vec::new();
    let mut issue_index: HashMap<(String, String), usize> = HashMap::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                errors.push(csv_error(&lines, &e));
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        let line = lines.of(&record);
        let mut key = [String::new(), String::new(), String::new()];
        let mut complete = true;
        for (slot, (col, what)) in [(cp, "proposal"), (ci, "issue"), (ca, "actor")]
            .into_iter()
            .enumerate()
        {
            key[slot] = record.get(col).unwrap_or("").to_string();
            if key[slot].is_empty() {
                errors.push(ImportError::at(
                    line,
                    col + 1,
                    format!("the {what} is empty"),
                ));
                complete = false;
            }
        }
        if !complete {
            continue;
        }
        let [proposal, issue, actor] = key;
        let k = *issue_index
            .entry((proposal.clone(), issue.clone()))
            .or_insert_with(|| {
                issues.push(IssueRows {
                    proposal: proposal.clone(),
                    issue: issue.clone(),
                    line,
                    ..IssueRows::default()
                });
                issues.len() - 1
            });
        let acc = &mut issues[k];
        let akey = actor_key(&actor);
        if let Some(first) = acc.seen.get(&akey) {
            errors.push(ImportError::at(
                line,
                ca + 1,
                format!(
                    "actor '{actor}' appears twice on issue '{issue}' of proposal '{proposal}' \
                     (first on line {first})"
                ),
            ));
            continue;
        }
        acc.seen.insert(akey.clone(), line);
        if acc.description.is_empty() {
            acc.description = text_at(&record, cols.get("description"));
        }
        if acc.date.is_empty() {
            acc.date = text_at(&record, cols.get("date"));
        }
        let what = match akey.as_str() {
            OUTCOME => "outcome".to_string(),
            STATUS_QUO => "reference point (SQ)".to_string(),
            _ => format!("position of actor '{actor}'"),
        };
        let position = number(&record, cx, line, &what, SCALE);
        if akey == OUTCOME || akey == STATUS_QUO {
            match position {
                Ok(x) if akey == OUTCOME => acc.outcome = Some(x),
                Ok(x) => acc.status_quo = Some(x),
                Err(e) => {
                    errors.push(e);
                    acc.bad_rows = true;
                }
            }
            continue;
        }
        let salience = number(
            &record,
            cs,
            line,
            &format!("salience of actor '{actor}'"),
            SCALE,
        );
        let capability = cc.map_or(Ok(1.0), |c| {
            number(
                &record,
                c,
                line,
                &format!("capability of actor '{actor}'"),
                (0.0, f64::INFINITY),
            )
        });
        match (position, salience, capability) {
            (Ok(position), Ok(salience), Ok(capability)) => acc.stances.push(Row {
                actor,
                position,
                salience: salience / 100.0,
                capability,
            }),
            (p, s, c) => {
                errors.extend([p.err(), s.err(), c.err()].into_iter().flatten());
                acc.bad_rows = true;
            }
        }
    }
    for acc in &issues {
        if acc.stances.is_empty() && !acc.bad_rows {
            errors.push(ImportError::at(
                acc.line,
                ci + 1,
                format!(
                    "issue '{}' of proposal '{}' has no actor rows (only OUTCOME or SQ)",
                    acc.issue, acc.proposal
                ),
            ));
        }
    }
    if issues.is_empty() && errors.is_empty() {
        errors.push(ImportError::at(0, 0, "the file has no data rows"));
    }
    if !errors.is_empty() {
        crate::order::sort_by_key(&mut errors, |e| (e.line, e.column));
        return Err(ImportErrors(errors));
    }
    Ok(build(issues, &cols, options))
}

fn csv_error(lines: &Lines, e: &csv::Error) -> ImportError {
    ImportError::at(lines.of_error(e), 0, format!("unreadable CSV: {e}"))
}

/// Turn the checked rows into issues, actors, Council bodies, sources and notes.
fn build(issues: Vec<IssueRows>, cols: &Columns, options: &ImportOptions) -> Imported {
    let capability_column = cols.get("capability").is_some();
    // Actors in order of first appearance.
    let mut actors: Vec<ImportedActor> = Vec::new();
    let mut known = BTreeSet::new();
    for row in issues.iter().flat_map(|i| &i.stances) {
        if known.insert(row.actor.clone()) {
            actors.push(ImportedActor {
                id: row.actor.clone(),
                name: row.actor.clone(),
                comment: if is_non_member(&row.actor) {
                    "bargains, does not vote in the Council".into()
                } else {
                    String::new()
                },
            });
        }
    }
    let order: HashMap<&str, usize> = actors
        .iter()
        .enumerate()
        .map(|(k, a)| (a.id.as_str(), k))
        .collect();

    // One Council per distinct set of member states (e.g. EU-15 and EU-25 proposals).
    let mut member_sets: Vec<BTreeSet<usize>> = Vec::new();
    let mut proposal_body: HashMap<&str, usize> = HashMap::new();
    for acc in &issues {
        if proposal_body.contains_key(acc.proposal.as_str()) {
            continue;
        }
        let set: BTreeSet<usize> = issues
            .iter()
            .filter(|i| i.proposal == acc.proposal)
            .flat_map(|i| &i.stances)
            .filter(|r| !is_non_member(&r.actor))
            .map(|r| order[r.actor.as_str()])
            .collect();
        if set.is_empty() {
            continue;
        }
        let k = member_sets
            .iter()
            .position(|s| *s == set)
            .unwrap_or_else(|| {
                member_sets.push(set);
                member_sets.len() - 1
            });
        proposal_body.insert(acc.proposal.as_str(), k);
    }
    let weights = if capability_column {
        "capability"
    } else {
        "equal"
    };
    let mut used: BTreeSet<String> = actors.iter().map(|a| a.id.clone()).collect();
    let bodies: Vec<ImportedBody> = member_sets
        .iter()
        .map(|set| {
            let base = if member_sets.len() == 1 {
                "Council".to_string()
            } else {
                format!("Council-{}", set.len())
            };
            let mut id = base.clone();
            let mut n = 2;
            while !used.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            let rule = options
                .rule
                .clone()
                .unwrap_or(DecisionRule::QualifiedMajority {
                    threshold: council_quota(set.len()),
                    double: None,
                });
            ImportedBody {
                name: format!("Council of the EU ({} member states)", set.len()),
                id,
                members: set.iter().map(|&k| actors[k].id.clone()).collect(),
                rule,
                weights: weights.to_string(),
            }
        })
        .collect();

    let mut notes = vec![
        "saliences were read on 0–100 and divided by 100; positions, outcomes and reference \
         points stay on the 0–100 scale"
            .to_string(),
    ];
    if !capability_column {
        notes.push("no capability column: every actor has capability 1".to_string());
    }
    for b in &bodies {
        let rule = serde_json::to_value(&b.rule)
            .ok()
            .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(String::from))
            .unwrap_or_default();
        let quota = match &b.rule {
            DecisionRule::QualifiedMajority { threshold, .. } => {
                format!(" (quota {threshold:.4} of the vote weight)")
            }
            _ => String::new(),
        };
        notes.push(format!(
            "{} decides by {rule}{quota}, {} members voting with {weights} weights",
            b.id,
            b.members.len()
        ));
    }
    if actors.iter().any(|a| is_non_member(&a.id)) {
        notes.push(
            "COM and EP (Commission, Parliament) bargain but have no vote in the Council"
                .to_string(),
        );
    }
    let no_outcome: Vec<String> = issues
        .iter()
        .filter(|i| i.outcome.is_none())
        .map(|i| format!("{}/{}", i.proposal, i.issue))
        .collect();
    if !no_outcome.is_empty() {
        notes.push(format!(
            "{} issue(s) have no OUTCOME row and get no known_outcome: {}",
            no_outcome.len(),
            no_outcome.join(", ")
        ));
    }
    let no_sq = issues.iter().filter(|i| i.status_quo.is_none()).count();
    if no_sq > 0 {
        notes.push(format!(
            "{no_sq} issue(s) have no SQ row: decision rules need a status quo and are skipped there"
        ));
    }
    if !cols.ignored.is_empty() {
        notes.push(format!("columns not read: {}", cols.ignored.join(", ")));
    }

    let mut sources: Vec<ImportedSource> = Vec::new();
    let mut issue_ids = BTreeSet::new();
    let imported_issues = issues
        .iter()
        .map(|acc| {
            let body = proposal_body
                .get(acc.proposal.as_str())
                .map(|&k| &bodies[k]);
            let stances = acc
                .stances
                .iter()
                .map(|r| {
                    let voter = body.is_some_and(|b| b.members.contains(&r.actor));
                    Stance {
                        vote_weight: match (voter, capability_column) {
                            (false, _) => 0.0,
                            (true, true) => r.capability,
                            (true, false) => 1.0,
                        },
                        ..Stance::new(r.actor.clone(), r.capability, r.position, r.salience)
                    }
                })
                .collect();
            let base = scenario_id(&format!("{}-{}", acc.proposal, acc.issue));
            let mut id = base.clone();
            let mut n = 2;
            while !issue_ids.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            let mut question = format!("Proposal {}, issue {}", acc.proposal, acc.issue);
            if !acc.description.is_empty() {
                question = format!("{question}: {}", acc.description);
            }
            let known_outcome = acc.outcome.map(|value| {
                let source = format!("deu-{}", scenario_id(&acc.proposal));
                if !sources.iter().any(|s| s.id == source) {
                    sources.push(ImportedSource {
                        id: source.clone(),
                        cite: format!("{CITATION}; proposal {}", acc.proposal),
                    });
                }
                let mut note = format!(
                    "DEU outcome of issue {} of proposal {}",
                    acc.issue, acc.proposal
                );
                if !acc.date.is_empty() {
                    note = format!("{note}, decided {}", acc.date);
                }
                ImportedOutcome {
                    value,
                    source,
                    note,
                }
            });
            ImportedIssue {
                issue: ResolvedIssue {
                    question,
                    status_quo: acc.status_quo.map(|q| vec![q]),
                    rule: body.map(|b| b.rule.clone()),
                    ..ResolvedIssue::one_dimensional(id, Scale::new(SCALE.0, SCALE.1), stances)
                },
                comment: format!("first row on line {}", acc.line),
                markers: Vec::new(),
                body: body.map(|b| b.id.clone()),
                known_outcome,
            }
        })
        .collect::<Vec<_>>();
    let proposals: BTreeSet<&str> = issues.iter().map(|i| i.proposal.as_str()).collect();
    Imported {
        format: Format::Deu,
        title: options
            .title
            .clone()
            .unwrap_or_else(|| "DEU-layout import".to_string()),
        description: format!(
            "{} proposals, {} issues read from a file in the DEU layout",
            proposals.len(),
            imported_issues.len()
        ),
        actors,
        issues: imported_issues,
        bodies,
        sources,
        notes,
        extra: BTreeMap::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_COUNCILS: &str = "# comment line\n\
        Proposal,Issue,Actor,Position,Salience,Capability\n\
        P1,1,COM,80,50,1\nP1,1,DE,20,90,10\nP1,1,FR,60,40,10\nP1,1,OUTCOME,50,,\n\
        \n\
        P2,1,de,0,100,29\nP2,1,fr,100,100,29\nP2,1,PL,50,100,27\nP2,1,sq,10,,\n";

    #[test]
    fn distinct_member_sets_get_their_own_council() {
        let imp = parse(TWO_COUNCILS, &ImportOptions::default()).expect("valid");
        assert_eq!(imp.bodies.len(), 2);
        assert_eq!(imp.bodies[0].id, "Council-2");
        assert_eq!(imp.bodies[0].members, ["DE", "FR"]);
        assert_eq!(imp.bodies[1].id, "Council-3");
        assert_eq!(imp.bodies[1].members, ["de", "fr", "PL"]);
        assert_eq!(imp.issues[1].body.as_deref(), Some("Council-3"));
        let p1 = &imp.issues[0].issue;
        assert_eq!(p1.stances[0].vote_weight, 0.0);
        assert_eq!(p1.stances[1].vote_weight, 10.0);
        assert_eq!(p1.stances[1].s(), 0.9);
        assert_eq!(p1.status_quo, None);
        assert_eq!(imp.issues[1].issue.status_quo, Some(vec![10.0]));
        assert_eq!(imp.issues[1].known_outcome, None);
        assert_eq!(
            imp.issues[0].known_outcome.as_ref().map(|k| k.value),
            Some(50.0)
        );
    }

    #[test]
    fn line_numbers_count_comments_and_blank_lines() {
        let bad = TWO_COUNCILS.replace("PL,50,", "PL,x,");
        let e = parse(&bad, &ImportOptions::default()).expect_err("bad position");
        assert_eq!(e.0.len(), 1);
        assert_eq!((e.0[0].line, e.0[0].column), (10, 4));
    }

    #[test]
    fn quotas_follow_the_size_of_the_council() {
        assert_eq!(council_quota(15), 62.0 / 87.0);
        assert_eq!(council_quota(27), 255.0 / 345.0);
        assert_eq!(council_quota(5), 0.71);
    }

    #[test]
    fn a_chosen_rule_replaces_qualified_majority() {
        let options = ImportOptions {
            rule: Some(DecisionRule::Unanimity),
            ..ImportOptions::default()
        };
        let imp = parse(TWO_COUNCILS, &options).expect("valid");
        assert!(imp.bodies.iter().all(|b| b.rule == DecisionRule::Unanimity));
        assert_eq!(imp.issues[0].issue.rule, Some(DecisionRule::Unanimity));
    }

    #[test]
    fn the_header_is_recognised_in_any_case_and_order() {
        assert!(looks_like("# c\nSALIENCE,Position,actor,Issue,PROPOSAL\n"));
        assert!(!looks_like("actor,capability,position,salience\n"));
        assert!(!looks_like(""));
    }
}
