//! Two checks of the annual Richardson fit against history (docs/escalate-richardson.md).
//!
//! - [`race_discrimination`]: do the fitted reactions or P(unstable) separate the
//!   Gibler–Rider–Hutchison arms-race dyads from strategic rivals of the same years that did not
//!   race? Area under the ROC curve with a bootstrap interval.
//! - [`forecast_skill`]: fitted on years t−10…t, how well does the annual map forecast t+1…t+5
//!   for rival dyads, against a random walk and a per-series AR(1)? RMSE ratios with a bootstrap
//!   interval over dyads.
//!
//! Both are deterministic for a seed, whatever the thread count: every case has its own seed and
//! results are collected in case order.

use super::annual::fit_annual;
use super::series::{History, RIVALRY_LIST_END, Source, dyad_ties, history};
use super::{ArmsSeries, RichardsonError};
use crate::escalate::linalg::{self, Matrix};
use crate::par::*;
use crate::rng::{self, DetRng};
use crate::stats;
use rand::SeedableRng;
use serde::Serialize;
use std::collections::BTreeSet;

/// A statistic with its 95 % percentile-bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// Point estimate on the full sample.
    pub estimate: f64,
    /// 2.5 % bootstrap quantile.
    pub low: f64,
    /// 97.5 % bootstrap quantile.
    pub high: f64,
}

fn percentile_interval(estimate: f64, mut draws: Vec<f64>) -> Interval {
    draws.retain(|v| v.is_finite());
    crate::order::sort_floats(&mut draws);
    Interval {
        estimate,
        low: stats::quantile_sorted(&draws, 0.025).unwrap_or(f64::NAN),
        high: stats::quantile_sorted(&draws, 0.975).unwrap_or(f64::NAN),
    }
}

/// Settings of [`race_discrimination`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RaceSettings {
    /// Years of run-up before a race's first year included in its window.
    pub lead: i32,
    /// Coefficient draws for P(unstable) per dyad.
    pub draws: u64,
    /// Bootstrap resamples for the AUC interval.
    pub bootstrap: usize,
    /// Master seed.
    pub seed: u64,
}

impl Default for RaceSettings {
    fn default() -> Self {
        RaceSettings {
            lead: 10,
            draws: 1000,
            bootstrap: 2000,
            seed: 1,
        }
    }
}

/// One fitted dyad-window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RaceCase {
    /// COW codes.
    pub dyad: (u32, u32),
    /// Window of levels (first, last).
    pub years: (i32, i32),
    /// The GRH race this window covers, or `None` for a matched rival dyad.
    pub race: Option<u32>,
    /// Series used.
    pub source: Source,
    /// Mean of the two fitted reactions k₁₂, k₂₁ (per year).
    pub reaction: f64,
    /// Mean of k_ij·x̄_j/x̄_i (window means): the share of its own budget a side adds per year
    /// in answer to the rival's mean level — the builder's `rival_reaction` r.
    pub relative_reaction: f64,
    /// ρ(I + M) at the point estimates.
    pub spectral_radius: f64,
    /// P(unstable) under the coefficients' sampling distribution.
    pub p_unstable: f64,
}

/// Result of [`race_discrimination`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RaceDiscrimination {
    /// Settings used.
    pub settings: RaceSettings,
    /// Races in the GRH list.
    pub races_listed: usize,
    /// Races fitted (both series complete over the window, fit identified).
    pub races_fitted: usize,
    /// Matched rival dyad-windows fitted.
    pub controls_fitted: usize,
    /// AUC of P(unstable) (race = positive).
    pub auc_p_unstable: Interval,
    /// AUC of the mean reaction.
    pub auc_reaction: Interval,
    /// AUC of the mean relative reaction.
    pub auc_relative_reaction: Interval,
    /// Every fitted case, races first.
    pub cases: Vec<RaceCase>,
}

/// A dyad-window to fit: COW codes, first and last year, the race it covers (if any).
type Job = ((u32, u32), (i32, i32), Option<u32>);

