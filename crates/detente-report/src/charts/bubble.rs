//! The issue-scale bubble chart: actors on the scale with bubble area
//! ∝ capability × salience and whiskers over their plausible range, the status quo, the decision
//! rule's feasible set, and one row per model prediction beside the compromise baseline.
//!
//! Actors are drawn one per row, sorted by position (a forest plot with bubbles): labels sit in
//! the left gutter, so they never collide however close the positions are, and the eye reads
//! the spread of positions from top to bottom.

use super::svg::{Anchor, Font, Svg, text_num, text_width};
use super::{GRID, INK, Scale, WIDTH, axis, colour, text_colour};
use crate::model::{ActorOnScale, Feasible, IssueScale, Prediction};

/// Left gutter (model names), in user units.
pub const LEFT: f64 = 170.0;
/// Right margin.
pub const RIGHT: f64 = 36.0;
const R_MAX: f64 = 15.0;
const R_MIN: f64 = 3.0;
const ROW: f64 = 22.0;
const TOP: f64 = 44.0;
/// Gap below the axis line kept clear of the status-quo line: tick labels (baseline +17) and the
/// scale's end labels (baseline +36) with their descenders.
const LABEL_GAP: f64 = 44.0;

/// What the chart shows.
#[derive(Debug, Clone, Copy)]
pub struct IssueChart<'a> {
    /// Accessible title.
    pub title: &'a str,
    /// The issue scale (x axis).
    pub scale: &'a IssueScale,
    /// Status quo, drawn as a dashed vertical line.
    pub status_quo: Option<f64>,
    /// Actors.
    pub actors: &'a [ActorOnScale],
    /// Model predictions, one row each.
    pub predictions: &'a [Prediction],
    /// Compromise baseline (D1), the first row.
    pub baseline: f64,
    /// Feasible set (shaded band) or deadlock.
    pub feasible: Option<Feasible>,
}

/// The x scale every issue chart uses: the issue scale onto `[LEFT, WIDTH − RIGHT]`.
pub fn x_scale(scale: &IssueScale) -> Scale {
    Scale::new(scale.min, scale.max, LEFT, WIDTH - RIGHT)
}

/// Bubble radius for weight `w` when the largest weight is `w_max` (area ∝ weight).
pub fn radius(w: f64, w_max: f64) -> f64 {
    if !(w.is_finite() && w > 0.0 && w_max > 0.0) {
        return R_MIN;
    }
    (R_MAX * (w / w_max).sqrt()).max(R_MIN)
}

/// An actor's row: its radius and the row's height.
struct Mark<'a> {
    actor: &'a ActorOnScale,
    r: f64,
    height: f64,
}

/// Draw the chart.
pub fn render(chart: &IssueChart) -> String {
    let xs = x_scale(chart.scale);
    let marks = layout_marks(chart.actors);
    let rows_h: f64 = marks.iter().map(|m| m.height).sum();
    let axis_y = TOP + rows_h + 8.0;
    let rows_top = axis_y + 62.0;
    let n_rows = 1 + chart.predictions.len();
    let rows_bottom = rows_top + n_rows as f64 * ROW;
    let height = rows_bottom + 30.0;
    let mut svg = Svg::new(WIDTH, height);

    draw_feasible(
        &mut svg,
        chart.feasible,
        &xs,
        TOP - 6.0,
        rows_bottom,
        height,
    );
    axis::bottom(&mut svg, &xs, axis_y, TOP - 6.0, "");
    draw_scale_labels(&mut svg, chart.scale, &xs, axis_y + 36.0);
    svg.text(LEFT - 12.0, TOP - 12.0, Anchor::End, Font::Small, "actor");
    let mut y = TOP;
    for mark in &marks {
        draw_actor(&mut svg, mark, y + 0.5 * mark.height, &xs, chart.scale);
        y += mark.height;
    }
    if let Some(q) = chart.status_quo {
        let x = xs.map_clamped(q);
        // The line breaks where it crosses the axis's tick and scale labels, so that a status quo
        // at a tick (often 0) does not strike through its number.
        svg.dashed_line((x, TOP - 6.0), (x, axis_y + 4.0), INK, 1.2);
        svg.dashed_line((x, axis_y + LABEL_GAP), (x, rows_bottom), INK, 1.2);
        let label = format!("status quo {}", text_num(q, decimals(chart.scale)));
        // Near an end of the scale the label hangs inward instead of over the gutter title.
        let half = 0.5 * text_width(&label, 12.0);
        let anchor = if x - half < xs.r0 {
            Anchor::Start
        } else if x + half > xs.r1 {
            Anchor::End
        } else {
            Anchor::Middle
        };
        svg.text(x, TOP - 12.0, anchor, Font::Strong, &label);
    }
    draw_predictions(&mut svg, chart, &xs, rows_top);
    svg.finish(chart.title)
}

