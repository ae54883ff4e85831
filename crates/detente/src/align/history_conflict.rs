//! Conflict history between two states, for the `conflict_10`, `conflict_20` and `rivalry`
//! propensity terms.
//!
//! Disputes come from `data/history/mids.csv` (GML MID 2.2.1 dyad-years, 1816–2010, derived by
//! `scripts/derive_align_conflict.py`): for a pair and a year, `h_y` is the highest hostility
//! level either state reached in a dispute against the other (2 threat, 3 display, 4 use of
//! force, 5 war; 0 in a year without one). Over the window of the `w` years ending in the
//! input year `Y`,
//!
//! ```text
//! (C1)  conflict_w(i, j) = −min(1, Σ_{y = Y−w+1}^{Y} h_y / 10)
//! ```
//!
//! so one year of war counts −0.5, two saturate, one threat −0.2. Only the years the data cover
//! count; a window wholly after 2010 has no value (the term is then missing, not 0).
//!
//! Rivalries come from `data/history/rivalries.csv` (Thompson and Dreyer's strategic rivalries,
//! 1494–2010):
//!
//! ```text
//! (C2)  rivalry(i, j) = −1 if a rivalry between i and j is in progress in Y, else 0
//! ```
//!
//! where a rivalry whose spell ends in 2010 (ongoing when the data were published) counts as in
//! progress in every later year.

use std::collections::BTreeMap;
use std::sync::OnceLock;

const MIDS_CSV: &str = include_str!("../../../../data/history/mids.csv");
const RIVALRIES_CSV: &str = include_str!("../../../../data/history/rivalries.csv");

/// First year of the bundled dispute data.
pub const FIRST_MID_YEAR: i32 = 1816;
/// Last year of the bundled dispute data.
pub const LAST_MID_YEAR: i32 = 2010;
/// Last year of the bundled rivalry data (a spell ending then was ongoing at publication).
pub const LAST_RIVALRY_YEAR: i32 = 2010;
/// Hostility that saturates the conflict term (two years of war).
const CONFLICT_SATURATION: f64 = 10.0;

fn malformed(file: &str, line: usize) -> ! {
    panic!("data/history/{file} line {line} is malformed (a build defect)")
}

/// The rows of a bundled table with their line numbers; a table the reader refuses is a build
/// defect.
fn table(file: &str, text: &str) -> Vec<(usize, Vec<String>)> {
    crate::world::csv::parse(text)
        .unwrap_or_else(|e| panic!("data/history/{file} is malformed (a build defect): {e}"))
        .rows
}

/// Dispute years per pair: `(year, highest hostility level)`.
type Disputes = BTreeMap<(u32, u32), Vec<(i32, u8)>>;
/// Rivalry spells per pair: `(first, last, name)`.
type Rivalries = BTreeMap<(u32, u32), Vec<(i32, i32, String)>>;

fn key(a: u32, b: u32) -> (u32, u32) {
    (a.min(b), a.max(b))
}

/// Dispute years per pair: `(year, highest hostility level)`, in year order.
fn disputes() -> &'static Disputes {
    static D: OnceLock<Disputes> = OnceLock::new();
    D.get_or_init(|| {
        let mut m = Disputes::new();
        for (line, f) in table("mids.csv", MIDS_CSV) {
            if f.len() != 4 {
                malformed("mids.csv", line);
            }
            let num = |s: &str| {
                s.parse::<i64>()
                    .unwrap_or_else(|_| malformed("mids.csv", line))
            };
            m.entry(key(num(&f[0]) as u32, num(&f[1]) as u32))
                .or_default()
                .push((num(&f[2]) as i32, num(&f[3]) as u8));
        }
        m
    })
}

/// Rivalry spells per pair: `(first, last, name)`.
fn rivalries() -> &'static Rivalries {
    static R: OnceLock<Rivalries> = OnceLock::new();
    R.get_or_init(|| {
        let mut m = Rivalries::new();
        for (line, f) in table("rivalries.csv", RIVALRIES_CSV) {
            if f.len() != 6 {
                malformed("rivalries.csv", line);
            }
            let num = |s: &str| {
                s.parse::<i64>()
                    .unwrap_or_else(|_| malformed("rivalries.csv", line))
            };
            let spell = (num(&f[3]) as i32, num(&f[4]) as i32, f[5].clone());
            m.entry(key(num(&f[1]) as u32, num(&f[2]) as u32))
                .or_default()
                .push(spell);
        }
        m
    })
}