fn rivalry_end(end: i32) -> i32 {
    if end >= RIVALRY_LIST_END { 2024 } else { end }
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

fn fit_case(
    h: &History,
    dyad: (u32, u32),
    years: (i32, i32),
    race: Option<u32>,
    draws: u64,
    seed: u64,
) -> Option<RaceCase> {
    let d = h.dyad(dyad.0, dyad.1, years.0, years.1)?;
    let series = ArmsSeries {
        actors: vec![dyad.0.to_string(), dyad.1.to_string()],
        levels: d.levels.to_vec(),
    };
    let f = fit_annual(&series, &dyad_ties()).ok()?;
    let k = [
        f.fit.equations[0].reactions[0].value,
        f.fit.equations[1].reactions[0].value,
    ];
    let means = [mean(&d.levels[0]), mean(&d.levels[1])];
    if means.iter().any(|m| *m <= 0.0) {
        return None;
    }
    let case_seed = rng::derive(seed, [dyad.0 as u64, dyad.1 as u64, years.0 as u64]);
    let p = f.instability(draws, case_seed).ok()?;
    Some(RaceCase {
        dyad,
        years,
        race,
        source: d.source,
        reaction: 0.5 * (k[0] + k[1]),
        relative_reaction: 0.5 * (k[0] * means[1] / means[0] + k[1] * means[0] / means[1]),
        spectral_radius: f.spectral_radius,
        p_unstable: p.probability.estimate,
    })
}

/// Mann–Whitney AUC: P(score of a positive > score of a negative), ties count one half.
pub fn auc(positives: &[f64], negatives: &[f64]) -> f64 {
    let mut wins = 0.0;
    for p in positives {
        for n in negatives {
            wins += if p > n {
                1.0
            } else if p == n {
                0.5
            } else {
                0.0
            };
        }
    }
    wins / (positives.len() * negatives.len()) as f64
}

fn auc_interval(pos: &[f64], neg: &[f64], bootstrap: usize, seed: u64) -> Interval {
    let mut rng = DetRng::seed_from_u64(seed);
    let mut pick = |n: usize| ((rng::u01(&mut rng) * n as f64) as usize).min(n - 1);
    let draws = (0..bootstrap)
        .map(|_| {
            let p: Vec<f64> = (0..pos.len()).map(|_| pos[pick(pos.len())]).collect();
            let n: Vec<f64> = (0..neg.len()).map(|_| neg[pick(neg.len())]).collect();
            auc(&p, &n)
        })
        .collect();
    percentile_interval(auc(pos, neg), draws)
}

/// Races against matched rivals. A race from s to e is fitted on levels s − lead … e; its
/// controls are the Thompson–Dreyer rival dyads active in year s (a rivalry listed as ending in
/// 2010 is taken as ongoing) that have no GRH race overlapping s − lead … e + lead, fitted on the
/// same years. A window uses SIPRI when both states have every year, else COW; windows without
/// complete series or with an unidentified fit are left out.
pub fn race_discrimination(settings: RaceSettings) -> Result<RaceDiscrimination, RichardsonError> {
    if settings.draws == 0 || settings.bootstrap == 0 || settings.lead < 0 {
        return Err(RichardsonError::Input(
            "draws and bootstrap must be positive and lead non-negative".into(),
        ));
    }
    let h = history()?;
    let races = h.arms_races();
    let mut jobs: Vec<Job> = races
        .iter()
        .map(|r| (r.dyad, (r.start - settings.lead, r.end), Some(r.id)))
        .collect();
    let mut controls = BTreeSet::new();
    for r in races {
        let window = (r.start - settings.lead, r.end);
        for v in h.rivalries() {
            let raced = races
                .iter()
                .any(|o| o.dyad == v.dyad && o.start <= r.end + settings.lead && o.end >= window.0);
            if v.start <= r.start && r.start <= rivalry_end(v.end) && !raced {
                controls.insert((v.dyad, window));
            }
        }
    }
    jobs.extend(controls.into_iter().map(|(d, w)| (d, w, None)));
    let cases: Vec<RaceCase> = jobs
        .par_iter()
        .map(|&(d, w, race)| fit_case(h, d, w, race, settings.draws, settings.seed))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    let (pos, neg): (Vec<&RaceCase>, Vec<&RaceCase>) = cases.iter().partition(|c| c.race.is_some());
    if pos.is_empty() || neg.is_empty() {
        return Err(RichardsonError::Input(
            "no race or no control could be fitted".into(),
        ));
    }
    let score = |f: fn(&RaceCase) -> f64, salt: u64| {
        let p: Vec<f64> = pos.iter().map(|c| f(c)).collect();
        let n: Vec<f64> = neg.iter().map(|c| f(c)).collect();
        auc_interval(
            &p,
            &n,
            settings.bootstrap,
            rng::derive(settings.seed, [salt, 0, 0]),
        )
    };
    Ok(RaceDiscrimination {
        settings,
        races_listed: races.len(),
        races_fitted: pos.len(),
        controls_fitted: neg.len(),
        auc_p_unstable: score(|c| c.p_unstable, 1),
        auc_reaction: score(|c| c.reaction, 2),
        auc_relative_reaction: score(|c| c.relative_reaction, 3),
        cases,
    })
}

/// Settings of [`forecast_skill`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ForecastSettings {
    /// Annual changes in each fitting window (levels t − window … t).
    pub window: usize,
    /// Forecast horizon in years (t + 1 … t + horizon).
    pub horizon: usize,
    /// First and last forecast origin t.
    pub origins: (i32, i32),
    /// Bootstrap resamples (of dyads) for the intervals.
    pub bootstrap: usize,
    /// Seed of the bootstrap.
    pub seed: u64,
}

