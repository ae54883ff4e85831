//! Policy comparison with common random numbers: run k of every
//! set-up uses the same stream `run_stream(seed, k)`, so per-run differences isolate the policy
//! effect. Every set-up is played once, as one arm of the experiment layer's engine, and every
//! pair is differenced from those runs: n policies cost n Monte Carlos, whatever the number of
//! pairs.

use super::DilemmaError;
use super::arms::DilemmaArms;
use super::draws::ParamDraw;
use super::setup::DilemmaSetup;
use super::summary::{MonteCarloSummary, summarise};
pub use crate::experiment::paired::PairedDifference;
use crate::experiment::runner::{Tallies, tally_arms};
use serde::Serialize;

/// Two setups compared on common random numbers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyComparison {
    /// Summary of the baseline.
    pub baseline: MonteCarloSummary,
    /// Summary of the alternative.
    pub alternative: MonteCarloSummary,
    /// Difference in spiral probability (alternative − baseline), with Newcombe's hybrid score
    /// interval for paired proportions.
    pub spiral: PairedDifference,
    /// Difference in joint welfare (normal interval).
    pub joint_welfare: PairedDifference,
    /// Difference in welfare per side (normal interval).
    pub side_welfare: Vec<PairedDifference>,
    /// Difference in P(at least one militarised dispute) (Newcombe), `None` without a military
    /// domain.
    pub mid: Option<PairedDifference>,
    /// Difference in P(at least one dispute at level ≥ 4) (Newcombe).
    pub mid_force: Option<PairedDifference>,
    /// Difference in dispute-years (normal interval).
    pub dispute_years: Option<PairedDifference>,
}

/// A paired metric of the dilemma.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairedMetric {
    /// Whether the run spiralled.
    Spiral,
    /// Welfare of side k (in the set-up's side order).
    SideWelfare(usize),
    /// Joint welfare.
    JointWelfare,
    /// At least one militarised dispute (level ≥ 2).
    Mid,
    /// At least one dispute at level ≥ 4.
    MidForce,
    /// Years with a dispute.
    DisputeYears,
}

/// Several set-ups played once each on the same runs, ready to be summarised and differenced.
pub struct PolicyArms {
    arms: DilemmaArms,
    tallies: Tallies,
}

impl PolicyArms {
    /// Play every named set-up `runs` times on `seed` (common random numbers). The set-ups must
    /// share actors, sides, domains and horizon.
    pub fn play(
        named: &[(&str, &DilemmaSetup)],
        runs: u64,
        seed: u64,
    ) -> Result<PolicyArms, DilemmaError> {
        PolicyArms::play_drawn(named, &[], runs, seed)
    }

    /// As [`PolicyArms::play`], every run first drawing the uncertain parameters of `draws`
    /// (the same values for every policy of the run).
    pub fn play_drawn(
        named: &[(&str, &DilemmaSetup)],
        draws: &[ParamDraw],
        runs: u64,
        seed: u64,
    ) -> Result<PolicyArms, DilemmaError> {
        if runs == 0 {
            return Err(DilemmaError::Input("at least one run is required".into()));
        }
        let arms = DilemmaArms::with_draws(named, draws)?;
        let tallies = tally_arms(&arms, runs, seed, &|_, _| {});
        Ok(PolicyArms { arms, tallies })
    }

    /// Number of arms.
    pub fn len(&self) -> usize {
        self.tallies.arms.len()
    }

    /// Whether there is no arm (never: [`PolicyArms::play`] needs one).
    pub fn is_empty(&self) -> bool {
        self.tallies.arms.is_empty()
    }

    /// Side names.
    pub fn sides(&self) -> &[String] {
        &self.arms.preps[0].sides
    }

    /// Whether the set-ups have a military domain (and so militarised disputes).
    pub fn has_disputes(&self) -> bool {
        self.arms.preps[0].military.is_some()
    }

    /// The Monte Carlo summary of arm `arm`.
    pub fn summary(&self, arm: usize) -> MonteCarloSummary {
        summarise(&self.arms, &self.tallies, arm)
    }

    /// The paired difference `a − b` on `metric`.
    pub fn difference(&self, a: usize, b: usize, metric: PairedMetric) -> PairedDifference {
        let l = &self.arms.layout;
        let m = match metric {
            PairedMetric::Spiral => l.spiral,
            PairedMetric::SideWelfare(k) => l.side_welfare + k,
            PairedMetric::JointWelfare => l.joint_welfare,
            PairedMetric::Mid => l.mid,
            PairedMetric::MidForce => l.mid_force,
            PairedMetric::DisputeYears => l.dispute_years,
        };
        self.tallies
            .difference(a, b, m)
            .expect("spiral and welfare metrics are paired")
    }

    /// Arm `alt` against arm `base` (alternative − baseline).
    pub fn comparison(&self, base: usize, alt: usize) -> PolicyComparison {
        PolicyComparison {
            baseline: self.summary(base),
            alternative: self.summary(alt),
            spiral: self.difference(alt, base, PairedMetric::Spiral),
            joint_welfare: self.difference(alt, base, PairedMetric::JointWelfare),
            side_welfare: (0..self.sides().len())
                .map(|k| self.difference(alt, base, PairedMetric::SideWelfare(k)))
                .collect(),
            mid: self
                .has_disputes()
                .then(|| self.difference(alt, base, PairedMetric::Mid)),
            mid_force: self
                .has_disputes()
                .then(|| self.difference(alt, base, PairedMetric::MidForce)),
            dispute_years: self
                .has_disputes()
                .then(|| self.difference(alt, base, PairedMetric::DisputeYears)),
        }
    }
}

/// Compare two setups that differ in policies (or parameters) but share actors, sides, domains
/// and horizon, with `runs` paired runs on `seed`.
pub fn compare_policies(
    baseline: &DilemmaSetup,
    alternative: &DilemmaSetup,
    runs: u64,
    seed: u64,
) -> Result<PolicyComparison, DilemmaError> {
    let arms = PolicyArms::play(
        &[("baseline", baseline), ("alternative", alternative)],
        runs,
        seed,
    )?;
    Ok(arms.comparison(0, 1))
}

/// Play every named set-up once (`runs` runs on `seed`, common random numbers, the uncertain
/// parameters of `draws` drawn per run) and compare each later one with the first: the summaries
/// in input order, then one comparison per later set-up.
pub fn compare_with_first(
    named: &[(&str, &DilemmaSetup)],
    draws: &[ParamDraw],
    runs: u64,
    seed: u64,
) -> Result<(Vec<MonteCarloSummary>, Vec<PolicyComparison>), DilemmaError> {
    let arms = PolicyArms::play_drawn(named, draws, runs, seed)?;
    let summaries = (0..arms.len()).map(|a| arms.summary(a)).collect();
    let comparisons = (1..arms.len()).map(|a| arms.comparison(0, a)).collect();
    Ok((summaries, comparisons))
}
