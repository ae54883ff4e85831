//! The energy ladder: one horizontal bar per stable configuration at its
//! energy, bar length ∝ basin share, labelled with the actors that sit differently from the
//! global minimum.

use super::svg::{Anchor, Font, Svg, text_num};
use super::{INK, Scale, WIDTH, axis, colour};
use crate::model::Configuration;
use std::collections::BTreeMap;

/// What the chart shows.
#[derive(Debug, Clone, Copy)]
pub struct EnergyLadderChart<'a> {
    /// Accessible title.
    pub title: &'a str,
    /// Configurations (any order; rank 1 is the reference).
    pub configurations: &'a [Configuration],
}

const LEFT: f64 = 78.0;
const BAR_X: f64 = LEFT + 16.0;
const BAR_MAX: f64 = 300.0;
const TOP: f64 = 20.0;
const MIN_GAP: f64 = 22.0;

/// Actors of `other` that sit in a different coalition than in `best`, under the relabelling of
/// `other`'s coalitions that makes the fewest differences (coalition labels are arbitrary).
pub fn differing_actors(best: &Configuration, other: &Configuration) -> Vec<String> {
    let side = |c: &Configuration| -> BTreeMap<String, usize> {
        c.coalitions
            .iter()
            .enumerate()
            .flat_map(|(i, co)| co.members.iter().map(move |m| (m.actor.clone(), i)))
            .collect()
    };
    let (a, b) = (side(best), side(other));
    let k = best.coalitions.len().max(other.coalitions.len());
    let mut best_perm: Vec<usize> = (0..k).collect();
    if k <= 6 {
        let mut fewest = usize::MAX;
        for perm in permutations(k) {
            let n = a
                .iter()
                .filter(|(id, i)| b.get(*id).is_some_and(|j| perm[*j] != **i))
                .count();
            if n < fewest {
                fewest = n;
                best_perm = perm;
            }
        }
    }
    a.iter()
        .filter(|(id, i)| b.get(*id).is_some_and(|j| best_perm[*j] != **i))
        .map(|(id, _)| id.clone())
        .collect()
}

/// All permutations of 0..k in lexicographic order.
fn permutations(k: usize) -> Vec<Vec<usize>> {
    if k == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for rest in permutations(k - 1) {
        for pos in 0..=rest.len() {
            let mut p = rest.clone();
            p.insert(pos, k - 1);
            out.push(p);
        }
    }
    detente::order::sort(&mut out);
    out
}

/// Draw the chart.
pub fn render(chart: &EnergyLadderChart) -> String {
    let mut configs: Vec<&Configuration> = chart.configurations.iter().collect();
    detente::order::sort_by(&mut configs, |a, b| {
        a.energy.total_cmp(&b.energy).then(a.rank.cmp(&b.rank))
    });
    let n = configs.len().max(1);
    let plot_h = (n as f64 * MIN_GAP + 20.0).max(180.0);
    let bottom = TOP + plot_h;
    let mut svg = Svg::new(WIDTH, bottom + 46.0);
    let energies: Vec<f64> = configs.iter().map(|c| c.energy).collect();
    let ys = Scale::covering(&energies, &[], bottom - 10.0, TOP + 10.0);
    axis::left(&mut svg, &ys, LEFT, LEFT + 4.0, "energy E / Σ|J|");
    let rows = relax(
        &energies.iter().map(|e| ys.map(*e)).collect::<Vec<_>>(),
        TOP + 8.0,
    );
    let max_share = configs
        .iter()
        .map(|c| c.basin_share)
        .filter(|s| s.is_finite())
        .fold(0.0, f64::max);
    let xs = Scale::new(0.0, max_share.max(1e-9), BAR_X, BAR_X + BAR_MAX);
    let best = configs.iter().copied().min_by_key(|c| c.rank);
    for (c, (&e, &y)) in configs.iter().zip(energies.iter().zip(&rows)) {
        let true_y = ys.map(e);
        svg.line((LEFT, true_y), (BAR_X - 2.0, y), INK, 1.0);
        let fill = if c.rank == 1 { colour(0) } else { "#7f7f7f" };
        let x1 = xs.map(c.basin_share.max(0.0));
        svg.rect(BAR_X, y - 6.0, (x1 - BAR_X).max(1.5), 12.0, fill, 0.75);
        let mut label = format!("#{} · basin {}", c.rank, pct(c.basin_share));
        if let Some(iv) = c.basin_interval {
            label.push_str(&format!(" [{}–{}]", pct(iv.low), pct(iv.high)));
        }
        match best {
            Some(b) if b.rank != c.rank => {
                let diff = differing_actors(b, c);
                label.push_str(&format!(
                    " · differs in {}: {}",
                    diff.len(),
                    abbreviate(&diff, 8)
                ));
            }
            _ => label.push_str(" · global minimum"),
        }
        svg.text(
            x1.max(BAR_X + 2.0) + 8.0,
            y + 4.0,
            Anchor::Start,
            Font::Label,
            &label,
        );
    }
    svg.text(
        BAR_X,
        bottom + 30.0,
        Anchor::Start,
        Font::Small,
        "bar length ∝ basin share (share of starts ending in the configuration)",
    );
    svg.finish(chart.title)
}

