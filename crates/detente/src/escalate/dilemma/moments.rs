//! Moments of rivalry histories: observed ones (Thompson & Dreyer rivalries with their
//! militarised disputes, `data/history/rivalry_*.csv`, derived by
//! `scripts/derive_rivalry_moments.py`) and simulated ones (a two-actor rivalry of the dilemma).
//!
//! Seven moments, in this order: the share of rivalry-years in which a dispute begins (onset
//! rate), the shares of dispute-years whose highest level is 2, 3, 4 and 5 (hostility mix), the
//! mean length of a spell of consecutive dispute-years, and the share of rivalry-years in which
//! the rivalry ends (termination rate).

use super::DilemmaError;
use super::engine::Workspace;
use super::setup::Prepared;
use crate::rng::DetRng;
use serde::Serialize;

/// Names of the moments, in order.
pub const MOMENT_NAMES: [&str; 7] = [
    "onset rate",
    "share level 2",
    "share level 3",
    "share level 4",
    "share level 5",
    "spell length",
    "termination rate",
];

/// Counts behind the moments of one era (observed) or one simulated sample.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct RivalryCounts {
    /// Rivalry-years at risk.
    pub rivalry_years: u64,
    /// Years in which a dispute begins.
    pub onset_years: u64,
    /// Dispute-years by highest level 2, 3, 4, 5.
    pub levels: [u64; 4],
    /// Spells of consecutive dispute-years.
    pub spells: u64,
    /// Years in those spells.
    pub spell_years: u64,
    /// Sum of squared spell lengths.
    pub spell_years_sq: u64,
    /// Rivalries that ended.
    pub terminations: u64,
}

impl RivalryCounts {
    /// The seven moments (NaN where a denominator is 0).
    pub fn moments(&self) -> [f64; 7] {
        let ratio = |a: u64, b: u64| {
            if b == 0 {
                f64::NAN
            } else {
                a as f64 / b as f64
            }
        };
        let disputes: u64 = self.levels.iter().sum();
        [
            ratio(self.onset_years, self.rivalry_years),
            ratio(self.levels[0], disputes),
            ratio(self.levels[1], disputes),
            ratio(self.levels[2], disputes),
            ratio(self.levels[3], disputes),
            ratio(self.spell_years, self.spells),
            ratio(self.terminations, self.rivalry_years),
        ]
    }

    /// Standard errors of the moments: binomial for the rates and shares, sd/√n for the mean
    /// spell length (NaN where undefined).
    pub fn standard_errors(&self) -> [f64; 7] {
        let m = self.moments();
        let disputes: u64 = self.levels.iter().sum();
        let binomial = |p: f64, n: u64| (p * (1.0 - p) / n as f64).sqrt();
        let spell_var = if self.spells > 1 {
            let n = self.spells as f64;
            let mean = m[5];
            (self.spell_years_sq as f64 - n * mean * mean) / (n - 1.0)
        } else {
            f64::NAN
        };
        [
            binomial(m[0], self.rivalry_years),
            binomial(m[1], disputes),
            binomial(m[2], disputes),
            binomial(m[3], disputes),
            binomial(m[4], disputes),
            (spell_var / self.spells as f64).sqrt(),
            binomial(m[6], self.rivalry_years),
        ]
    }

    fn add(&mut self, o: &RivalryCounts) {
        self.rivalry_years += o.rivalry_years;
        self.onset_years += o.onset_years;
        for k in 0..4 {
            self.levels[k] += o.levels[k];
        }
        self.spells += o.spells;
        self.spell_years += o.spell_years;
        self.spell_years_sq += o.spell_years_sq;
        self.terminations += o.terminations;
    }
}

const ONSETS: &str = include_str!("../../../../../data/history/rivalry_mid_onsets.csv");
const MIX: &str = include_str!("../../../../../data/history/rivalry_hostility_mix.csv");
const SPELLS: &str = include_str!("../../../../../data/history/rivalry_spells.csv");
const ENDS: &str = include_str!("../../../../../data/history/rivalry_terminations.csv");

/// The row of `era` in a bundled CSV, as integers after the era column.
fn row(csv: &str, era: &str) -> Result<Vec<u64>, DilemmaError> {
    crate::world::csv::parse(csv)
        .map_err(|e| DilemmaError::Input(format!("rivalry data: {e}")))?
        .rows
        .into_iter()
        .map(|(_, f)| f)
        .find(|f| f.first().map(String::as_str) == Some(era))
        .ok_or_else(|| DilemmaError::Input(format!("no row for era {era} in the rivalry data")))?
        .iter()
        .skip(1)
        .map(|x| {
            x.trim()
                .parse::<u64>()
                .map_err(|_| DilemmaError::Input(format!("not a count in the rivalry data: {x}")))
        })
        .collect()
}

/// Observed counts of an era: `fit` (1816–1945) or `test` (1946–2010).
pub fn observed(era: &str) -> Result<RivalryCounts, DilemmaError> {
    let onsets = row(ONSETS, era)?;
    let mix = row(MIX, era)?;
    let spells = row(SPELLS, era)?;
    let ends = row(ENDS, era)?;
    let at = |v: &Vec<u64>, k: usize| {
        v.get(k)
            .copied()
            .ok_or_else(|| DilemmaError::Input("a rivalry data row is too short".into()))
    };
    Ok(RivalryCounts {
        rivalry_years: at(&onsets, 0)?,
        onset_years: at(&onsets, 1)?,
        levels: [at(&mix, 1)?, at(&mix, 2)?, at(&mix, 3)?, at(&mix, 4)?],
        spells: at(&spells, 0)?,
        spell_years: at(&spells, 1)?,
        spell_years_sq: at(&spells, 2)?,
        terminations: at(&ends, 1)?,
    })
}

/// Simulate `runs` rivalries of `prep` (a two-actor set-up with a military domain; one period =
/// one year) on `rng`, in order, and count as the data do. A rivalry ends (a termination) at the
/// end of the `quiet`-th consecutive year in which the two were in mutual hostility in no
/// domain (one-sided hostility does not count), or is cut at the horizon; only its years up to
/// then count.
pub(crate) fn simulate(
    prep: &Prepared,
    runs: usize,
    quiet: usize,
    rng: &mut DetRng,
) -> RivalryCounts {
    let mut total = RivalryCounts::default();
    let mut ws = Workspace::new(prep);
    for _ in 0..runs {
        ws.play(prep, rng);
        let run = ws.report(prep);
        let levels = run.dispute_levels.unwrap_or_default();
        let mut c = RivalryCounts::default();
        let (mut calm, mut spell, mut previous) = (0usize, 0u64, 0u8);
        for (t, &level) in levels.iter().enumerate() {
            c.rivalry_years += 1;
            if level >= 2 {
                c.levels[usize::from(level - 2)] += 1;
                if previous < 2 {
                    c.onset_years += 1;
                }
                spell += 1;
            } else if spell > 0 {
                c.spells += 1;
                c.spell_years += spell;
                c.spell_years_sq += spell * spell;
                spell = 0;
            }
            previous = level;
            let hostile = run.locked_domains[t] > 0;
            calm = if hostile { 0 } else { calm + 1 };
            if calm >= quiet {
                c.terminations += 1;
                break;
            }
        }
        if spell > 0 {
            c.spells += 1;
            c.spell_years += spell;
            c.spell_years_sq += spell * spell;
        }
        total.add(&c);
    }
    total
}
