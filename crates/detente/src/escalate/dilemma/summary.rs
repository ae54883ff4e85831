//! Monte Carlo over runs: the experiment layer's engine plays the runs in
//! parallel and folds them in run order, so results are bit-identical whatever the thread count.
//!
//! Memory does not grow with the number of runs: onsets are counted per period (their mean,
//! quartiles and the survival curve are exact), means are run-order sums, and welfare and tension
//! quantiles come from fixed-size sketches ([`crate::experiment::Binned`]): a tension band end is
//! within 1/512 of the exact quantile of the single-precision per-run values (exact when the
//! dyads have equal weights, since each bin then holds one distinct value), a welfare quantile
//! within (attainable range)/8192 — about 1.4 on the flagship, whose joint welfare lies in
//! [0, 11 200] — and standard deviations differ from the two-pass values in the last digits.

use super::DilemmaError;
use super::arms::DilemmaArms;
use super::setup::DilemmaSetup;
use crate::experiment::runner::{Tallies, tally_arms};
use crate::maths;
use crate::stats::Proportion;
use serde::Serialize;

/// Mean, sample standard deviation and the 5/25/50/75/95 % quantiles (numpy-linear, from a
/// bounded sketch: see the module notes for the tolerance).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuantileSummary {
    /// Mean.
    pub mean: f64,
    /// Sample standard deviation (`None` with fewer than two runs).
    pub sd: Option<f64>,
    /// 5 % quantile.
    pub q05: f64,
    /// 25 % quantile.
    pub q25: f64,
    /// Median.
    pub q50: f64,
    /// 75 % quantile.
    pub q75: f64,
    /// 95 % quantile.
    pub q95: f64,
}

/// Mean of a per-period quantity across runs with its 5–95 % band.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Band {
    /// Mean across runs.
    pub mean: f64,
    /// 5 % quantile across runs.
    pub low: f64,
    /// 95 % quantile across runs.
    pub high: f64,
}

/// Onset statistics among the runs that spiralled (periods, 1-based).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OnsetSummary {
    /// Mean onset period.
    pub mean: f64,
    /// First quartile.
    pub q25: f64,
    /// Median.
    pub median: f64,
    /// Third quartile.
    pub q75: f64,
}

/// An estimate with its 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    /// Point estimate.
    pub estimate: f64,
    /// Lower end of the 95 % interval.
    pub low: f64,
    /// Upper end of the 95 % interval.
    pub high: f64,
}

/// Militarised disputes read from the military domain, per year (see
/// `dispute_level` in the engine for the level scale).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DisputeSummary {
    /// Years in the horizon (periods / periods per year, rounded up).
    pub years: usize,
    /// P(at least one year with a dispute, level ≥ 2) with its Wilson interval.
    pub any: Proportion,
    /// P(at least one year with use of force, level ≥ 4) with its Wilson interval.
    pub force: Proportion,
    /// Constant yearly hazard of a first dispute implied by `any`: 1 − (1 − p)^(1/years), its
    /// interval the same transform of the Wilson interval's ends.
    pub yearly_hazard: Estimate,
    /// Expected number of dispute-years, mean ± 1.96·sd/√N.
    pub dispute_years: Estimate,
    /// Share of dispute-years whose highest level is 2, 3, 4, 5 (pooled over runs; NaN when no
    /// run had a dispute).
    pub level_mix: [f64; 4],
}

/// What N runs of one setup show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MonteCarloSummary {
    /// Number of runs.
    pub runs: u64,
    /// Master seed; run k used `run_stream(seed, k)`.
    pub seed: u64,
    /// Periods per run.
    pub horizon: usize,
    /// Domain names.
    pub domains: Vec<String>,
    /// Side names.
    pub sides: Vec<String>,
    /// Spiral probability with its 95 % Wilson interval.
    pub spiral: Proportion,
    /// Onset among spiral runs (`None` when no run spiralled).
    pub onset: Option<OnsetSummary>,
    /// `survival[t]` = P(no spiral by period t + 1).
    pub survival: Vec<f64>,
    /// Mean share of periods with at least k locked domains.
    pub locked_share: f64,
    /// Welfare per side.
    pub side_welfare: Vec<QuantileSummary>,
    /// Joint welfare.
    pub joint_welfare: QuantileSummary,
    /// Mean joint payoff per directed dyad, domain and period.
    pub payoff_per_move: f64,
    /// `tension[d][t]`: mean T_d with 5–95 % band (from single-precision per-run values; band ends
    /// within 1/512 of the exact quantiles).
    pub tension: Vec<Vec<Band>>,
    /// Overall tension T(t) with band.
    pub overall_tension: Vec<Band>,
    /// Mean final decoupling (`None` without economic/technology domains or trade).
    pub final_decoupling: Option<f64>,
    /// Mean final belief that a rival is greedy (trust on only).
    pub final_greed_belief: Option<f64>,
    /// Militarised disputes (`None` without a military domain).
    pub disputes: Option<DisputeSummary>,
}

