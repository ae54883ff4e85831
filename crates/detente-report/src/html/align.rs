//! Section 4: align — the stable configurations (coalition map, energy ladder, basin shares)
//! and each actor's frustration, pivots first.

use super::{Page, fmt, pct};
use crate::charts::coalition_map::{self, CoalitionMapChart};
use crate::charts::energy_ladder::{self, EnergyLadderChart};
use crate::model::{AlignSection, Configuration, Validation};

/// Most configurations drawn on the energy ladder.
const MAX_LADDER_ROWS: usize = 15;

/// The align section; `validation` is the scenario's verdict against its published reference,
/// stated first when it has one.
pub(super) fn section(
    page: &mut Page,
    a: &AlignSection,
    validation: Option<&Validation>,
    title: &str,
) {
    page.raw("<section id=\"align\">\n");
    page.heading(2, "align-title", title);
    page.para_class(
        "note",
        "Actors split into coalitions so as to minimise frustration: the weighted sum of \
         propensities that the split contradicts (allies apart, rivals together). Every split \
         that no single actor can improve by switching is a stable configuration; its basin \
         share is how often a random start ends there.",
    );
    if let Some(v) = validation {
        let class = if v.validated {
            "verdict"
        } else {
            "verdict unstable"
        };
        let outcome = if v.validated {
            "reproduced"
        } else {
            "not reproduced"
        };
        page.para_class(
            class,
            &format!(
                "Validation against the published results ({}), {outcome}: {}.",
                v.reference,
                v.checks.join("; ")
            ),
        );
    }
    let best = a.configurations.iter().min_by_key(|c| c.rank);
    if let Some(best) = best {
        let chart = CoalitionMapChart {
            title: "Coalition map of the best configuration",
            coalitions: &best.coalitions,
            margins: &a.actors,
            pairs: &a.frustrated_pairs,
            max_links: 10,
            size_measure: &a.size_measure,
        };
        let mut rows: Vec<Vec<String>> = Vec::new();
        for c in &best.coalitions {
            for m in &c.members {
                let rho = a
                    .actors
                    .iter()
                    .find(|f| f.actor == m.actor)
                    .map_or(f64::NAN, |f| f.relative_margin);
                rows.push(vec![
                    c.label.clone(),
                    m.actor.clone(),
                    fmt(m.size, 3),
                    fmt(rho, 2),
                ]);
            }
        }
        for p in a.frustrated_pairs.iter().take(chart.max_links) {
            rows.push(vec![
                "frustrated pair".into(),
                format!("{} – {}", p.a, p.b),
                fmt(p.strength, 3),
                String::new(),
            ]);
        }
        let size_head = format!("size ({})", a.size_measure);
        page.figure_with_table(
            &coalition_map::render(&chart),
            &format!(
                "The lowest-energy configuration (#{}): one column per coalition, node area ∝ {}, \
                 colour by coalition, pale nodes are pivots (small relative margin: nearly as well \
                 off on the other side). Red links: the strongest frustrated pairs, wider = \
                 stronger.",
                best.rank, a.size_measure
            ),
            &["coalition", "actor", &size_head, "relative margin"],
            &rows,
        );
    }
    page.begin_detail("Align: configurations and frustration");
    configurations_table(page, a);
    if a.configurations.len() > 1 {
        let mut ranked: Vec<Configuration> = a.configurations.clone();
        detente::order::sort_by_key(&mut ranked, |c| c.rank);
        ranked.truncate(MAX_LADDER_ROWS);
        let chart = EnergyLadderChart {
            title: "Energy ladder of the stable configurations",
            configurations: &ranked,
        };
        let mut caption = "Each stable configuration at its energy (lower is more stable); bar \
                           length ∝ basin share; labels name the actors placed differently from \
                           the global minimum."
            .to_string();
        if a.configurations.len() > ranked.len() {
            caption.push_str(&format!(
                " The {} lowest of {} configurations are shown.",
                ranked.len(),
                a.configurations.len()
            ));
        }
        let rows: Vec<Vec<String>> = ranked
            .iter()
            .map(|c| {
                vec![
                    format!("#{}", c.rank),
                    fmt(c.energy, 3),
                    pct(c.basin_share),
                    energy_ladder::differing_actors(&ranked[0], c).join(", "),
                ]
            })
            .collect();
        page.figure_with_table(
            &energy_ladder::render(&chart),
            &caption,
            &[
                "configuration",
                "energy",
                "basin share",
                "placed differently from #1",
            ],
            &rows,
        );
    }
    frustration_table(page, a, best);
    page.end_detail();
    page.raw("</section>\n");
}

