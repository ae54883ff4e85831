//! Decide/Stokman CSV (`#A #P #M #D` rows) → [`Imported`].
//!
//! Delimiter: tab, else `;` or `,` when the first line has no tab. Fields may be quoted with
//! `'` or `"`. Row types: `#A` actor (key, name, comment), `#P` issue (key, name, comment),
//! `#M` scale marker (issue key, position, description), `#D` stance (actor key, issue key,
//! position, salience, power), `#O` model description, `#/` and `#0` comments. An issue's
//! scale is the `[min, max]` of its markers, 0–100 without markers. Power is per actor-issue
//! and becomes the stance's capability. Every problem is collected with line and column
//! (column = 1-based field number).

use std::collections::{BTreeMap, BTreeSet};

use super::detect::{Format, ImportOptions};
use super::{ImportError, ImportErrors, Imported, ImportedActor, ImportedIssue};
use crate::decide::{ResolvedIssue, Scale, Stance};

/// Whether `text` looks like a Decide CSV: some line's first field is a `#A/#P/#D` marker.
pub fn looks_like(text: &str) -> bool {
    text.lines().take(50).any(|l| {
        let f = clean(l.split(['\t', ';', ',']).next().unwrap_or(""));
        matches!(f, "#A" | "#P" | "#D" | "#M")
    })
}

fn clean(field: &str) -> &str {
    let f = field.trim();
    let f = f
        .strip_prefix('\'')
        .and_then(|g| g.strip_suffix('\''))
        .or_else(|| f.strip_prefix('"').and_then(|g| g.strip_suffix('"')))
        .unwrap_or(f);
    f.trim()
}

struct Row<'a> {
    line: usize,
    fields: Vec<&'a str>,
}

impl Row<'_> {
    /// Field `col` (1-based), empty when absent.
    fn get(&self, col: usize) -> &str {
        self.fields.get(col - 1).copied().unwrap_or("")
    }

    /// Fields from `col` on, joined: extra trailing fields belong to the comment.
    fn rest(&self, col: usize, delimiter: char) -> String {
        if self.fields.len() < col {
            return String::new();
        }
        self.fields[col - 1..]
            .iter()
            .filter(|f| !f.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(&delimiter.to_string().replace('\t', " "))
    }

    fn number(&self, col: usize, what: &str, errors: &mut Vec<ImportError>) -> Option<f64> {
        let text = self.get(col);
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            _ => {
                let shown = if text.is_empty() { "nothing" } else { text };
                errors.push(ImportError::at(
                    self.line,
                    col,
                    format!("{what} must be a number, found '{shown}'"),
                ));
                None
            }
        }
    }
}

struct IssueDraft {
    key: String,
    name: String,
    comment: String,
    markers: Vec<(f64, String)>,
    stances: Vec<Stance>,
}

