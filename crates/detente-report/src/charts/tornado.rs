//! Tornado chart of a one-at-a-time sensitivity analysis: for each input,
//! the metric with that input at its low end and at its high end, around the base value; rows
//! sorted by swing, largest on top.

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
    /// Decimals for value labels.
    pub decimals: usize,
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
    v.sort_by(|a, b| {
        swing(b)
            .total_cmp(&swing(a))
            .then_with(|| a.input.cmp(&b.input))
    });
    v
}

/// Draw the chart.
pub fn render(chart: &TornadoChart) -> String {
    let bars = sorted(chart.bars);
    let left = bars
        .iter()
        .map(|b| text_width(&b.input, 12.0))
        .fold(80.0, f64::max)
        .min(300.0)
        + 18.0;
    let bottom = TOP + bars.len().max(1) as f64 * ROW + 6.0;
    let mut svg = Svg::new(WIDTH, bottom + 46.0);
    let values: Vec<f64> = bars.iter().flat_map(|b| [b.at_low, b.at_high]).collect();
    let xs = Scale::covering(&values, &[chart.base], left, WIDTH - RIGHT);
    axis::bottom(&mut svg, &xs, bottom, TOP - 6.0, chart.metric);
    let xb = xs.map(chart.base);
    for (i, b) in bars.iter().enumerate() {
        let y = TOP + i as f64 * ROW;
        svg.text(
            left - 10.0,
            y + ROW * 0.5 + 4.0,
            Anchor::End,
            Font::Label,
            &b.input,
        );
        for (v, c) in [(b.at_low, colour(0)), (b.at_high, colour(1))] {
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
    let entries = [
        (colour(0), "input at its low end".to_string()),
        (colour(1), "input at its high end".to_string()),
    ];
    axis::legend(&mut svg, &entries, left, 16.0, WIDTH - RIGHT);
    svg.finish(chart.title)
}