impl Default for ForecastSettings {
    fn default() -> Self {
        ForecastSettings {
            window: 10,
            horizon: 5,
            origins: (1959, 2019),
            bootstrap: 2000,
            seed: 1,
        }
    }
}

/// RMSE ratios at one horizon (or pooled over all).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skill {
    /// Horizon in years (0 = all horizons pooled).
    pub horizon: usize,
    /// RMSE of the Richardson forecast (relative errors).
    pub rmse_richardson: f64,
    /// RMSE of the random walk.
    pub rmse_random_walk: f64,
    /// RMSE of the AR(1).
    pub rmse_ar1: f64,
    /// RMSE(Richardson)/RMSE(random walk), < 1 means Richardson is better.
    pub ratio_random_walk: Interval,
    /// RMSE(Richardson)/RMSE(AR(1)).
    pub ratio_ar1: Interval,
    /// Median over forecasts of |Richardson error| / |random-walk error|, a check robust to the
    /// few explosive fits that dominate the RMSE.
    pub median_abs_ratio_random_walk: f64,
}

/// Result of [`forecast_skill`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ForecastSkill {
    /// Settings used.
    pub settings: ForecastSettings,
    /// Rival dyads with at least one forecast.
    pub dyads: usize,
    /// Forecast origins (dyad × year) evaluated.
    pub forecasts: usize,
    /// Origins skipped because a fit was not identified.
    pub failed_fits: usize,
    /// All horizons pooled, then one entry per horizon.
    pub skill: Vec<Skill>,
}

/// Squared relative errors `((forecast − actual)/x_t)²` per model, horizon and side, plus the
/// absolute-error ratios for the median.
#[derive(Debug, Clone, Default)]
struct Errors {
    /// `sse[model][h]`, models: Richardson, random walk, AR(1).
    sse: [Vec<f64>; 3],
    count: Vec<f64>,
    abs_ratio: Vec<Vec<f64>>,
}

