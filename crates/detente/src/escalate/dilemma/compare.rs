//! Policy comparison with common random numbers (escalate.md §4.7, §6.4.4): run k of both setups
//! uses the same stream `run_stream(seed, k)`, so per-run differences isolate the policy effect.

use super::DilemmaError;
use super::engine::RunRecord;
use super::setup::{DilemmaSetup, Prepared};
use super::summary::{Chunk, MonteCarloSummary, simulate, summarise};
use crate::stats::Z95;
use serde::Serialize;

/// Mean of paired per-run differences (alternative − baseline) with a 95 % normal interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PairedDifference {
    /// Mean difference.
    pub mean: f64,
    /// Sample standard deviation of the differences (0 with one run).
    pub sd: f64,
    /// Lower end: mean − 1.96·sd/√N.
    pub low: f64,
    /// Upper end: mean + 1.96·sd/√N.
    pub high: f64,
}

impl PairedDifference {
    fn of(diffs: &[f64]) -> PairedDifference {
        let n = diffs.len() as f64;
        let mean = diffs.iter().sum::<f64>() / n;
        let sd = if diffs.len() > 1 {
            (diffs.iter().map(|d| (d - mean) * (d - mean)).sum::<f64>() / (n - 1.0)).sqrt()
        } else {
            0.0
        };
        let half = Z95 * sd / n.sqrt();
        PairedDifference {
            mean,
            sd,
            low: mean - half,
            high: mean + half,
        }
    }
}

/// Two setups compared on common random numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyComparison {
    /// Summary of the baseline.
    pub baseline: MonteCarloSummary,
    /// Summary of the alternative.
    pub alternative: MonteCarloSummary,
    /// Difference in the spiral indicator (alternative − baseline), i.e. in spiral probability.
    pub spiral: PairedDifference,
    /// Difference in joint welfare.
    pub joint_welfare: PairedDifference,
    /// Difference in welfare per side.
    pub side_welfare: Vec<PairedDifference>,
}

/// Compare two setups that differ in policies (or parameters) but share actors, sides and
/// domains, with `runs` paired runs on `seed`.
pub fn compare_policies(
    baseline: &DilemmaSetup,
    alternative: &DilemmaSetup,
    runs: u64,
    seed: u64,
) -> Result<PolicyComparison, DilemmaError> {
    if runs == 0 {
        return Err(DilemmaError::Input("at least one run is required".into()));
    }
    let base = Prepared::new(baseline)?;
    let alt = Prepared::new(alternative)?;
    if base.actor_ids != alt.actor_ids
        || base.sides != alt.sides
        || base.domain_names != alt.domain_names
    {
        return Err(DilemmaError::Input(
            "compared setups must have the same actors, sides and domains".into(),
        ));
    }
    let cb = simulate(&base, runs, seed);
    let ca = simulate(&alt, runs, seed);
    Ok(paired(&base, &cb, &alt, &ca, seed))
}

/// Play every set-up once (`runs` runs on `seed`, common random numbers) and compare each later
/// one with the first: the summaries in input order, then one comparison per later set-up. Each
/// set-up is simulated once, so n policies cost n Monte Carlos, not 2(n − 1) + n.
pub fn compare_with_first(
    setups: &[&DilemmaSetup],
    runs: u64,
    seed: u64,
) -> Result<(Vec<MonteCarloSummary>, Vec<PolicyComparison>), DilemmaError> {
    if runs == 0 {
        return Err(DilemmaError::Input("at least one run is required".into()));
    }
    let preps = setups
        .iter()
        .map(|s| Prepared::new(s))
        .collect::<Result<Vec<_>, _>>()?;
    if preps.iter().any(|p| {
        p.actor_ids != preps[0].actor_ids
            || p.sides != preps[0].sides
            || p.domain_names != preps[0].domain_names
    }) {
        return Err(DilemmaError::Input(
            "compared setups must have the same actors, sides and domains".into(),
        ));
    }
    let chunks: Vec<Vec<Chunk>> = preps.iter().map(|p| simulate(p, runs, seed)).collect();
    let summaries = preps
        .iter()
        .zip(&chunks)
        .map(|(p, c)| summarise(p, c, seed))
        .collect();
    let comparisons = (1..preps.len())
        .map(|i| paired(&preps[0], &chunks[0], &preps[i], &chunks[i], seed))
        .collect();
    Ok((summaries, comparisons))
}

/// Paired differences (alternative − baseline) from two simulations on the same seed.
fn paired(
    base: &Prepared,
    cb: &[Chunk],
    alt: &Prepared,
    ca: &[Chunk],
    seed: u64,
) -> PolicyComparison {
    let rb: Vec<&RunRecord> = cb.iter().flat_map(|c| &c.records).collect();
    let ra: Vec<&RunRecord> = ca.iter().flat_map(|c| &c.records).collect();
    let spiral: Vec<f64> = ra
        .iter()
        .zip(&rb)
        .map(|(a, b)| {
            f64::from(u8::from(a.onset.is_some())) - f64::from(u8::from(b.onset.is_some()))
        })
        .collect();
    let joint: Vec<f64> = ra
        .iter()
        .zip(&rb)
        .map(|(a, b)| a.joint_welfare - b.joint_welfare)
        .collect();
    let side_welfare = (0..base.sides.len())
        .map(|s| {
            let d: Vec<f64> = ra
                .iter()
                .zip(&rb)
                .map(|(a, b)| a.side_welfare[s] - b.side_welfare[s])
                .collect();
            PairedDifference::of(&d)
        })
        .collect();
    PolicyComparison {
        baseline: summarise(base, cb, seed),
        alternative: summarise(alt, ca, seed),
        spiral: PairedDifference::of(&spiral),
        joint_welfare: PairedDifference::of(&joint),
        side_welfare,
    }
}
