//! The align entry point: picks the search from the size of the problem,
//! runs it and assembles the [`AlignResult`].

use super::descent::DescentRule;
use super::error::{AlignError, AlignResultOf};
use super::exhaustive::{self, EXACT_BASIN_MAX_ACTORS};
use super::landscape::Landscape;
use super::neutral;
use super::partitions;
use super::problem::{Problem, Scaled, scale, with_problem};
use super::report::{Candidate, assemble};
use super::result::{AlignResult, Basin, Confidence, Method};
use super::sampling::{self, Schedule};
use super::weight::Weight;
use crate::par::*;
use crate::stats::wilson;
use serde::{Deserialize, Serialize};

/// Search settings. Defaults: two coalitions, energy-steepest descent, 100,000
/// random starts where sampling is needed, seed 0, exhaustive search when small enough.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignOptions {
    /// Maximum number of coalitions `k ≥ 2` (D3).
    pub coalitions: usize,
    /// Descent rule for basins (D10).
    pub rule: DescentRule,
    /// Random-start descents for sampled basins and heuristic search.
    pub restarts: u64,
    /// Master seed of the random starts (run `r` uses `run_stream(seed, r)`).
    pub seed: u64,
    /// `None`: exhaustive when `n ≤ 30` (k = 2) or `k^n/k! ≤ 10^9` (k > 2); `Some(true)`:
    /// exhaustive up to `n = 40` (k = 2); `Some(false)`: always heuristic.
    pub exhaustive: Option<bool>,
    /// Simulated-annealing runs in a heuristic search (two coalitions only).
    pub annealing_runs: u64,
    /// Sweeps per annealing run (200).
    pub annealing_sweeps: u64,
    /// Most configurations detailed in the result (all are counted in diagnostics).
    pub report_limit: usize,
    /// Adds the neutral pole: a place outside the `k` coalitions that costs nothing and gains
    /// nothing (its members' pairs never count as split; see [`crate::align`]). Off by
    /// default, which is exactly Axelrod–Bennett's model.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub neutral: bool,
}

impl Default for AlignOptions {
    fn default() -> Self {
        AlignOptions {
            coalitions: 2,
            rule: DescentRule::EnergySteepest,
            restarts: 100_000,
            seed: 0,
            exhaustive: None,
            annealing_runs: 16,
            annealing_sweeps: 200,
            report_limit: 100,
            neutral: false,
        }
    }
}

/// Everything an align run needs, as plain data: the landscape, the search settings and the
/// provenance lines to carry into the result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignInput {
    /// Actors, sizes, propensities, optional bloc field (D1–D3).
    pub landscape: Landscape,
    /// Search settings.
    pub options: AlignOptions,
    /// Where the inputs came from.
    pub provenance: Vec<String>,
    /// Notes to carry into the diagnostics (e.g. the propensity builder's warnings).
    pub notes: Vec<String>,
}

/// Largest `n` for the default two-coalition exhaustive walk.
pub const EXHAUSTIVE_MAX_ACTORS: usize = 30;
/// Largest `n` for a forced two-coalition exhaustive walk.
pub const EXHAUSTIVE_FORCED_MAX_ACTORS: usize = 40;

/// Runs the landscape model: finds the stable configurations, their energies and basins.
pub fn align(input: &AlignInput) -> AlignResultOf<AlignResult> {
    let l = &input.landscape;
    let o = &input.options;
    let k = o.coalitions;
    l.validate()?;
    if !(2..=255).contains(&k) {
        return Err(AlignError::Input(format!(
            "coalitions must be between 2 and 255 (got {k})"
        )));
    }
    if l.field.is_some() && k != 2 {
        return Err(AlignError::Input(
            "a bloc field needs exactly two coalitions".into(),
        ));
    }
    if o.report_limit == 0 {
        return Err(AlignError::Input("report_limit must be at least 1".into()));
    }
    if o.neutral && l.field.is_some() {
        return Err(AlignError::Input(
            "the neutral pole and a bloc field cannot be combined".into(),
        ));
    }
    if o.neutral && k > 254 {
        return Err(AlignError::Input(format!(
            "with the neutral pole, coalitions must be at most 254 (got {k})"
        )));
    }
    let scaled = if o.neutral {
        scale(l).with_neutral(k)
    } else {
        scale(l)
    };
    let arithmetic = match &scaled {
        Scaled::I32(_) => "exact-i32",
        Scaled::I64(_) => "exact-i64",
        Scaled::I128(_) => "exact-i128",
        Scaled::F64(_) => "f64",
    };
    with_problem!(&scaled, p => run_on(p, input, arithmetic))
}

