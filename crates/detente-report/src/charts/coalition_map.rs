//! The coalition map as a column diagram: one column per coalition of
//! the best configuration, node area ∝ size, colour by coalition, saturation by relative margin
//! (pale = pivot, an actor nearly as well off on the other side), and the strongest frustrated
//! pairs as red links.

use super::svg::{Anchor, Font, Svg, num, text_num};
use super::{RED, WIDTH, colour, text_colour};
use crate::model::{ActorFrustration, Coalition, FrustratedPair};
use std::collections::BTreeMap;

/// What the chart shows.
#[derive(Debug, Clone, Copy)]
pub struct CoalitionMapChart<'a> {
    /// Accessible title.
    pub title: &'a str,
    /// Coalitions of the configuration shown (usually rank 1).
    pub coalitions: &'a [Coalition],
    /// Relative margins (actors missing here are drawn fully saturated).
    pub margins: &'a [ActorFrustration],
    /// Frustrated pairs; the `max_links` strongest are drawn.
    pub pairs: &'a [FrustratedPair],
    /// How many links at most.
    pub max_links: usize,
    /// What size measures (legend).
    pub size_measure: &'a str,
}

const R_MAX: f64 = 22.0;
const R_MIN: f64 = 3.0;
const TOP: f64 = 58.0;

/// Fill opacity for relative margin ρ ∈ [−1, 1]: ρ ≤ 0 palest, ρ ≥ 0.5 fully saturated.
pub fn saturation(rho: f64) -> f64 {
    if !rho.is_finite() {
        return 1.0;
    }
    0.15 + 0.85 * (rho / 0.5).clamp(0.0, 1.0)
}

struct Node {
    x: f64,
    y: f64,
    r: f64,
    column: usize,
}

/// Draw the chart.
pub fn render(chart: &CoalitionMapChart) -> String {
    let k = chart.coalitions.len().max(1);
    let max_size = chart
        .coalitions
        .iter()
        .flat_map(|c| c.members.iter())
        .map(|m| m.size)
        .filter(|s| s.is_finite())
        .fold(0.0, f64::max);
    let column_x = |i: usize| -> f64 {
        if k == 2 {
            [0.32, 0.68][i] * WIDTH
        } else {
            (i as f64 + 0.5) / k as f64 * WIDTH
        }
    };
    let mut nodes: BTreeMap<&str, Node> = BTreeMap::new();
    let mut bottom: f64 = TOP;
    for (i, c) in chart.coalitions.iter().enumerate() {
        let mut members: Vec<_> = c.members.iter().collect();
        detente::order::sort_by(&mut members, |a, b| {
            b.size
                .total_cmp(&a.size)
                .then_with(|| a.actor.cmp(&b.actor))
        });
        let mut y = TOP;
        for m in members {
            let r = if max_size > 0.0 && m.size > 0.0 {
                (R_MAX * (m.size / max_size).sqrt()).max(R_MIN)
            } else {
                R_MIN
            };
            let step = (2.0 * r).max(15.0);
            nodes.insert(
                &m.actor,
                Node {
                    x: column_x(i),
                    y: y + step * 0.5,
                    r,
                    column: i,
                },
            );
            y += step + 3.0;
        }
        bottom = bottom.max(y);
    }
    let legend_y = bottom + 22.0;
    let mut svg = Svg::new(WIDTH, legend_y + 24.0);
    for (i, c) in chart.coalitions.iter().enumerate() {
        let total: f64 = c
            .members
            .iter()
            .map(|m| m.size)
            .filter(|s| s.is_finite())
            .sum();
        let head = format!("{} · {} actors", c.label, c.members.len());
        svg.text_fill(
            column_x(i),
            20.0,
            Anchor::Middle,
            Font::Strong,
            text_colour(i),
            &head,
        );
        let sub = format!("total size {}", text_num(total, 3));
        svg.text(column_x(i), 36.0, Anchor::Middle, Font::Small, &sub);
    }
    draw_links(&mut svg, chart, &nodes, k);
    let margin: BTreeMap<&str, f64> = chart
        .margins
        .iter()
        .map(|m| (m.actor.as_str(), m.relative_margin))
        .collect();
    for (actor, n) in &nodes {
        let rho = margin.get(actor).copied().unwrap_or(f64::NAN);
        let title = if rho.is_finite() {
            format!("{actor}: relative margin {}", text_num(rho, 2))
        } else {
            actor.to_string()
        };
        svg.circle_titled((n.x, n.y), n.r, colour(n.column), saturation(rho), &title);
        // Labels go outward so the links between the columns stay clear.
        let outward_left = k == 2 && n.column == 0;
        let (lx, anchor) = if outward_left {
            (n.x - n.r - 6.0, Anchor::End)
        } else {
            (n.x + n.r + 6.0, Anchor::Start)
        };
        svg.text(lx, n.y + 4.0, anchor, Font::Label, actor);
    }
    let note = format!(
        "node area ∝ {}; pale = pivot (relative margin near 0); red = strongest frustrated pairs",
        chart.size_measure
    );
    svg.text(WIDTH * 0.5, legend_y, Anchor::Middle, Font::Small, &note);
    svg.finish(chart.title)
}

fn draw_links(svg: &mut Svg, chart: &CoalitionMapChart, nodes: &BTreeMap<&str, Node>, k: usize) {
    let mut pairs: Vec<&FrustratedPair> = chart
        .pairs
        .iter()
        .filter(|p| p.strength.is_finite())
        .collect();
    detente::order::sort_by(&mut pairs, |a, b| {
        b.strength
            .total_cmp(&a.strength)
            .then_with(|| (&a.a, &a.b).cmp(&(&b.a, &b.b)))
    });
    pairs.truncate(chart.max_links);
    let strongest = pairs.first().map(|p| p.strength).unwrap_or(1.0).max(1e-12);
    for p in pairs {
        let (Some(a), Some(b)) = (nodes.get(p.a.as_str()), nodes.get(p.b.as_str())) else {
            continue;
        };
        let width = 1.0 + 3.0 * (p.strength / strongest).clamp(0.0, 1.0);
        let d = if a.column == b.column {
            // Same column: bow toward the centre (two columns) or to the right.
            let dir = if k == 2 && a.column == 1 { -1.0 } else { 1.0 };
            let bulge = 30.0 + 0.25 * (b.y - a.y).abs();
            let cx = a.x + dir * bulge;
            format!(
                "M {} {} Q {} {} {} {}",
                num(a.x, 1),
                num(a.y, 1),
                num(cx, 1),
                num(0.5 * (a.y + b.y), 1),
                num(b.x, 1),
                num(b.y, 1)
            )
        } else {
            format!(
                "M {} {} L {} {}",
                num(a.x, 1),
                num(a.y, 1),
                num(b.x, 1),
                num(b.y, 1)
            )
        };
        svg.path(&d, RED, width, 0.75);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pivots_are_pale() {
        assert!(saturation(0.0) < 0.2);
        assert!((saturation(0.8) - 1.0).abs() < 1e-12);
        assert!(saturation(0.1) < saturation(0.3));
    }
}