fn ar1_forecast(x: &[f64], horizon: usize) -> Option<Vec<f64>> {
    let n = x.len() - 1;
    let mut design = Matrix::zeros(n, 2);
    for t in 0..n {
        design[(t, 0)] = x[t];
        design[(t, 1)] = 1.0;
    }
    let ls = linalg::least_squares(&design, &x[1..]).ok()?;
    let (phi, c) = (ls.coefficients[0], ls.coefficients[1]);
    let mut level = x[n];
    Some(
        (0..horizon)
            .map(|_| {
                level = c + phi * level;
                level
            })
            .collect(),
    )
}

fn forecast_dyad(
    h: &History,
    dyad: (u32, u32),
    years: &[i32],
    s: &ForecastSettings,
) -> (Errors, usize, usize) {
    let mut e = Errors {
        sse: [
            vec![0.0; s.horizon],
            vec![0.0; s.horizon],
            vec![0.0; s.horizon],
        ],
        count: vec![0.0; s.horizon],
        abs_ratio: vec![Vec::new(); s.horizon],
    };
    let (mut done, mut failed) = (0, 0);
    for &t in years {
        let first = t - s.window as i32;
        let Some(d) = h.dyad(dyad.0, dyad.1, first, t + s.horizon as i32) else {
            continue;
        };
        if d.source != Source::Sipri {
            continue;
        }
        let w = s.window + 1;
        let fitted: Vec<Vec<f64>> = d.levels.iter().map(|l| l[..w].to_vec()).collect();
        let series = ArmsSeries {
            actors: vec![dyad.0.to_string(), dyad.1.to_string()],
            levels: fitted.clone(),
        };
        let last = [fitted[0][w - 1], fitted[1][w - 1]];
        let rich = fit_annual(&series, &dyad_ties()).and_then(|f| f.forecast(&last, s.horizon));
        let ar = [
            ar1_forecast(&fitted[0], s.horizon),
            ar1_forecast(&fitted[1], s.horizon),
        ];
        let (Ok(rich), [Some(a0), Some(a1)]) = (rich, ar) else {
            failed += 1;
            continue;
        };
        if last.iter().any(|v| *v <= 0.0) {
            failed += 1;
            continue;
        }
        done += 1;
        let ar = [a0, a1];
        for side in 0..2 {
            for k in 0..s.horizon {
                let actual = d.levels[side][w + k];
                let rel = |f: f64| (f - actual) / last[side];
                let errs = [rel(rich[k][side]), rel(last[side]), rel(ar[side][k])];
                for (m, err) in errs.iter().enumerate() {
                    e.sse[m][k] += err * err;
                }
                e.count[k] += 1.0;
                if errs[1] != 0.0 {
                    e.abs_ratio[k].push(errs[0].abs() / errs[1].abs());
                }
            }
        }
    }
    (e, done, failed)
}

/// Ratios of pooled RMSEs over a set of dyads (with repeats, for the bootstrap), for horizon
/// `k` (or all when `None`): Richardson over random walk and over AR(1).
fn ratios(per_dyad: &[&Errors], k: Option<usize>) -> ([f64; 3], [f64; 2]) {
    let mut sse = [0.0; 3];
    for e in per_dyad {
        for (m, s) in sse.iter_mut().enumerate() {
            *s += match k {
                Some(k) => e.sse[m][k],
                None => e.sse[m].iter().sum(),
            };
        }
    }
    let count: f64 = per_dyad
        .iter()
        .map(|e| match k {
            Some(k) => e.count[k],
            None => e.count.iter().sum(),
        })
        .sum();
    let rmse = sse.map(|s| (s / count).sqrt());
    (rmse, [rmse[0] / rmse[1], rmse[0] / rmse[2]])
}