fn decimals(scale: &IssueScale) -> usize {
    if scale.max - scale.min >= 20.0 { 0 } else { 2 }
}

/// Rows sorted by position (ties by id, so the layout is deterministic).
fn layout_marks(actors: &[ActorOnScale]) -> Vec<Mark<'_>> {
    let weight = |a: &ActorOnScale| (a.capability * a.salience).max(0.0);
    let w_max = actors
        .iter()
        .map(weight)
        .filter(|w| w.is_finite())
        .fold(0.0, f64::max);
    let mut marks: Vec<Mark> = actors
        .iter()
        .map(|a| {
            let r = radius(weight(a), w_max);
            Mark {
                actor: a,
                r,
                height: (2.0 * r + 6.0).max(ROW),
            }
        })
        .collect();
    detente::order::sort_by(&mut marks, |a, b| {
        a.actor
            .position
            .point
            .total_cmp(&b.actor.position.point)
            .then_with(|| a.actor.id.cmp(&b.actor.id))
    });
    marks
}

fn draw_actor(svg: &mut Svg, m: &Mark, cy: f64, xs: &Scale, scale: &IssueScale) {
    let a = m.actor;
    let x = xs.map_clamped(a.position.point);
    let d = decimals(scale);
    svg.line((xs.r0, cy), (xs.r1, cy), GRID, 1.0);
    svg.text(LEFT - 12.0, cy + 4.0, Anchor::End, Font::Label, &a.id);
    if a.position.is_uncertain() {
        let (lo, hi) = (
            xs.map_clamped(a.position.low),
            xs.map_clamped(a.position.high),
        );
        svg.line((lo, cy), (hi, cy), "#7f7f7f", 1.4);
        svg.line((lo, cy - 4.0), (lo, cy + 4.0), "#7f7f7f", 1.4);
        svg.line((hi, cy - 4.0), (hi, cy + 4.0), "#7f7f7f", 1.4);
    }
    let range = if a.position.is_uncertain() {
        format!(
            " (range {}–{})",
            text_num(a.position.low, d),
            text_num(a.position.high, d)
        )
    } else {
        String::new()
    };
    let title = format!(
        "{}: position {}{}, salience {}, capability {}",
        a.id,
        text_num(a.position.point, d),
        range,
        text_num(a.salience, 2),
        text_num(a.capability, 1)
    );
    svg.circle_titled((x, cy), m.r, colour(0), 0.45, &title);
}

fn draw_scale_labels(svg: &mut Svg, scale: &IssueScale, xs: &Scale, y: f64) {
    let left = scale.min_label.as_deref().map(|l| format!("← {l}"));
    let right = scale.max_label.as_deref().map(|l| format!("{l} →"));
    let mut used = (xs.r0, xs.r1);
    if let Some(l) = &left {
        svg.text(xs.r0, y, Anchor::Start, Font::Small, l);
        used.0 = xs.r0 + text_width(l, 11.0);
    }
    if let Some(r) = &right {
        svg.text(xs.r1, y, Anchor::End, Font::Small, r);
        used.1 = xs.r1 - text_width(r, 11.0);
    }
    if let Some(unit) = &scale.unit {
        let mid = 0.5 * (xs.r0 + xs.r1);
        let half = 0.5 * text_width(unit, 12.0);
        if mid - half > used.0 + 10.0 && mid + half < used.1 - 10.0 {
            svg.text(mid, y, Anchor::Middle, Font::Axis, unit);
        }
    }
}