fn run_on<W: Weight>(
    p: &Problem<W>,
    input: &AlignInput,
    arithmetic: &str,
) -> AlignResultOf<AlignResult> {
    let o = &input.options;
    let k = o.coalitions;
    let mut notes = input.notes.clone();
    if arithmetic == "f64" {
        notes.push("inputs have more than 6 decimals: ties decided within tolerance".into());
    }
    let search = if o.neutral {
        neutral::search(p, o, &mut notes)?
    } else if k == 2 {
        two_coalitions(p, o, &mut notes)?
    } else {
        many_coalitions(p, o, &mut notes)?
    };
    Ok(assemble(p, input, search, arithmetic, notes))
}

/// A finished search, before reporting.
pub(crate) struct Search<W> {
    pub method: Method,
    pub candidates: Vec<Candidate<W>>,
    pub visited: Option<u64>,
    pub restarts: Option<u64>,
    pub exact_basins: bool,
    pub confidence: Option<Confidence>,
}

fn two_coalitions<W: Weight>(
    p: &Problem<W>,
    o: &AlignOptions,
    notes: &mut Vec<String>,
) -> AlignResultOf<Search<W>> {
    let n = p.n;
    let exhaustive = match o.exhaustive {
        None => n <= EXHAUSTIVE_MAX_ACTORS,
        Some(true) if n > EXHAUSTIVE_FORCED_MAX_ACTORS => {
            return Err(AlignError::TooLarge(format!(
                "exhaustive search over {n} actors (at most {EXHAUSTIVE_FORCED_MAX_ACTORS})"
            )));
        }
        Some(f) => f,
    };
    if !exhaustive {
        return heuristic(p, 2, o, notes);
    }
    if n > EXHAUSTIVE_MAX_ACTORS {
        let codes = 2f64.powi(n as i32 - 1);
        notes.push(format!(
            "forced exhaustive walk over {codes:.3e} configurations: roughly {:.0} s per core \
             at 1 ns per configuration",
            codes * 1e-9
        ));
    }
    let exact_basins = n <= EXACT_BASIN_MAX_ACTORS && o.rule.deterministic();
    let walk = exhaustive::enumerate(p, o.rule, exact_basins);
    let mut candidates: Vec<Candidate<W>> = walk
        .minima
        .into_iter()
        .map(|m| Candidate {
            basin: match m.basin {
                Some(count) => Basin::Exact {
                    count,
                    total: walk.codes,
                    share: count as f64 / walk.codes as f64,
                },
                None => Basin::Unseen { restarts: 0 },
            },
            labels: m.labels,
            energy: m.energy,
            strict: m.strict,
        })
        .collect();
    let mut restarts = None;
    if !exact_basins {
        if o.restarts == 0 {
            return Err(AlignError::Input("sampled basins need restarts > 0".into()));
        }
        notes.push(format!(
            "basins sampled from {} random starts (exact basins need n ≤ {EXACT_BASIN_MAX_ACTORS} and a deterministic rule)",
            o.restarts
        ));
        attach_samples(p, 2, o, &mut candidates, notes);
        restarts = Some(o.restarts);
    }
    Ok(Search {
        method: Method::Exhaustive,
        candidates,
        visited: Some(walk.codes),
        restarts,
        exact_basins,
        confidence: None,
    })
}

fn many_coalitions<W: Weight>(
    p: &Problem<W>,
    o: &AlignOptions,
    notes: &mut Vec<String>,
) -> AlignResultOf<Search<W>> {
    let (n, k) = (p.n, o.coalitions);
    let rough = (k as f64).powi(n as i32) / (1..=k).map(|x| x as f64).product::<f64>();
    let exhaustive = o.exhaustive.unwrap_or(rough <= 1e9);
    if !exhaustive {
        return heuristic(p, k, o, notes);
    }
    if partitions::configuration_count(n, k) > 5_000_000_000 {
        return Err(AlignError::TooLarge(format!(
            "{} configurations of {n} actors in at most {k} coalitions",
            partitions::configuration_count(n, k)
        )));
    }
    if o.restarts == 0 {
        return Err(AlignError::Input("sampled basins need restarts > 0".into()));
    }
    let (minima, visited) = partitions::enumerate(p, k);
    let mut candidates: Vec<Candidate<W>> = minima
        .into_iter()
        .map(|m| Candidate {
            labels: m.labels,
            energy: m.energy,
            strict: m.strict,
            basin: Basin::Unseen { restarts: 0 },
        })
        .collect();
    notes.push(format!(
        "k > 2: basins sampled from {} uniformly random label assignments",
        o.restarts
    ));
    attach_samples(p, k, o, &mut candidates, notes);
    Ok(Search {
        method: Method::Exhaustive,
        candidates,
        visited: Some(visited),
        restarts: Some(o.restarts),
        exact_basins: false,
        confidence: None,
    })
}