/// Forecasts for rival dyads: every Thompson–Dreyer dyad (a rivalry listed as ending in 2010 is
/// taken as ongoing) and every origin t in `settings.origins` at which the rivalry is active and
/// both states have SIPRI figures for t − window … t + horizon. The annual map, a random walk
/// (x̂ = x_t) and an AR(1) per series (x_{s+1} = c + φ x_s, OLS on the same window) are scored on
/// relative errors (x̂_{t+h} − x_{t+h})/x_t; the intervals resample dyads.
pub fn forecast_skill(settings: ForecastSettings) -> Result<ForecastSkill, RichardsonError> {
    if settings.window < 4 || settings.horizon == 0 || settings.bootstrap == 0 {
        return Err(RichardsonError::Input(
            "forecasts need a window of at least 4 years, a horizon and a bootstrap".into(),
        ));
    }
    let h = history()?;
    let mut dyads: Vec<((u32, u32), BTreeSet<i32>)> = Vec::new();
    for v in h.rivalries() {
        let years: BTreeSet<i32> = (settings.origins.0..=settings.origins.1)
            .filter(|&t| v.start <= t && t <= rivalry_end(v.end))
            .collect();
        if years.is_empty() {
            continue;
        }
        match dyads.iter_mut().find(|(d, _)| *d == v.dyad) {
            Some((_, y)) => y.extend(years),
            None => dyads.push((v.dyad, years)),
        }
    }
    let results: Vec<(Errors, usize, usize)> = dyads
        .par_iter()
        .map(|(d, y)| forecast_dyad(h, *d, &y.iter().copied().collect::<Vec<_>>(), &settings))
        .collect();
    let used: Vec<&(Errors, usize, usize)> = results.iter().filter(|r| r.1 > 0).collect();
    if used.is_empty() {
        return Err(RichardsonError::Input(
            "no rival dyad could be forecast".into(),
        ));
    }
    let errors: Vec<&Errors> = used.iter().map(|r| &r.0).collect();
    let mut rng = DetRng::seed_from_u64(settings.seed);
    let resamples: Vec<Vec<usize>> = (0..settings.bootstrap)
        .map(|_| {
            (0..errors.len())
                .map(|_| {
                    ((rng::u01(&mut rng) * errors.len() as f64) as usize).min(errors.len() - 1)
                })
                .collect()
        })
        .collect();
    let skill = std::iter::once(None)
        .chain((0..settings.horizon).map(Some))
        .map(|k| {
            let (rmse, point) = ratios(&errors, k);
            let boot: Vec<[f64; 2]> = resamples
                .iter()
                .map(|idx| ratios(&idx.iter().map(|&i| errors[i]).collect::<Vec<_>>(), k).1)
                .collect();
            let mut abs: Vec<f64> = errors
                .iter()
                .flat_map(|e| match k {
                    Some(k) => e.abs_ratio[k].clone(),
                    None => e.abs_ratio.concat(),
                })
                .collect();
            crate::order::sort_floats(&mut abs);
            Skill {
                horizon: k.map_or(0, |k| k + 1),
                rmse_richardson: rmse[0],
                rmse_random_walk: rmse[1],
                rmse_ar1: rmse[2],
                ratio_random_walk: percentile_interval(
                    point[0],
                    boot.iter().map(|b| b[0]).collect(),
                ),
                ratio_ar1: percentile_interval(point[1], boot.iter().map(|b| b[1]).collect()),
                median_abs_ratio_random_walk: stats::quantile_sorted(&abs, 0.5).unwrap_or(f64::NAN),
            }
        })
        .collect();
    Ok(ForecastSkill {
        settings,
        dyads: used.len(),
        forecasts: used.iter().map(|r| r.1).sum(),
        failed_fits: results.iter().map(|r| r.2).sum(),
        skill,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auc_counts_wins_and_half_ties() {
        assert_eq!(auc(&[3.0, 4.0], &[1.0, 2.0]), 1.0);
        assert_eq!(auc(&[1.0], &[2.0]), 0.0);
        assert_eq!(auc(&[2.0, 1.0], &[2.0]), 0.25);
    }

    #[test]
    fn ar1_forecast_continues_a_geometric_series() {
        let x: Vec<f64> = (0..8).map(|t| 100.0 * 0.9f64.powi(t) + 10.0).collect();
        let f = ar1_forecast(&x, 2).unwrap();
        let want = 100.0 * 0.9f64.powi(8) + 10.0;
        assert!((f[0] - want).abs() < 1e-6, "{f:?}");
    }
}