/// Parse Decide CSV text.
pub fn parse(content: &str, options: &ImportOptions) -> Result<Imported, ImportErrors> {
    let content = content.trim_start_matches('\u{feff}');
    let first = content.lines().next().unwrap_or("");
    let delimiter = if first.contains('\t') {
        '\t'
    } else if first.contains(';') {
        ';'
    } else if first.contains(',') {
        ','
    } else {
        '\t'
    };
    let rows: Vec<Row> = content
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(k, l)| Row {
            line: k + 1,
            fields: l.split(delimiter).map(clean).collect(),
        })
        .collect();

    let mut errors = Vec::new();
    let mut title = String::new();
    let mut actors: Vec<ImportedActor> = Vec::new();
    let mut actor_index = BTreeMap::new();
    let mut issues: Vec<IssueDraft> = Vec::new();
    let mut issue_index = BTreeMap::new();
    for row in &rows {
        match row.get(1) {
            "#A" | "#P" => {
                let key = row.get(2);
                if key.is_empty() {
                    errors.push(ImportError::at(row.line, 2, "the key is empty"));
                    continue;
                }
                let name = match row.get(3) {
                    "" => key.to_string(),
                    n => n.to_string(),
                };
                let comment = row.rest(4, delimiter);
                if row.get(1) == "#A" {
                    if actor_index.insert(key.to_string(), actors.len()).is_some() {
                        errors.push(dup(row, "actor", key));
                        continue;
                    }
                    actors.push(ImportedActor {
                        id: key.to_string(),
                        name,
                        comment,
                    });
                } else {
                    if issue_index.insert(key.to_string(), issues.len()).is_some() {
                        errors.push(dup(row, "issue", key));
                        continue;
                    }
                    issues.push(IssueDraft {
                        key: key.to_string(),
                        name,
                        comment,
                        markers: Vec::new(),
                        stances: Vec::new(),
                    });
                }
            }
            "#O" => {
                if title.is_empty() {
                    title = row.rest(2, delimiter);
                }
            }
            "#M" | "#D" | "#/" | "#0" => {}
            other => errors.push(ImportError::at(
                row.line,
                1,
                format!("unknown row type '{other}' (expected #A, #P, #M, #D, #O, #/ or #0)"),
            )),
        }
    }
    read_markers(&rows, delimiter, &issue_index, &mut issues, &mut errors);
    let scales: Vec<(Scale, bool)> = issues.iter().map(scale_of).collect();
    read_stances(
        &rows,
        &actor_index,
        &issue_index,
        &scales,
        &mut issues,
        &mut errors,
    );

    if !errors.is_empty() {
        crate::order::sort_by_key(&mut errors, |e| (e.line, e.column));
        return Err(ImportErrors(errors));
    }
    if title.is_empty() {
        title = options.title.clone().unwrap_or_default();
    }
    let issues = issues
        .into_iter()
        .zip(scales)
        .map(|(d, (scale, _))| ImportedIssue {
            issue: ResolvedIssue {
                question: d.name,
                dimensions: vec![d.key.clone()],
                id: d.key,
                scale,
                stances: d.stances,
                status_quo: None,
                rule: None,
                silent: Vec::new(),
                proposer: None,
                linkage: false,
            },
            comment: d.comment,
            markers: d.markers,
            body: None,
            known_outcome: None,
        })
        .collect();
    Ok(Imported {
        format: Format::Decide,
        title,
        description: String::new(),
        actors,
        issues,
        bodies: Vec::new(),
        sources: Vec::new(),
        notes: Vec::new(),
        extra: BTreeMap::new(),
    })
}

fn dup(row: &Row, what: &str, key: &str) -> ImportError {
    ImportError::at(row.line, 2, format!("{what} '{key}' is declared twice"))
}

fn read_markers(
    rows: &[Row],
    delimiter: char,
    issue_index: &BTreeMap<String, usize>,
    issues: &mut [IssueDraft],
    errors: &mut Vec<ImportError>,
) {
    let mut last_line = BTreeMap::new();
    for row in rows.iter().filter(|r| r.get(1) == "#M") {
        let key = row.get(2);
        let Some(&p) = issue_index.get(key) else {
            errors.push(ImportError::at(
                row.line,
                2,
                format!("#M row names issue '{key}', which no #P row declares"),
            ));
            continue;
        };
        if let Some(x) = row.number(3, "scale marker position", errors) {
            issues[p].markers.push((x, row.rest(4, delimiter)));
            last_line.insert(p, row.line);
        }
    }
    for (p, line) in last_line {
        let (lo, hi) = bounds(&issues[p].markers);
        if lo >= hi {
            errors.push(ImportError::at(
                line,
                3,
                format!(
                    "the #M rows of issue '{}' do not span a scale (lower end {lo} is not below \
                     upper end {hi})",
                    issues[p].key
                ),
            ));
        }
    }
}

fn bounds(markers: &[(f64, String)]) -> (f64, f64) {
    markers
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (x, _)| {
            (lo.min(*x), hi.max(*x))
        })
}

/// The issue's scale and whether it is the default 0–100 (no `#M` rows).
fn scale_of(d: &IssueDraft) -> (Scale, bool) {
    if d.markers.is_empty() {
        return (Scale::new(0.0, 100.0), true);
    }
    let (lo, hi) = bounds(&d.markers);
    let label = |v: f64| {
        d.markers
            .iter()
            .find(|(x, t)| *x == v && !t.is_empty())
            .map(|(_, t)| t.clone())
    };
    let mut s = Scale::new(lo, hi);
    s.lo_label = label(lo);
    s.hi_label = label(hi);
    (s, false)
}

