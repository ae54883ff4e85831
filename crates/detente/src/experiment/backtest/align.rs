//! Align cases: every scenario whose `[align]` section carries a `known_outcome` (the sides the
//! states actually took), scored state by state for the align lens and three naive baselines.
//!
//! The model's best (lowest-energy) stable configuration is read as sides through the case's
//! anchors: the coalition holding a side's anchor is that side (when both anchors share a
//! coalition, the first listed side takes it and the other coalition the next side); the
//! neutral pole is the case's `neutral_side`. Each method is scored on the `n` states that have
//! an observed side and a place in the landscape:
//!
//! ```text
//! (A1)  accuracy a = (1/n) Σ_i 1[ŷ_i = y_i]
//! (A2)  Cohen's κ = (a − p_e) / (1 − p_e),  p_e = Σ_s (n_s^obs / n)(n_s^pred / n)   (κ = 0 when p_e = 1)
//! ```
//!
//! with 95 % percentile bootstrap intervals over states (resampled with replacement). κ is 0
//! for a method no better than chance given the shares of each side; accuracy alone rewards
//! predicting the largest side. Baselines:
//!
//! - **majority side**: every state on the side most states took (κ = 0 by construction);
//! - **nearest bloc by ideal point**: each state on the side of the anchor whose UNGA ideal point
//!   is nearest, or on the neutral side when it is nearer the midpoint of the two anchors
//!   (no prediction without ideal points, e.g. before 1946);
//! - **alliance with an anchor**: each state on the side of the anchor it is most strongly
//!   allied with (the `shared_alliance` term), an anchor on its own side, the rest on the
//!   neutral side.

use std::collections::BTreeMap;

use crate::par::*;
use serde::{Deserialize, Serialize};

use super::score::{Interval, bootstrap};
use super::{BacktestError, BacktestOptions, MethodKind};
use crate::align::{align, scenario::input as align_input};
use crate::scenario::{AlignOutcome, Resolved};

/// The align lens's prediction.
pub const ALIGN_MODEL: &str = "align (best configuration)";
/// Everyone on the most common side.
pub const MAJORITY: &str = "majority side";
/// Nearest anchor by UNGA ideal point.
pub const IDEAL_POINT: &str = "nearest bloc by ideal point";
/// Alliance with an anchor.
pub const ALLIANCE: &str = "alliance with an anchor";

/// One method's placements and scores on an align case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignMethod {
    /// The method.
    pub method: String,
    /// Model or baseline.
    pub kind: MethodKind,
    /// Predicted side per scored state (same order as [`AlignCase::states`]); `None` when the
    /// method has no answer for the state (counted as wrong).
    pub predicted: Vec<Option<String>>,
    /// Share placed correctly (A1), with its interval; `None` when the method has no answer
    /// for any state.
    pub accuracy: Option<Interval>,
    /// Cohen's κ (A2), with its interval.
    pub kappa: Option<Interval>,
    /// Why the method has no answer, if it has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One align case: the observed sides and every method's placements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignCase {
    /// Where the case came from (a file name).
    pub source: String,
    /// The scenario's id.
    pub scenario: String,
    /// What happened and when.
    pub event: String,
    /// The day of the event.
    pub date: String,
    /// The sides, in file order.
    pub sides: Vec<String>,
    /// The side read from the neutral pole, if any.
    pub neutral_side: Option<String>,
    /// Scored states and their observed side.
    pub states: Vec<(String, String)>,
    /// States with an observed side but no place in the landscape (no data for them), with
    /// the reason; reported, never scored.
    pub unscored: Vec<(String, String)>,
    /// Every method, baselines first.
    pub methods: Vec<AlignMethod>,
    /// Coding notes and the align run's remarks.
    pub notes: Vec<String>,
}

impl AlignCase {
    /// The scores of `method`, if present.
    pub fn method(&self, method: &str) -> Option<&AlignMethod> {
        self.methods.iter().find(|m| m.method == method)
    }
}

