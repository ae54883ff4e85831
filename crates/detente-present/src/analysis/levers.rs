//! `levers`: an actor's single changes ranked by their effect on a decide outcome.

use crate::number::{csv_num, num};
use crate::{CsvRows, Table};
use detente::experiment::analysis::{LeverKind, Levers};

/// How a lever is named in tables and CSV.
fn kind(k: LeverKind) -> &'static str {
    match k {
        LeverKind::OwnPosition => "own position",
        LeverKind::OwnSalience => "own salience",
        LeverKind::Persuade => "persuade",
    }
}

/// The levers as CSV, best first.
pub fn csv(l: &Levers) -> String {
    let mut out = CsvRows::new(&[
        "rank",
        "kind",
        "actor",
        "input",
        "from",
        "to",
        "value",
        "effect",
        "closed_form",
    ]);
    for (k, x) in l.levers.iter().enumerate() {
        out.row([
            (k + 1).to_string(),
            kind(x.kind).to_string(),
            x.actor.clone(),
            x.path.clone(),
            csv_num(x.from),
            csv_num(x.to),
            csv_num(x.value),
            csv_num(x.effect),
            x.closed_form.map_or(String::new(), csv_num),
        ]);
    }
    out.finish()
}

/// The levers as a terminal table, best first.
pub fn table(l: &Levers) -> String {
    let mut out = format!(
        "Levers of {} on {} (now {}; position step {})\n\n",
        l.actor,
        l.metric,
        num(l.base),
        l.delta
    );
    let closed = l.levers.iter().any(|x| x.closed_form.is_some());
    let mut header = vec!["rank", "change", "actor", "from", "to", "effect"];
    if closed {
        header.push("closed form");
    }
    let mut t = Table::new(&header, &[true, false, false, true, true, true, true]);
    for (k, x) in l.levers.iter().enumerate() {
        let mut row = vec![
            (k + 1).to_string(),
            kind(x.kind).to_string(),
            x.actor.clone(),
            num(x.from),
            num(x.to),
            num(x.effect),
        ];
        if closed {
            row.push(x.closed_form.map_or("–".into(), num));
        }
        t.row(row);
    }
    out.push_str(&t.render());
    out
}