fn read_stances(
    rows: &[Row],
    actor_index: &BTreeMap<String, usize>,
    issue_index: &BTreeMap<String, usize>,
    scales: &[(Scale, bool)],
    issues: &mut [IssueDraft],
    errors: &mut Vec<ImportError>,
) {
    let mut seen = BTreeSet::new();
    for row in rows.iter().filter(|r| r.get(1) == "#D") {
        let (actor, issue) = (row.get(2), row.get(3));
        let mut ok = true;
        if !actor_index.contains_key(actor) {
            errors.push(ImportError::at(
                row.line,
                2,
                format!("actor '{actor}' is not declared by an #A row"),
            ));
            ok = false;
        }
        let p = issue_index.get(issue).copied();
        if p.is_none() {
            errors.push(ImportError::at(
                row.line,
                3,
                format!("issue '{issue}' is not declared by a #P row"),
            ));
            ok = false;
        }
        let position = row.number(4, "position", errors);
        let salience = row.number(5, "salience", errors);
        let power = row.number(6, "power", errors);
        let (Some(p), Some(x), Some(s), Some(c), true) = (p, position, salience, power, ok) else {
            continue;
        };
        let (scale, default) = &scales[p];
        let where_ = format!("of actor '{actor}' on issue '{issue}'");
        if !scale.contains(x) {
            let why = if *default {
                "no #M rows: default scale"
            } else {
                "from the #M rows"
            };
            errors.push(ImportError::at(
                row.line,
                4,
                format!(
                    "position {x} {where_} is outside the issue scale {}–{} ({why})",
                    scale.lo, scale.hi
                ),
            ));
            ok = false;
        }
        for (v, col, what) in [(s, 5, "salience"), (c, 6, "power")] {
            if !(0.0..=1.0).contains(&v) {
                errors.push(ImportError::at(
                    row.line,
                    col,
                    format!("{what} {v} {where_} must be between 0 and 1"),
                ));
                ok = false;
            }
        }
        if !seen.insert((actor.to_string(), p)) {
            errors.push(ImportError::at(
                row.line,
                2,
                format!("actor '{actor}' has a second #D row on issue '{issue}'"),
            ));
            ok = false;
        }
        if ok {
            issues[p].stances.push(Stance::new(actor, c, x, s));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_tab_rows_and_markers() {
        let text = "'#A'\t'a'\t'Alpha'\t''\n'#A'\t'b'\t'b'\n'#P'\t'p'\t'Issue p'\t'c'\n\
                    '#M'\t'p'\t0.5\tlow\n'#M'\t'p'\t7\thigh\n'#D'\t'a'\t'p'\t3.0\t0.7\t1.0\n";
        let imp = parse(text, &ImportOptions::default()).expect("valid");
        assert_eq!(imp.actors[0].name, "Alpha");
        let i = &imp.issues[0].issue;
        assert_eq!((i.scale.lo, i.scale.hi), (0.5, 7.0));
        assert_eq!(i.scale.hi_label.as_deref(), Some("high"));
        assert_eq!(i.stances.len(), 1);
        assert_eq!(i.stances[0].capability, 1.0);
    }

    #[test]
    fn comma_delimited_and_errors_located() {
        let text = "#A,a,A\n#P,p,P\n#D,a,p,50,x,1\n#D,z,p,50,0.5,1\n#M,q,1\n";
        let e = parse(text, &ImportOptions::default()).expect_err("invalid");
        let at: Vec<(usize, usize)> = e.0.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(at, vec![(3, 5), (4, 2), (5, 2)]);
    }

    #[test]
    fn duplicate_stance_is_an_error() {
        let text = "#A\ta\n#P\tp\n#D\ta\tp\t1\t1\t1\n#D\ta\tp\t2\t1\t1\n";
        let e = parse(text, &ImportOptions::default()).expect_err("invalid");
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.0[0].line, 4);
    }
}