fn draw_feasible(svg: &mut Svg, f: Option<Feasible>, xs: &Scale, top: f64, bottom: f64, h: f64) {
    match f {
        Some(Feasible::Interval { low, high }) => {
            let (a, b) = (xs.map_clamped(low.min(high)), xs.map_clamped(low.max(high)));
            svg.rect(a, top, (b - a).max(2.0), bottom - top, colour(2), 0.12);
            let label = format!(
                "feasible under the rule: [{}, {}]",
                text_num(low, 1),
                text_num(high, 1)
            );
            let anchor = if a > xs.r1 - 220.0 {
                Anchor::End
            } else {
                Anchor::Start
            };
            let x = if anchor == Anchor::End { b } else { a };
            svg.text_fill(x, h - 10.0, anchor, Font::Strong, "#00694d", &label);
        }
        Some(Feasible::Deadlock { at }) => {
            let x = xs.map_clamped(at);
            svg.line((x, top), (x, bottom), colour(1), 2.0);
            let label = format!(
                "deadlock: no position passes the rule; stays at {}",
                text_num(at, 1)
            );
            let anchor = if x > xs.r1 - 300.0 {
                Anchor::End
            } else {
                Anchor::Start
            };
            svg.text_fill(x, h - 10.0, anchor, Font::Strong, text_colour(1), &label);
        }
        None => {}
    }
}

fn draw_predictions(svg: &mut Svg, chart: &IssueChart, xs: &Scale, top: f64) {
    let d = decimals(chart.scale) + 1;
    svg.text(
        LEFT - 12.0,
        top - 8.0,
        Anchor::End,
        Font::Small,
        "model: predicted outcome",
    );
    let rows = std::iter::once(("compromise (baseline)", chart.baseline, INK)).chain(
        chart
            .predictions
            .iter()
            .map(|p| (p.model.as_str(), p.value, colour(1))),
    );
    for (i, (name, v, fill)) in rows.enumerate() {
        let y = top + i as f64 * ROW + ROW * 0.5;
        svg.line((xs.r0, y), (xs.r1, y), GRID, 1.0);
        svg.text(LEFT - 12.0, y + 4.0, Anchor::End, Font::Label, name);
        if !v.is_finite() {
            svg.text(xs.r0, y + 4.0, Anchor::Start, Font::Small, "no prediction");
            continue;
        }
        let x = xs.map_clamped(v);
        let diamond = [(x, y - 6.5), (x + 6.5, y), (x, y + 6.5), (x - 6.5, y)];
        svg.polygon_titled(&diamond, fill, &format!("{name}: {}", text_num(v, d)));
        let (tx, anchor) = if x > xs.r1 - 60.0 {
            (x - 11.0, Anchor::End)
        } else {
            (x + 11.0, Anchor::Start)
        };
        svg.text(tx, y + 4.0, anchor, Font::Strong, &text_num(v, d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ranged;

    fn actor(id: &str, p: f64, cap: f64) -> ActorOnScale {
        ActorOnScale {
            id: id.into(),
            position: Ranged::exact(p),
            capability: cap,
            salience: 1.0,
        }
    }

    #[test]
    fn rows_are_sorted_by_position() {
        let actors = [
            actor("USA", 85.0, 10.0),
            actor("HUN", 25.0, 1.0),
            actor("FRA", 45.0, 2.0),
        ];
        let ids: Vec<&str> = layout_marks(&actors)
            .iter()
            .map(|m| m.actor.id.as_str())
            .collect();
        assert_eq!(ids, ["HUN", "FRA", "USA"]);
    }

    #[test]
    fn area_is_proportional_to_weight() {
        let r1 = radius(1.0, 4.0);
        let r4 = radius(4.0, 4.0);
        assert!((r4 / r1 - 2.0).abs() < 1e-9);
    }
}