/// Every align case of `scenarios` (`(source, scenario)` pairs with an
/// `[align.known_outcome]`), in input order; cases run in parallel. A case whose model cannot
/// run is an error naming the file.
pub fn align_cases(
    scenarios: &[(String, Resolved)],
    options: &BacktestOptions,
) -> Result<Vec<AlignCase>, BacktestError> {
    scenarios
        .par_iter()
        .enumerate()
        .filter_map(|(k, (source, r))| {
            let outcome = r.scenario.align.as_ref()?.known_outcome.as_ref()?;
            Some(align_case(source, r, outcome, options, k as u64))
        })
        .collect()
}

/// Scores one scenario's align case; `stream` separates its bootstrap draws from other cases'.
pub fn align_case(
    source: &str,
    r: &Resolved,
    k: &AlignOutcome,
    options: &BacktestOptions,
    stream: u64,
) -> Result<AlignCase, BacktestError> {
    let input_error = |error| BacktestError::Input {
        case: source.to_string(),
        error,
    };
    let (input, built) = align_input(r).map_err(input_error)?;
    let result = align(&input).map_err(|error| BacktestError::Align {
        case: source.to_string(),
        error,
    })?;
    let ids: Vec<&str> = input
        .landscape
        .actors
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    let mut states = Vec::new();
    let mut unscored = Vec::new();
    for (side, members) in &k.sides {
        for m in members {
            if ids.contains(&m.as_str()) {
                states.push((m.clone(), side.clone()));
            } else {
                unscored.push((m.clone(), absence(r, m)));
            }
        }
    }
    crate::order::sort_by_key(&mut states, |(id, _)| ids.iter().position(|x| x == id));
    let sides: Vec<String> = k.sides.iter().map(|(s, _)| s.clone()).collect();
    let neutral = k.neutral_side.clone();
    let majority = majority_side(&states);
    let mut methods = Vec::new();
    let mut push = |method: &str, kind, predicted: Vec<Option<String>>, note: Option<String>| {
        let s = 1_000_000 + stream * 16 + 2 * methods.len() as u64;
        methods.push(score_method(
            method, kind, &states, predicted, note, options, s,
        ));
    };
    push(
        MAJORITY,
        MethodKind::Baseline,
        vec![Some(majority.clone()); states.len()],
        None,
    );
    let attrs = crate::align::scenario::propensity_inputs(r).map_err(input_error)?;
    let ideal: BTreeMap<&str, f64> = attrs
        .actors
        .iter()
        .filter_map(|a| a.ideal_point.map(|x| (a.id.as_str(), x)))
        .collect();
    let (ip, ip_note) = nearest_by_ideal_point(&states, k, &ideal);
    push(IDEAL_POINT, MethodKind::Baseline, ip, ip_note);
    let mut allied: BTreeMap<(&str, &str), f64> = BTreeMap::new();
    for pair in &built.pairs {
        if let Some(v) = pair.terms.first().and_then(|t| t.value)
            && v > 0.0
        {
            allied.insert((pair.a.as_str(), pair.b.as_str()), v);
            allied.insert((pair.b.as_str(), pair.a.as_str()), v);
        }
    }
    push(
        ALLIANCE,
        MethodKind::Baseline,
        by_alliance(&states, k, &allied),
        None,
    );
    let model = (!result.configurations.is_empty()).then(|| model_sides(&result, &states, k));
    match model {
        Some(p) => push(ALIGN_MODEL, MethodKind::Model, p, None),
        None => push(
            ALIGN_MODEL,
            MethodKind::Model,
            vec![None; states.len()],
            Some("no stable configuration".into()),
        ),
    }
    let mut notes: Vec<String> = k.note.iter().cloned().collect();
    notes.extend(result.diagnostics.notes.iter().cloned());
    Ok(AlignCase {
        source: source.to_string(),
        scenario: r.scenario.scenario.id.clone(),
        event: k.event.clone(),
        date: k.date.clone(),
        sides,
        neutral_side: neutral,
        states,
        unscored,
        methods,
        notes,
    })
}

/// The side of each of `states` in the best configuration of `result` (read through the
/// anchors); `None` for a state without a side (or when there is no configuration).
pub fn model_sides(
    result: &crate::align::AlignResult,
    states: &[(String, String)],
    k: &AlignOutcome,
) -> Vec<Option<String>> {
    let Some(best) = result.configurations.first() else {
        return vec![None; states.len()];
    };
    let label_of: BTreeMap<&str, &str> = best
        .actors
        .iter()
        .map(|a| (a.id.as_str(), a.coalition.as_str()))
        .collect();
    let side_of = coalition_sides(best, k);
    states
        .iter()
        .map(|(id, _)| {
            label_of
                .get(id.as_str())
                .and_then(|l| side_of.get(*l).cloned())
        })
        .collect()
}