/// The years of the window of `window` years ending in `year` that the dispute data cover,
/// or `None` when it covers none of them.
pub fn covered_window(year: i32, window: i32) -> Option<(i32, i32)> {
    let first = (year - window + 1).max(FIRST_MID_YEAR);
    let last = year.min(LAST_MID_YEAR);
    (first <= last).then_some((first, last))
}

/// (C1) for states `a` and `b` (COW codes), with a note listing the dispute years; `None` when
/// the data cover no year of the window.
pub fn conflict_term(a: u32, b: u32, year: i32, window: i32) -> Option<(f64, String)> {
    let (first, last) = covered_window(year, window)?;
    let years: Vec<(i32, u8)> = disputes()
        .get(&key(a, b))
        .map(|v| {
            v.iter()
                .copied()
                .filter(|&(y, _)| first <= y && y <= last)
                .collect()
        })
        .unwrap_or_default();
    let total: f64 = years.iter().map(|&(_, h)| f64::from(h)).sum();
    let note = years
        .iter()
        .map(|(y, h)| format!("{y} level {h}"))
        .collect::<Vec<_>>()
        .join(", ");
    Some((-(total / CONFLICT_SATURATION).min(1.0), note))
}

/// (C2) for states `a` and `b` (COW codes), with the rivalry's name.
pub fn rivalry_term(a: u32, b: u32, year: i32) -> (f64, String) {
    let found = rivalries().get(&key(a, b)).and_then(|v| {
        v.iter().find(|&&(first, last, _)| {
            let ongoing = last == LAST_RIVALRY_YEAR;
            first <= year && (year <= last || ongoing)
        })
    });
    match found {
        Some((first, last, name)) => {
            let end = if *last == LAST_RIVALRY_YEAR {
                "ongoing in 2010".to_string()
            } else {
                last.to_string()
            };
            (-1.0, format!("{name} ({first}–{end})"))
        }
        None => (0.0, String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Greece (350) and Turkey (640): MIDs in the 1990s and an Aegean rivalry.
    #[test]
    fn greece_and_turkey_in_the_nineties() {
        let (v, note) = conflict_term(350, 640, 1996, 10).unwrap();
        assert!((-1.0..0.0).contains(&v), "{v}");
        assert!(note.contains("1996"), "{note}");
        assert_eq!(conflict_term(640, 350, 1996, 10).unwrap().0, v);
        assert_eq!(rivalry_term(350, 640, 1996).0, -1.0);
    }

    #[test]
    fn windows_follow_the_data_coverage() {
        assert_eq!(covered_window(2021, 10), None);
        assert_eq!(covered_window(2021, 20), Some((2002, 2010)));
        assert_eq!(covered_window(1913, 10), Some((1904, 1913)));
        assert!(conflict_term(2, 20, 2021, 10).is_none());
        // The USA and Britain: no dispute in 1991–2010.
        assert_eq!(conflict_term(2, 200, 2010, 20).unwrap().0, 0.0);
    }

    /// Germany (255) and France (220) before 1914; the USA (2) and Russia (365) after 2010.
    #[test]
    fn rivalries_in_progress() {
        assert_eq!(rivalry_term(255, 220, 1913).0, -1.0);
        assert_eq!(rivalry_term(2, 365, 2021).0, -1.0);
        assert_eq!(rivalry_term(2, 20, 2021).0, 0.0);
    }

    /// The saturation: 1904–1913 hostility of Germany and France (1905 and 1911 Moroccan
    /// crises) summed and divided by 10.
    #[test]
    fn conflict_term_matches_a_hand_sum() {
        let rows: Vec<(i32, u8)> = disputes()[&(220, 255)]
            .iter()
            .copied()
            .filter(|&(y, _)| (1904..=1913).contains(&y))
            .collect();
        let total: f64 = rows.iter().map(|&(_, h)| f64::from(h)).sum();
        assert!(!rows.is_empty());
        let (v, _) = conflict_term(255, 220, 1913, 10).unwrap();
        assert_eq!(v, -(total / 10.0).min(1.0));
    }
}
