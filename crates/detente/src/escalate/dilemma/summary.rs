//! Monte Carlo over runs (escalate.md §4.7): runs in parallel, reduced in run order, so results
//! are bit-identical whatever the thread count.

use super::DilemmaError;
use super::engine::{RunRecord, Workspace};
use super::setup::{DilemmaSetup, Prepared};
use crate::rng::run_stream;
use crate::stats::{self, Proportion};
use rayon::prelude::*;
use serde::Serialize;

/// Mean, sample standard deviation and the 5/25/50/75/95 % quantiles (numpy-linear).
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

impl QuantileSummary {
    fn of(mut values: Vec<f64>) -> Option<QuantileSummary> {
        let mean = stats::mean(&values)?;
        let sd = stats::std_dev(&values, 1);
        values.sort_by(f64::total_cmp);
        let q = |p| stats::quantile_sorted(&values, p).unwrap_or(f64::NAN);
        Some(QuantileSummary {
            mean,
            sd,
            q05: q(0.05),
            q25: q(0.25),
            q50: q(0.5),
            q75: q(0.75),
            q95: q(0.95),
        })
    }
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

/// What N runs of one setup show (§4.7).
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
    /// `tension[d][t]`: mean T_d with 5–95 % band (from single-precision per-run values).
    pub tension: Vec<Vec<Band>>,
    /// Overall tension T(t) with band.
    pub overall_tension: Vec<Band>,
    /// Mean final decoupling (`None` without economic/technology domains or trade).
    pub final_decoupling: Option<f64>,
    /// Mean final belief that a rival is greedy (trust on only).
    pub final_greed_belief: Option<f64>,
}

/// Runs per parallel work item. Fixed, so chunk boundaries never depend on the thread count.
const CHUNK: usize = 256;

/// Results of a contiguous block of runs: their records in run order and their tensions,
/// column-major (`tension[col · len + k]`, col = d · H + t) so that bands read contiguous memory.
pub(crate) struct Chunk {
    pub records: Vec<RunRecord>,
    pub tension: Vec<f32>,
}

/// Play runs 0..runs of a prepared setup in parallel; chunks come back in run order.
pub(crate) fn simulate(prep: &Prepared, runs: u64, seed: u64) -> Vec<Chunk> {
    let runs = usize::try_from(runs).unwrap_or(usize::MAX);
    let columns = prep.domains() * prep.params.horizon;
    (0..runs.div_ceil(CHUNK))
        .into_par_iter()
        .map_init(
            || Workspace::new(prep),
            |ws, c| {
                let start = c * CHUNK;
                let len = CHUNK.min(runs - start);
                let mut chunk = Chunk {
                    records: Vec::with_capacity(len),
                    tension: vec![0.0; columns * len],
                };
                for k in 0..len {
                    let mut rng = run_stream(seed, (start + k) as u64);
                    ws.play(prep, &mut rng);
                    chunk.records.push(ws.record(prep));
                    ws.write_tension(&mut chunk.tension, k, len);
                }
                chunk
            },
        )
        .collect()
}

/// Type-7 quantile by selection (O(n)); reorders `values`.
fn select_quantile(values: &mut [f64], q: f64) -> f64 {
    let n = values.len();
    let h = (n - 1) as f64 * q;
    let lo = h.floor() as usize;
    let (_, &mut at_lo, rest) = values.select_nth_unstable_by(lo, f64::total_cmp);
    let frac = h - lo as f64;
    if frac == 0.0 || rest.is_empty() {
        return at_lo;
    }
    let at_hi = rest.iter().copied().fold(f64::INFINITY, f64::min);
    at_lo + frac * (at_hi - at_lo)
}

fn band(column: &mut [f64]) -> Band {
    let mean = column.iter().sum::<f64>() / column.len() as f64;
    Band {
        mean,
        low: select_quantile(column, 0.05),
        high: select_quantile(column, 0.95),
    }
}

fn tension_bands(prep: &Prepared, chunks: &[Chunk]) -> (Vec<Vec<Band>>, Vec<Band>) {
    let h = prep.params.horizon;
    let nd = prep.domains();
    let column = |col: usize| -> Vec<f64> {
        chunks
            .iter()
            .flat_map(|c| {
                let len = c.records.len();
                c.tension[col * len..(col + 1) * len]
                    .iter()
                    .map(|&x| f64::from(x))
            })
            .collect()
    };
    let per_domain: Vec<Band> = (0..nd * h)
        .into_par_iter()
        .map(|col| band(&mut column(col)))
        .collect();
    let overall: Vec<Band> = (0..h)
        .into_par_iter()
        .map(|t| {
            let mut sum = column(t);
            for d in 1..nd {
                for (s, x) in sum.iter_mut().zip(column(d * h + t)) {
                    *s += x;
                }
            }
            sum.iter_mut().for_each(|s| *s /= nd as f64);
            band(&mut sum)
        })
        .collect();
    (
        per_domain.chunks(h).map(<[Band]>::to_vec).collect(),
        overall,
    )
}