/// Why a side member has no place in the landscape.
fn absence(r: &Resolved, id: &str) -> String {
    match r.actor(id) {
        None => "not an actor of the scenario".into(),
        Some(a) if a.world.is_none() => "no row in the world data for the as_of year".into(),
        Some(_) => "not selected by [align] actors".into(),
    }
}

/// The most common observed side (ties to the side listed first).
fn majority_side(states: &[(String, String)]) -> String {
    let mut count: Vec<(String, usize)> = Vec::new();
    for (_, s) in states {
        match count.iter_mut().find(|(x, _)| x == s) {
            Some(c) => c.1 += 1,
            None => count.push((s.clone(), 1)),
        }
    }
    count
        .into_iter()
        .fold(None::<(String, usize)>, |best, (s, c)| match best {
            Some((_, b)) if b >= c => best,
            _ => Some((s, c)),
        })
        .map(|(s, _)| s)
        .unwrap_or_default()
}

/// Coalition label → side: the coalition holding an anchor takes the anchor's side (first listed
/// anchor first); coalitions without an anchor take the remaining non-neutral sides in order;
/// the neutral pole is the neutral side.
fn coalition_sides(
    best: &crate::align::StableConfiguration,
    k: &AlignOutcome,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut taken: Vec<&str> = Vec::new();
    for (side, anchor) in &k.anchors {
        if let Some(c) = best
            .coalitions
            .iter()
            .find(|c| c.label != crate::align::NEUTRAL_LABEL && c.members.contains(anchor))
            && !out.contains_key(&c.label)
        {
            out.insert(c.label.clone(), side.clone());
            taken.push(side);
        }
    }
    let mut rest = k
        .sides
        .iter()
        .map(|(s, _)| s.as_str())
        .filter(|s| !taken.contains(s) && Some(*s) != k.neutral_side.as_deref());
    for c in &best.coalitions {
        if c.label == crate::align::NEUTRAL_LABEL {
            if let Some(n) = &k.neutral_side {
                out.insert(c.label.clone(), n.clone());
            }
        } else if !out.contains_key(&c.label)
            && let Some(s) = rest.next()
        {
            out.insert(c.label.clone(), s.to_string());
        }
    }
    out
}

fn nearest_by_ideal_point(
    states: &[(String, String)],
    k: &AlignOutcome,
    ideal: &BTreeMap<&str, f64>,
) -> (Vec<Option<String>>, Option<String>) {
    let anchors: Vec<(&str, f64)> = k
        .anchors
        .iter()
        .filter_map(|(s, a)| ideal.get(a.as_str()).map(|&x| (s.as_str(), x)))
        .collect();
    if anchors.len() < 2 {
        return (
            vec![None; states.len()],
            Some("the anchors have no UNGA ideal points in the as_of year".into()),
        );
    }
    let mut centres: Vec<(&str, f64)> = anchors.clone();
    if let Some(n) = &k.neutral_side {
        let mid = anchors.iter().map(|(_, x)| x).sum::<f64>() / anchors.len() as f64;
        centres.push((n.as_str(), mid));
    }
    let predicted = states
        .iter()
        .map(|(id, _)| {
            let x = *ideal.get(id.as_str())?;
            centres
                .iter()
                .fold(None::<(&str, f64)>, |best, &(s, c)| {
                    let d = (x - c).abs();
                    match best {
                        Some((_, b)) if b <= d => best,
                        _ => Some((s, d)),
                    }
                })
                .map(|(s, _)| s.to_string())
        })
        .collect();
    (predicted, None)
}