/// Sampled basins for an enumerated stable set: every descent must end in an enumerated
/// configuration; one that does not is reported (it would be an engine bug).
pub(crate) fn attach_samples<W: Weight>(
    p: &Problem<W>,
    k: usize,
    o: &AlignOptions,
    candidates: &mut [Candidate<W>],
    notes: &mut Vec<String>,
) {
    let d = sampling::descents(p, k, o.rule, o.restarts, o.seed);
    let mut matched = 0;
    for c in candidates.iter_mut() {
        match d.ends.get(&c.labels) {
            Some(e) => {
                matched += e.hits;
                c.basin = Basin::Estimate {
                    share: wilson(e.hits, d.restarts),
                };
            }
            None => {
                c.basin = Basin::Unseen {
                    restarts: d.restarts,
                }
            }
        }
    }
    if matched != d.restarts {
        notes.push(format!(
            "{} descents ended outside the enumerated stable set",
            d.restarts - matched
        ));
    }
}

pub(crate) fn heuristic<W: Weight>(
    p: &Problem<W>,
    k: usize,
    o: &AlignOptions,
    notes: &mut Vec<String>,
) -> AlignResultOf<Search<W>> {
    if o.restarts == 0 {
        return Err(AlignError::Input(
            "a heuristic search needs restarts > 0".into(),
        ));
    }
    let d = sampling::descents(p, k, o.rule, o.restarts, o.seed);
    // Every end's energy and strictness, in parallel (order kept: `d.ends` is sorted).
    let ends: Vec<(&Vec<u8>, &sampling::EndCount)> = d.ends.iter().collect();
    let mut candidates: Vec<Candidate<W>> = ends
        .par_iter()
        .map(|(labels, e)| Candidate {
            energy: p.energy(labels),
            strict: super::report::is_strict(p, k, labels),
            basin: Basin::Estimate {
                share: wilson(e.hits, d.restarts),
            },
            labels: (*labels).clone(),
        })
        .collect();
    let best_restart = candidates
        .iter()
        .map(|c| c.energy)
        .fold(None, |a: Option<W>, e| match a {
            Some(b) if b <= e => Some(b),
            _ => Some(e),
        });
    let since_best = ends
        .iter()
        .zip(&candidates)
        .filter(|(_, c)| Some(c.energy) == best_restart)
        .map(|((_, e), _)| e.first_run)
        .min()
        .map_or(0, |first| d.restarts - 1 - first);
    let mut beat = false;
    if k == 2 && o.annealing_runs > 0 {
        let ends = sampling::anneal(
            p,
            Schedule {
                runs: o.annealing_runs,
                sweeps: o.annealing_sweeps,
            },
            o.seed,
        );
        for labels in ends {
            let e = p.energy(&labels);
            if best_restart.is_some_and(|b| e < b - p.eps) {
                beat = true;
            }
            if !candidates.iter().any(|c| c.labels == labels) {
                candidates.push(Candidate {
                    energy: e,
                    strict: super::report::is_strict(p, k, &labels),
                    basin: Basin::Unseen {
                        restarts: d.restarts,
                    },
                    labels,
                });
            }
        }
    }
    let singles = d.ends.values().filter(|e| e.hits == 1).count();
    notes.push(format!(
        "heuristic search: {} restarts{}; stable configurations with basin share below 1/R may be missing",
        d.restarts,
        if k == 2 {
            format!(" and {} annealing runs", o.annealing_runs)
        } else {
            String::new()
        }
    ));
    Ok(Search {
        method: Method::Heuristic,
        candidates,
        visited: None,
        restarts: Some(d.restarts),
        exact_basins: false,
        confidence: Some(Confidence {
            restarts: d.restarts,
            distinct: d.ends.len(),
            singleton_share: singles as f64 / d.restarts as f64,
            restarts_since_best: since_best,
            annealing_runs: if k == 2 { o.annealing_runs } else { 0 },
            annealing_beat_restarts: beat,
            // Bound and gap are filled in by `report::assemble`, which computes the bound once.
            lower_bound: 0.0,
            gap: 0.0,
            note: format!(
                "{} distinct stable configurations from {} restarts; a configuration with basin \
                 share below {:.1e} can be missed",
                d.ends.len(),
                d.restarts,
                1.0 / d.restarts as f64
            ),
        }),
    })
}
