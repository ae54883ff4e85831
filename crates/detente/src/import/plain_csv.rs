//! Plain `actor,capability,position,salience` CSV → [`Imported`] with one issue.
//!
//! Header names are matched in any capitalisation and order; `Stakeholder` and `Resources`
//! are synonyms of `actor` and `capability`. Fields may be quoted (`"Korea, Republic of"`). If any salience exceeds 1 the column is read on
//! 0–100 and divided by 100 (a note says so). The scale is `[min position, max position]`
//! unless [`ImportOptions::scale`] gives one.

use std::collections::{BTreeMap, BTreeSet};

use super::csv_text::{Lines, reader};
use super::detect::{Format, ImportOptions};
use super::{ImportError, ImportErrors, Imported, ImportedActor, ImportedIssue};
use crate::decide::{ResolvedIssue, Scale, Stance};

const COLUMNS: [(&str, &[&str]); 4] = [
    ("actor", &["actor", "stakeholder"]),
    ("capability", &["capability", "resources"]),
    ("position", &["position"]),
    ("salience", &["salience"]),
];

fn header_columns(record: &csv::StringRecord) -> Vec<Option<usize>> {
    let names: Vec<String> = record.iter().map(str::to_ascii_lowercase).collect();
    COLUMNS
        .iter()
        .map(|(_, syn)| names.iter().position(|n| syn.contains(&n.as_str())))
        .collect()
}

/// Whether `text`'s first record is a plain-CSV header.
pub fn looks_like(text: &str) -> bool {
    match reader(text, None).records().next() {
        Some(Ok(first)) => header_columns(&first).iter().all(Option::is_some),
        _ => false,
    }
}