fn by_alliance(
    states: &[(String, String)],
    k: &AlignOutcome,
    allied: &BTreeMap<(&str, &str), f64>,
) -> Vec<Option<String>> {
    states
        .iter()
        .map(|(id, _)| {
            if let Some((s, _)) = k.anchors.iter().find(|(_, a)| a == id) {
                return Some(s.clone());
            }
            let mut best: Option<(&str, f64)> = None;
            let mut tied = false;
            for (s, a) in &k.anchors {
                let v = allied
                    .get(&(id.as_str(), a.as_str()))
                    .copied()
                    .unwrap_or(0.0);
                match best {
                    Some((_, b)) if v == b && v > 0.0 => tied = true,
                    Some((_, b)) if v <= b => {}
                    _ if v > 0.0 => {
                        best = Some((s.as_str(), v));
                        tied = false;
                    }
                    _ => {}
                }
            }
            match best {
                Some((s, _)) if !tied => Some(s.to_string()),
                _ => k.neutral_side.clone(),
            }
        })
        .collect()
}

/// Accuracy and κ of one method with bootstrap intervals over states.
fn score_method(
    method: &str,
    kind: MethodKind,
    states: &[(String, String)],
    predicted: Vec<Option<String>>,
    note: Option<String>,
    options: &BacktestOptions,
    stream: u64,
) -> AlignMethod {
    let mut sides: Vec<String> = Vec::new();
    let mut index = |s: &str| match sides.iter().position(|x| x == s) {
        Some(i) => i,
        None => {
            sides.push(s.to_string());
            sides.len() - 1
        }
    };
    let pairs: Vec<(usize, usize)> = states
        .iter()
        .zip(&predicted)
        .map(|((_, obs), pred)| {
            let o = index(obs);
            // No answer: a category of its own, never equal to an observed side.
            let p = pred.as_deref().map_or(usize::MAX, &mut index);
            (o, p)
        })
        .collect();
    let any = predicted.iter().any(Option::is_some);
    AlignMethod {
        method: method.to_string(),
        kind,
        accuracy: any
            .then(|| bootstrap(&pairs, accuracy, options, stream))
            .flatten(),
        kappa: any
            .then(|| bootstrap(&pairs, kappa, options, stream + 1))
            .flatten(),
        predicted,
        note,
    }
}

/// Share of pairs with prediction = observation (A1).
pub fn accuracy(pairs: &[(usize, usize)]) -> f64 {
    pairs.iter().filter(|(o, p)| o == p).count() as f64 / pairs.len() as f64
}

/// Cohen's κ of observed against predicted categories (A2).
pub fn kappa(pairs: &[(usize, usize)]) -> f64 {
    let n = pairs.len() as f64;
    let mut obs: BTreeMap<usize, f64> = BTreeMap::new();
    let mut pred: BTreeMap<usize, f64> = BTreeMap::new();
    for &(o, p) in pairs {
        *obs.entry(o).or_default() += 1.0;
        *pred.entry(p).or_default() += 1.0;
    }
    let pe: f64 = obs
        .iter()
        .map(|(c, no)| no / n * pred.get(c).copied().unwrap_or(0.0) / n)
        .sum();
    if (1.0 - pe).abs() < 1e-12 {
        return 0.0;
    }
    (accuracy(pairs) - pe) / (1.0 - pe)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// κ by hand: 10 states, observed 6 A / 4 B, predicted 5 A / 5 B, 7 agree:
    /// p_e = 0.6·0.5 + 0.4·0.5 = 0.5, κ = (0.7 − 0.5)/0.5 = 0.4.
    #[test]
    fn kappa_matches_a_hand_computation() {
        let mut pairs = vec![(0, 0); 4];
        pairs.extend([(0, 1), (0, 1), (1, 0), (1, 1), (1, 1), (1, 1)]);
        assert!((accuracy(&pairs) - 0.7).abs() < 1e-12);
        assert!((kappa(&pairs) - 0.4).abs() < 1e-12);
        // Everyone on one side: p_e = the side's share, κ = 0.
        let all_a: Vec<(usize, usize)> = pairs.iter().map(|&(o, _)| (o, 0)).collect();
        assert_eq!(kappa(&all_a), 0.0);
        // Perfect agreement.
        let same: Vec<(usize, usize)> = pairs.iter().map(|&(o, _)| (o, o)).collect();
        assert_eq!(kappa(&same), 1.0);
    }

    #[test]
    fn majority_prefers_the_first_listed_on_ties() {
        let s = |v: &[(&str, &str)]| {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            majority_side(&s(&[("a", "x"), ("b", "y"), ("c", "y")])),
            "y"
        );
        assert_eq!(majority_side(&s(&[("a", "x"), ("b", "y")])), "x");
    }
}