fn mean_of_some(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let (mut sum, mut n) = (0.0, 0usize);
    for v in values {
        sum += v?;
        n += 1;
    }
    (n > 0).then(|| sum / n as f64)
}

/// Summarise chunks (in run order) of a prepared setup.
pub(crate) fn summarise(prep: &Prepared, chunks: &[Chunk], seed: u64) -> MonteCarloSummary {
    let recs: Vec<&RunRecord> = chunks.iter().flat_map(|c| &c.records).collect();
    let runs = recs.len() as u64;
    let h = prep.params.horizon;
    let hits = recs.iter().filter(|r| r.onset.is_some()).count() as u64;
    let mut onsets: Vec<f64> = recs.iter().filter_map(|r| r.onset.map(f64::from)).collect();
    onsets.sort_by(f64::total_cmp);
    let onset = stats::mean(&onsets).map(|mean| OnsetSummary {
        mean,
        q25: stats::quantile_sorted(&onsets, 0.25).unwrap_or(mean),
        median: stats::quantile_sorted(&onsets, 0.5).unwrap_or(mean),
        q75: stats::quantile_sorted(&onsets, 0.75).unwrap_or(mean),
    });
    let mut by_period = vec![0u64; h + 1];
    for r in &recs {
        if let Some(o) = r.onset {
            by_period[o as usize] += 1;
        }
    }
    let mut spiralled = 0u64;
    let survival = (1..=h)
        .map(|t| {
            spiralled += by_period[t];
            if runs == 0 {
                1.0
            } else {
                1.0 - spiralled as f64 / runs as f64
            }
        })
        .collect();
    let empty = || QuantileSummary {
        mean: f64::NAN,
        sd: None,
        q05: f64::NAN,
        q25: f64::NAN,
        q50: f64::NAN,
        q75: f64::NAN,
        q95: f64::NAN,
    };
    let side_welfare = (0..prep.sides.len())
        .map(|s| {
            QuantileSummary::of(recs.iter().map(|r| r.side_welfare[s]).collect())
                .unwrap_or_else(empty)
        })
        .collect();
    let joint_welfare =
        QuantileSummary::of(recs.iter().map(|r| r.joint_welfare).collect()).unwrap_or_else(empty);
    let (tension, overall_tension) = if recs.is_empty() {
        (vec![Vec::new(); prep.domains()], Vec::new())
    } else {
        tension_bands(prep, chunks)
    };
    MonteCarloSummary {
        runs,
        seed,
        horizon: h,
        domains: prep.domain_names.clone(),
        sides: prep.sides.clone(),
        spiral: stats::wilson(hits, runs),
        onset,
        survival,
        locked_share: stats::mean(&recs.iter().map(|r| r.locked_share).collect::<Vec<_>>())
            .unwrap_or(f64::NAN),
        side_welfare,
        joint_welfare,
        payoff_per_move: stats::mean(&recs.iter().map(|r| r.payoff_per_move).collect::<Vec<_>>())
            .unwrap_or(f64::NAN),
        tension,
        overall_tension,
        final_decoupling: mean_of_some(recs.iter().map(|r| r.final_decoupling)),
        final_greed_belief: mean_of_some(recs.iter().map(|r| r.mean_greed_belief)),
    }
}

/// Run `runs` independent runs (run k on `run_stream(seed, k)`) in parallel on the current rayon
/// pool and summarise them in run order (§4.7).
pub fn monte_carlo(
    setup: &DilemmaSetup,
    runs: u64,
    seed: u64,
) -> Result<MonteCarloSummary, DilemmaError> {
    if runs == 0 {
        return Err(DilemmaError::Input("at least one run is required".into()));
    }
    let prep = Prepared::new(setup)?;
    let chunks = simulate(&prep, runs, seed);
    Ok(summarise(&prep, &chunks, seed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_quantile_matches_sorting() {
        let data = [5.0, 1.0, 4.0, 2.0, 3.0, 9.0, 7.0];
        let mut sorted = data.to_vec();
        sorted.sort_by(f64::total_cmp);
        for q in [0.0, 0.05, 0.3, 0.5, 0.95, 1.0] {
            let mut v = data.to_vec();
            let want = stats::quantile_sorted(&sorted, q).unwrap();
            assert!((select_quantile(&mut v, q) - want).abs() < 1e-12, "q={q}");
        }
    }
}