fn configurations_table(page: &mut Page, a: &AlignSection) {
    let mut configs: Vec<&Configuration> = a.configurations.iter().collect();
    detente::order::sort_by_key(&mut configs, |c| c.rank);
    let Some(best) = configs.first().copied() else {
        return;
    };
    let rows: Vec<Vec<String>> = configs
        .iter()
        .map(|c| {
            let basin = match c.basin_interval {
                Some(iv) => format!("{} [{}, {}]", pct(c.basin_share), pct(iv.low), pct(iv.high)),
                None => pct(c.basin_share),
            };
            let sizes = c
                .coalitions
                .iter()
                .map(|co| {
                    let total: f64 = co
                        .members
                        .iter()
                        .map(|m| m.size)
                        .filter(|s| s.is_finite())
                        .sum();
                    format!("{}: {} ({})", co.label, co.members.len(), fmt(total, 3))
                })
                .collect::<Vec<_>>()
                .join("; ");
            let members = if c.rank == best.rank {
                c.coalitions
                    .iter()
                    .map(|co| {
                        let ids: Vec<&str> = co.members.iter().map(|m| m.actor.as_str()).collect();
                        format!("{}: {}", co.label, ids.join(", "))
                    })
                    .collect::<Vec<_>>()
                    .join(" | ")
            } else {
                let diff = energy_ladder::differing_actors(best, c);
                format!("as #{} except {}", best.rank, diff.join(", "))
            };
            vec![c.rank.to_string(), fmt(c.energy, 3), basin, sizes, members]
        })
        .collect();
    page.table(
        "Stable configurations ranked by energy (E / Σ|J|, in [−1, 1]; lower is more stable); basin \
         share with its 95 % interval when estimated; members of the best configuration and, for \
         the others, the actors placed differently.",
        &["rank", "energy", "basin share", "coalitions: actors (total size)", "members"],
        &[true, true, true, false, false],
        &rows,
    );
}

fn frustration_table(page: &mut Page, a: &AlignSection, best: Option<&Configuration>) {
    if a.actors.is_empty() {
        return;
    }
    let coalition_of = |actor: &str| -> String {
        best.and_then(|b| {
            b.coalitions
                .iter()
                .find(|c| c.members.iter().any(|m| m.actor == actor))
                .map(|c| c.label.clone())
        })
        .unwrap_or_default()
    };
    let mut actors: Vec<_> = a.actors.iter().collect();
    detente::order::sort_by(&mut actors, |x, y| {
        x.relative_margin
            .total_cmp(&y.relative_margin)
            .then_with(|| x.actor.cmp(&y.actor))
    });
    let rows: Vec<Vec<String>> = actors
        .iter()
        .enumerate()
        .map(|(i, f)| {
            vec![
                f.actor.clone(),
                coalition_of(&f.actor),
                fmt(f.frustration, 3),
                fmt(f.relative_margin, 3),
                // A pivot is among the five least anchored *and* nearly as well off elsewhere
                // (ρ < 0.5, where the coalition map starts to fade it).
                if i < 5 && f.relative_margin < PIVOT_MARGIN {
                    "pivot".to_string()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    page.table(
        "Each actor's frustration and relative margin in the best configuration, smallest margin \
         first; pivots are the up to five smallest with a relative margin below 0.5 (a small \
         change in propensities would move them).",
        &["actor", "coalition", "frustration", "relative margin", ""],
        &[false, false, true, true, false],
        &rows,
    );
}

/// Relative margin below which one of the five least anchored actors is called a pivot (the
/// coalition map fades nodes below the same value).
const PIVOT_MARGIN: f64 = 0.5;