/// The summary of arm `arm` after `tallies` of `arms`.
pub(crate) fn summarise(arms: &DilemmaArms, tallies: &Tallies, arm: usize) -> MonteCarloSummary {
    let prep = &arms.preps[arm];
    let l = &arms.layout;
    let h = prep.params.horizon;
    let nd = prep.domains();
    let runs = tallies.runs;
    let sketch = |m: usize| {
        tallies
            .binned(arm, m)
            .expect("every real dilemma metric is binned")
    };
    let onsets = sketch(l.onset);
    let onset = onsets.mean().map(|mean| OnsetSummary {
        mean,
        q25: onsets.quantile(0.25),
        median: onsets.quantile(0.5),
        q75: onsets.quantile(0.75),
    });
    // Onset bin t − 1 counts the runs whose spiral began in period t.
    let mut spiralled = 0u64;
    let survival = onsets
        .counts()
        .iter()
        .map(|&c| {
            spiralled += c;
            1.0 - spiralled as f64 / runs as f64
        })
        .collect();
    let quantiles = |m: usize| {
        let b = sketch(m);
        QuantileSummary {
            mean: b.mean().unwrap_or(f64::NAN),
            sd: b.sd(),
            q05: b.quantile(0.05),
            q25: b.quantile(0.25),
            q50: b.quantile(0.5),
            q75: b.quantile(0.75),
            q95: b.quantile(0.95),
        }
    };
    let band = |m: usize| {
        let b = sketch(m);
        Band {
            mean: b.mean().unwrap_or(f64::NAN),
            low: b.quantile(0.05),
            high: b.quantile(0.95),
        }
    };
    let mean = |m: usize| sketch(m).mean();
    MonteCarloSummary {
        runs,
        seed: tallies.seed,
        horizon: h,
        domains: prep.domain_names.clone(),
        sides: prep.sides.clone(),
        spiral: tallies
            .event(arm, l.spiral)
            .expect("the spiral is an event"),
        onset,
        survival,
        locked_share: mean(l.locked_share).unwrap_or(f64::NAN),
        side_welfare: (0..prep.sides.len())
            .map(|s| quantiles(l.side_welfare + s))
            .collect(),
        joint_welfare: quantiles(l.joint_welfare),
        payoff_per_move: mean(l.payoff_per_move).unwrap_or(f64::NAN),
        tension: (0..nd)
            .map(|d| (0..h).map(|t| band(l.tension + d * h + t)).collect())
            .collect(),
        overall_tension: (0..h).map(|t| band(l.overall_tension + t)).collect(),
        final_decoupling: mean(l.final_decoupling),
        final_greed_belief: mean(l.greed_belief),
        disputes: prep.military.map(|_| {
            let years = h.div_ceil(prep.params.periods_per_year);
            let any = tallies.event(arm, l.mid).expect("mid is an event");
            let force = tallies
                .event(arm, l.mid_force)
                .expect("mid_force is an event");
            let hazard = |p: f64| 1.0 - maths::powf(1.0 - p, 1.0 / years as f64);
            let counted = sketch(l.dispute_years);
            let m = counted.mean().unwrap_or(f64::NAN);
            let half = counted.sd().map_or(0.0, |sd| {
                crate::stats::Z95 * sd / (counted.n() as f64).sqrt()
            });
            let level: Vec<f64> = (0..4)
                .map(|k| sketch(l.level_years + k).mean().unwrap_or(f64::NAN))
                .collect();
            let total: f64 = level.iter().sum();
            DisputeSummary {
                years,
                yearly_hazard: Estimate {
                    estimate: hazard(any.estimate),
                    low: hazard(any.low),
                    high: hazard(any.high),
                },
                any,
                force,
                dispute_years: Estimate {
                    estimate: m,
                    low: m - half,
                    high: m + half,
                },
                level_mix: std::array::from_fn(|k| level[k] / total),
            }
        }),
    }
}

/// Run `runs` independent runs (run k on `run_stream(seed, k)`) in parallel on the current rayon
/// pool and summarise them in run order, in memory that does not grow with `runs`.
pub fn monte_carlo(
    setup: &DilemmaSetup,
    runs: u64,
    seed: u64,
) -> Result<MonteCarloSummary, DilemmaError> {
    if runs == 0 {
        return Err(DilemmaError::Input("at least one run is required".into()));
    }
    let arms = DilemmaArms::new(&[("setup", setup)])?;
    let tallies = tally_arms(&arms, runs, seed, &|_, _| {});
    Ok(summarise(&arms, &tallies, 0))
}
