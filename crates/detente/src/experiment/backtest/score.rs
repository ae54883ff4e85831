//! Scores of a backtest: mean absolute error, hit rate and paired differences against the best
//! baseline, each with a percentile bootstrap interval over cases.

use serde::{Deserialize, Serialize};

use super::{BacktestOptions, Case, MethodKind};
use crate::rng::run_stream;
use crate::stats::quantile_sorted;
use rand::RngExt as _;

/// A point estimate with a 95 % percentile bootstrap interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// The estimate on the observed cases.
    pub value: f64,
    /// 2.5 % bootstrap quantile.
    pub low: f64,
    /// 97.5 % bootstrap quantile.
    pub high: f64,
}

/// A method's paired difference in error against the best baseline (B3); negative is better.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paired {
    /// The baseline compared against.
    pub baseline: String,
    /// Cases where both have a prediction.
    pub n: usize,
    /// Mean of `e_model − e_baseline`, with its interval.
    pub difference: Interval,
}

/// One method's track record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MethodScore {
    /// The method.
    pub method: String,
    /// Model or baseline.
    pub kind: MethodKind,
    /// Cases where the method has a prediction.
    pub n: usize,
    /// Mean absolute error (B2), points of a 0–100 scale.
    pub mae: Option<Interval>,
    /// Share of cases within the tolerance (B2).
    pub hit_rate: Option<Interval>,
    /// Paired difference against the best baseline; `None` for that baseline itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub versus_best_baseline: Option<Paired>,
}

/// The methods of `cases` in first-seen order, baselines first.
fn methods(cases: &[Case]) -> Vec<(String, MethodKind)> {
    let mut out: Vec<(String, MethodKind)> = Vec::new();
    for kind in [MethodKind::Baseline, MethodKind::Model] {
        for c in cases {
            for p in c.predictions.iter().filter(|p| p.kind == kind) {
                if !out.iter().any(|(m, _)| m == &p.method) {
                    out.push((p.method.clone(), kind));
                }
            }
        }
    }
    out
}

/// The errors of `method` per case (`None` where it has none).
fn errors(cases: &[Case], method: &str) -> Vec<Option<f64>> {
    cases
        .iter()
        .map(|c| c.prediction(method).and_then(|p| p.error))
        .collect()
}