fn pct(share: f64) -> String {
    format!(
        "{} %",
        text_num(100.0 * share, if share < 0.1 { 1 } else { 0 })
    )
}

fn abbreviate(ids: &[String], max: usize) -> String {
    if ids.len() <= max {
        ids.join(", ")
    } else {
        format!("{}, … (+{})", ids[..max].join(", "), ids.len() - max)
    }
}

/// Rows at least `MIN_GAP` apart, as close as possible to the true energy rows (which are given
/// bottom-up, lowest energy first), never above `top`.
fn relax(desired: &[f64], top: f64) -> Vec<f64> {
    let mut y = desired.to_vec();
    for i in 1..y.len() {
        y[i] = y[i].min(y[i - 1] - MIN_GAP);
    }
    if let Some(last) = y.last().copied()
        && last < top
    {
        let n = y.len();
        y[n - 1] = top;
        for i in (0..n - 1).rev() {
            y[i] = y[i].max(y[i + 1] + MIN_GAP);
        }
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Coalition, Member};

    fn config(rank: u32, a: &[&str], b: &[&str]) -> Configuration {
        let co = |label: &str, ids: &[&str]| Coalition {
            label: label.into(),
            members: ids
                .iter()
                .map(|id| Member {
                    actor: id.to_string(),
                    size: 1.0,
                })
                .collect(),
        };
        Configuration {
            rank,
            energy: -0.5,
            basin_share: 0.5,
            basin_interval: None,
            coalitions: vec![co("A", a), co("B", b)],
        }
    }

    #[test]
    fn differences_ignore_coalition_labels() {
        let best = config(1, &["USA", "GBR", "TUR"], &["CHN", "RUS"]);
        let swapped = config(2, &["CHN", "RUS", "TUR"], &["USA", "GBR"]);
        assert_eq!(differing_actors(&best, &swapped), vec!["TUR".to_string()]);
    }

    #[test]
    fn differences_with_three_coalitions() {
        let co = |label: &str, ids: &[&str]| Coalition {
            label: label.into(),
            members: ids
                .iter()
                .map(|id| Member {
                    actor: id.to_string(),
                    size: 1.0,
                })
                .collect(),
        };
        let mut best = config(1, &[], &[]);
        best.coalitions = vec![
            co("A", &["USA", "GBR"]),
            co("B", &["CHN", "RUS"]),
            co("C", &["IND", "BRA"]),
        ];
        let mut other = config(2, &[], &[]);
        other.coalitions = vec![
            co("A", &["IND"]),
            co("B", &["USA", "GBR", "BRA"]),
            co("C", &["CHN", "RUS"]),
        ];
        assert_eq!(differing_actors(&best, &other), vec!["BRA".to_string()]);
    }

    #[test]
    fn relaxed_rows_keep_their_gap() {
        let y = relax(&[200.0, 199.0, 198.0], 20.0);
        assert!(y[0] - y[1] >= MIN_GAP - 1e-9 && y[1] - y[2] >= MIN_GAP - 1e-9);
        assert_eq!(y[0], 200.0);
    }
}