/// Parse plain CSV text.
pub fn parse(content: &str, options: &ImportOptions) -> Result<Imported, ImportErrors> {
    let content = content.trim_start_matches('\u{feff}');
    let mut errors = Vec::new();
    let line_index = Lines::new(content, None);
    let line_of = |r: &csv::StringRecord| line_index.of(r);
    let mut lines = reader(content, None)
        .into_records()
        .filter_map(|r| match r {
            Ok(r) if r.iter().all(str::is_empty) => None,
            Ok(r) => Some(r),
            Err(e) => {
                let line = line_index.of_error(&e);
                errors.push(ImportError::at(line, 0, format!("unreadable CSV: {e}")));
                None
            }
        });
    let Some(header) = lines.next() else {
        return Err(ImportError::at(0, 0, "the file is empty").into());
    };
    let lines: Vec<csv::StringRecord> = lines.collect();
    let cols = header_columns(&header);
    for ((name, _), c) in COLUMNS.iter().zip(&cols) {
        if c.is_none() {
            errors.push(ImportError::at(
                line_of(&header),
                0,
                format!("the header has no '{name}' column"),
            ));
        }
    }
    let [Some(ca), Some(cc), Some(cx), Some(cs)] = cols[..] else {
        return Err(ImportErrors(errors));
    };
    let mut rows: Vec<(usize, String, [f64; 3])> = Vec::new();
    let mut seen = BTreeSet::new();
    for fields in &lines {
        let line = line_of(fields);
        let name = fields.get(ca).unwrap_or("");
        if name.is_empty() {
            errors.push(ImportError::at(line, ca + 1, "the actor name is empty"));
            continue;
        }
        if !seen.insert(name.to_string()) {
            errors.push(ImportError::at(
                line,
                ca + 1,
                format!("actor '{name}' appears twice"),
            ));
        }
        let mut v = [0.0; 3];
        let mut ok = true;
        for (slot, (col, what)) in [(cc, "capability"), (cx, "position"), (cs, "salience")]
            .into_iter()
            .enumerate()
        {
            let text = fields.get(col).unwrap_or("");
            match text.parse::<f64>() {
                Ok(x) if x.is_finite() => v[slot] = x,
                _ => {
                    errors.push(ImportError::at(
                        line,
                        col + 1,
                        format!("{what} of actor '{name}' must be a number, found '{text}'"),
                    ));
                    ok = false;
                }
            }
        }
        if ok && v[0] < 0.0 {
            errors.push(ImportError::at(
                line,
                cc + 1,
                format!("capability {} of actor '{name}' must be ≥ 0", v[0]),
            ));
        }
        if ok && !(0.0..=100.0).contains(&v[2]) {
            errors.push(ImportError::at(
                line,
                cs + 1,
                format!(
                    "salience {} of actor '{name}' must be between 0 and 1 (or 0 and 100)",
                    v[2]
                ),
            ));
        }
        rows.push((line, name.to_string(), v));
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(ImportError::at(0, 0, "the file has no actor rows"));
    }
    if !errors.is_empty() {
        return Err(ImportErrors(errors));
    }
    let mut notes = Vec::new();
    let percent = rows.iter().any(|r| r.2[2] > 1.0);
    if percent {
        notes.push(
            "saliences above 1 found: the salience column was read on 0–100 and divided by 100"
                .to_string(),
        );
    }
    let (lo, hi) = match options.scale {
        Some(s) => s,
        None => rows
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), r| {
                (lo.min(r.2[1]), hi.max(r.2[1]))
            }),
    };
    if lo >= hi {
        return Err(ImportError::at(
            0,
            0,
            format!(
                "the scale [{lo}, {hi}] is empty (all positions equal?): give the scale explicitly"
            ),
        )
        .into());
    }
    if options.scale.is_some() {
        for (line, name, v) in &rows {
            if !(lo..=hi).contains(&v[1]) {
                errors.push(ImportError::at(
                    *line,
                    cx + 1,
                    format!(
                        "position {} of actor '{name}' is outside the scale {lo}–{hi}",
                        v[1]
                    ),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(ImportErrors(errors));
        }
    } else {
        notes.push(format!(
            "issue scale set to the range of positions, {lo}–{hi}"
        ));
    }
    let title = options.title.clone().unwrap_or_else(|| "issue".to_string());
    let id = super::toml_out::slug(&title);
    let stances = rows
        .iter()
        .map(|(_, name, v)| {
            let s = if percent { v[2] / 100.0 } else { v[2] };
            Stance::new(name.clone(), v[0], v[1], s)
        })
        .collect();
    Ok(Imported {
        format: Format::Plain,
        title: title.clone(),
        description: String::new(),
        actors: rows
            .iter()
            .map(|(_, n, _)| ImportedActor {
                id: n.clone(),
                name: n.clone(),
                comment: String::new(),
            })
            .collect(),
        issues: vec![ImportedIssue {
            issue: ResolvedIssue {
                question: title,
                ..ResolvedIssue::one_dimensional(id, Scale::new(lo, hi), stances)
            },
            comment: String::new(),
            markers: Vec::new(),
            body: None,
            known_outcome: None,
        }],
        bodies: Vec::new(),
        sources: Vec::new(),
        notes,
        extra: BTreeMap::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_saliences_are_divided() {
        let t = "Stakeholder,Resources,Position,Salience\na,1,4,80\nb,2,10,40\n";
        let imp = parse(t, &ImportOptions::default()).expect("valid");
        let i = &imp.issues[0].issue;
        assert_eq!(i.stances[0].s(), 0.8);
        assert_eq!((i.scale.lo, i.scale.hi), (4.0, 10.0));
        assert_eq!(imp.notes.len(), 2);
    }

    #[test]
    fn quoted_fields_keep_their_commas() {
        let t = "Actor,Capability,Position,Salience\n\"Korea, Republic of\",3,20,0.5\n\
                 \"Iran, Islamic Republic of\",2,\"80\",0.9\n";
        assert!(looks_like(t));
        let imp = parse(t, &ImportOptions::default()).expect("valid");
        let i = &imp.issues[0].issue;
        assert_eq!(i.stances[0].actor, "Korea, Republic of");
        assert_eq!((i.stances[0].capability, i.stances[0].x()), (3.0, 20.0));
        assert_eq!((i.stances[1].x(), i.stances[1].s()), (80.0, 0.9));
        let t = "actor,capability,position,salience\n\n\"Korea, Republic of\",3,x,0.5\n";
        let e = parse(t, &ImportOptions::default()).expect_err("x");
        assert_eq!((e.0[0].line, e.0[0].column), (3, 3));
    }

    #[test]
    fn errors_name_line_and_column() {
        let t = "actor,capability,position\n";
        assert_eq!(
            parse(t, &ImportOptions::default()).expect_err("x").0.len(),
            1
        );
        let t = "actor,capability,position,salience\na,1,x,0.5\na,1,2,0.5\n";
        let e = parse(t, &ImportOptions::default()).expect_err("x");
        let at: Vec<(usize, usize)> = e.0.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(at, vec![(2, 3), (3, 1)]);
    }
}