/// Bootstrap a statistic of the values present: the statistic on the observed values and its
/// 2.5–97.5 % interval over `resamples` resamples of the same size, drawn from the stream
/// `(seed, stream)`.
pub(super) fn bootstrap<T: Copy>(
    values: &[T],
    statistic: impl Fn(&[T]) -> f64,
    options: &BacktestOptions,
    stream: u64,
) -> Option<Interval> {
    if values.is_empty() {
        return None;
    }
    let mut rng = run_stream(options.seed, stream);
    let mut sample = vec![values[0]; values.len()];
    let mut stats: Vec<f64> = (0..options.resamples)
        .map(|_| {
            for s in sample.iter_mut() {
                let k = rng.random_range(0..values.len());
                *s = values[k];
            }
            statistic(&sample)
        })
        .collect();
    crate::order::sort_floats(&mut stats);
    let value = statistic(values);
    Some(Interval {
        value,
        low: quantile_sorted(&stats, 0.025).unwrap_or(value),
        high: quantile_sorted(&stats, 0.975).unwrap_or(value),
    })
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

/// Score every method of `cases`; also returns the best baseline (lowest MAE; ties to the
/// first listed).
pub fn score(cases: &[Case], options: &BacktestOptions) -> (Vec<MethodScore>, Option<String>) {
    let methods = methods(cases);
    let mut scores: Vec<MethodScore> = methods
        .iter()
        .enumerate()
        .map(|(k, (method, kind))| {
            let e: Vec<f64> = errors(cases, method).into_iter().flatten().collect();
            let tol = options.tolerance;
            let hit = |v: &[f64]| v.iter().filter(|&&x| x <= tol).count() as f64 / v.len() as f64;
            MethodScore {
                method: method.clone(),
                kind: *kind,
                n: e.len(),
                mae: bootstrap(&e, mean, options, 2 * k as u64),
                hit_rate: bootstrap(&e, hit, options, 2 * k as u64 + 1),
                versus_best_baseline: None,
            }
        })
        .collect();
    let best = scores
        .iter()
        .filter(|s| s.kind == MethodKind::Baseline)
        .filter_map(|s| s.mae.map(|m| (s.method.clone(), m.value)))
        .fold(None::<(String, f64)>, |acc, (m, v)| match acc {
            Some((_, best)) if best <= v => acc,
            _ => Some((m, v)),
        })
        .map(|(m, _)| m);
    if let Some(b) = &best {
        let base = errors(cases, b);
        let offset = 2 * methods.len() as u64;
        for (k, s) in scores.iter_mut().enumerate() {
            if &s.method == b {
                continue;
            }
            let diffs: Vec<f64> = errors(cases, &s.method)
                .into_iter()
                .zip(&base)
                .filter_map(|(e, b)| Some(e? - (*b)?))
                .collect();
            s.versus_best_baseline =
                bootstrap(&diffs, mean, options, offset + k as u64).map(|difference| Paired {
                    baseline: b.clone(),
                    n: diffs.len(),
                    difference,
                });
        }
    }
    (scores, best)
}

#[cfg(test)]
mod tests {
    use super::super::{Prediction, backtest, error};
    use super::*;

    fn case(observed: f64, preds: &[(&str, MethodKind, Option<f64>)]) -> Case {
        Case {
            source: "t".into(),
            scenario: "t".into(),
            issue: "i".into(),
            lens: "decide".into(),
            observed,
            observed_range: None,
            estimate: false,
            scale_width: 100.0,
            predictions: preds
                .iter()
                .map(|&(m, kind, v)| Prediction {
                    method: m.into(),
                    kind,
                    value: v,
                    error: v.map(|x| error(x, observed, 100.0)),
                    note: None,
                })
                .collect(),
        }
    }

    #[test]
    fn mae_hit_rate_and_paired_difference() {
        use MethodKind::{Baseline, Model};
        let cases = vec![
            case(
                50.0,
                &[("sq", Baseline, Some(40.0)), ("m", Model, Some(52.0))],
            ),
            case(
                20.0,
                &[("sq", Baseline, Some(0.0)), ("m", Model, Some(35.0))],
            ),
            case(80.0, &[("sq", Baseline, None), ("m", Model, Some(80.0))]),
        ];
        let b = backtest(cases, BacktestOptions::default());
        let sq = &b.scores[0];
        assert_eq!((sq.method.as_str(), sq.n), ("sq", 2));
        assert_eq!(sq.mae.unwrap().value, 15.0);
        assert_eq!(sq.hit_rate.unwrap().value, 0.5);
        let m = &b.scores[1];
        assert_eq!(m.n, 3);
        assert!((m.mae.unwrap().value - 17.0 / 3.0).abs() < 1e-12);
        assert!((m.hit_rate.unwrap().value - 2.0 / 3.0).abs() < 1e-12);
        // Paired on the two cases where both exist: (2 − 10 + 15 − 20)/2 = −6.5.
        let p = m.versus_best_baseline.as_ref().unwrap();
        assert_eq!((p.baseline.as_str(), p.n), ("sq", 2));
        assert_eq!(p.difference.value, -6.5);
        assert!(p.difference.low <= -6.5 && p.difference.high >= -6.5);
        assert_eq!(b.best_baseline.as_deref(), Some("sq"));
    }

    #[test]
    fn bootstrap_is_seeded() {
        let v = [1.0, 5.0, 2.0, 8.0, 3.0];
        let o = BacktestOptions::default();
        let a = bootstrap(&v, mean, &o, 3).unwrap();
        assert_eq!(a, bootstrap(&v, mean, &o, 3).unwrap());
        assert!(a.low < a.value && a.value < a.high);
        assert!(a.low >= 1.0 && a.high <= 8.0);
    }
}
