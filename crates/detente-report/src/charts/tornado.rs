//! Tornado chart of a one-at-a-time sensitivity analysis: for each input,
//! the metric with that input at its low end and at its high end, around the base value; and
//! for each lever (a deliberate single change) the metric after it; rows sorted by swing,
//! largest on top. The axis spans at least a stated half-width around the base, so that a small
//! effect is drawn small.

use super::svg::{Anchor, Font, Svg, text_num, text_width};
use super::{INK, Scale, WIDTH, axis, colour};
use crate::model::TornadoBar;

/// What the chart shows.
#[derive(Debug, Clone, Copy)]
pub struct TornadoChart<'a> {
    /// Accessible title.
    pub title: &'a str,
    /// The metric with unit (x axis title).
    pub metric: &'a str,
    /// Metric at the point values.
    pub base: f64,
    /// One bar per input (any order).
    pub bars: &'a [TornadoBar],
    /// Levers: a label and the metric's change after that single change (drawn as one bar).
    pub levers: &'a [(String, f64)],
    /// The axis covers at least base ± this (e.g. a twentieth of the issue scale), stated on the
    /// chart; 0 fits the bars.
    pub min_half_width: f64,
    /// Decimals for value labels.
    pub decimals: usize,
}

/// One drawn row: an input's two ends, or a lever's one outcome.
enum Row<'a> {
    Input(&'a TornadoBar),
    Lever(&'a str, f64),
}

impl Row<'_> {
    fn label(&self) -> &str {
        match self {
            Row::Input(b) => &b.input,
            Row::Lever(l, _) => l,
        }
    }

    fn swing(&self) -> f64 {
        let s = match self {
            Row::Input(b) => (b.at_high - b.at_low).abs(),
            Row::Lever(_, e) => e.abs(),
        };
        if s.is_finite() { s } else { 0.0 }
    }
}

const ROW: f64 = 24.0;
const TOP: f64 = 56.0;
const RIGHT: f64 = 30.0;

/// The bars in drawing order: largest swing first, ties by input name.
pub fn sorted(bars: &[TornadoBar]) -> Vec<&TornadoBar> {
    let swing = |b: &TornadoBar| {
        let s = (b.at_high - b.at_low).abs();
        if s.is_finite() { s } else { 0.0 }
    };
    let mut v: Vec<&TornadoBar> = bars.iter().collect();
    detente::order::sort_by(&mut v, |a, b| {
        swing(b)
            .total_cmp(&swing(a))
            .then_with(|| a.input.cmp(&b.input))
    });
    v
}

/// Draw the chart.
pub fn render(chart: &TornadoChart) -> String {
    let mut rows: Vec<Row> = chart.bars.iter().map(Row::Input).collect();
    rows.extend(chart.levers.iter().map(|(l, e)| Row::Lever(l, *e)));
    detente::order::sort_by(&mut rows, |a, b| {
        b.swing()
            .total_cmp(&a.swing())
            .then_with(|| a.label().cmp(b.label()))
    });
    let left = rows
        .iter()
        .map(|r| text_width(r.label(), 12.0))
        .fold(80.0, f64::max)
        .min(300.0)
        + 18.0;
    let bottom = TOP + rows.len().max(1) as f64 * ROW + 6.0;
    let note_h = if chart.min_half_width > 0.0 {
        18.0
    } else {
        0.0
    };
    let mut svg = Svg::new(WIDTH, bottom + 46.0 + note_h);
    let mut values: Vec<f64> = rows
        .iter()
        .flat_map(|r| match r {
            Row::Input(b) => [b.at_low, b.at_high],
            Row::Lever(_, e) => [chart.base + e, chart.base],
        })
        .collect();
    let h = chart.min_half_width;
    if h > 0.0 {
        values.extend([chart.base - h, chart.base + h]);
    }
    let xs = Scale::covering(&values, &[chart.base], left, WIDTH - RIGHT);
    axis::bottom(&mut svg, &xs, bottom, TOP - 6.0, chart.metric);
    let xb = xs.map(chart.base);
    for (i, row) in rows.iter().enumerate() {
        let y = TOP + i as f64 * ROW;
        svg.text(
            left - 10.0,
            y + ROW * 0.5 + 4.0,
            Anchor::End,
            Font::Label,
            row.label(),
        );
        let ends: Vec<(f64, &str)> = match row {
            Row::Input(b) => vec![(b.at_low, colour(0)), (b.at_high, colour(1))],
            Row::Lever(_, e) => vec![(chart.base + e, colour(2))],
        };
        for (v, c) in ends {
            if !v.is_finite() {
                continue;
            }
            let x = xs.map(v);
            svg.rect(x.min(xb), y + 4.0, (x - xb).abs(), ROW - 8.0, c, 0.8);
            let (tx, anchor) = if x < xb {
                (x - 4.0, Anchor::End)
            } else {
                (x + 4.0, Anchor::Start)
            };
            if (x - xb).abs() > 0.5 {
                svg.text(
                    tx,
                    y + ROW * 0.5 + 4.0,
                    anchor,
                    Font::Small,
                    &text_num(v, chart.decimals),
                );
            }
        }
    }
    svg.line((xb, TOP - 6.0), (xb, bottom), INK, 1.5);
    let base = format!("base {}", text_num(chart.base, chart.decimals));
    svg.text(xb, TOP - 12.0, Anchor::Middle, Font::Strong, &base);
    if h > 0.0 {
        let note = format!(
            "axis spans at least ±{} around the base",
            text_num(h, chart.decimals.saturating_sub(1))
        );
        svg.text(
            WIDTH - RIGHT,
            bottom + 52.0,
            Anchor::End,
            Font::Small,
            &note,
        );
    }
    let mut entries = vec![
        (colour(0), "input at its low end".to_string()),
        (colour(1), "input at its high end".to_string()),
    ];
    if !chart.levers.is_empty() {
        entries.push((colour(2), "lever: one deliberate change".to_string()));
    }
    axis::legend(&mut svg, &entries, left, 16.0, WIDTH - RIGHT);
    svg.finish(chart.title)
}
