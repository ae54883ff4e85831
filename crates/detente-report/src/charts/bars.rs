//! Horizontal bars with confidence-interval whiskers, grouped by row label: spiral probability
//! per policy (one series), welfare per side per policy (one series per side), paired
//! differences (signed values around zero).

use super::svg::{Anchor, Font, Svg, text_num, text_width};
use super::{INK, Scale, axis, colour};
use crate::model::Interval;

/// One bar.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bar {
    /// Series index (colour and legend entry).
    pub series: usize,
    /// Value.
    pub value: f64,
    /// Interval drawn as whiskers.
    pub interval: Option<Interval>,
}

/// A row label and its bars.
#[derive(Debug, Clone, PartialEq)]
pub struct BarGroup {
    /// Row label (policy).
    pub label: String,
    /// Bars, one per series present.
    pub bars: Vec<Bar>,
}

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct BarChart<'a> {
    /// Accessible title.
    pub title: &'a str,
    /// x axis title with unit.
    pub x_label: &'a str,
    /// Series names for the legend (no legend when fewer than two).
    pub series: &'a [String],
    /// Groups top to bottom.
    pub groups: &'a [BarGroup],
    /// Fixed x domain (e.g. [0, 1] for probabilities); `None` fits the data and zero.
    pub x_domain: Option<(f64, f64)>,
    /// Decimals of value labels.
    pub decimals: usize,
    /// Drawing width.
    pub width: f64,
}

const BAR: f64 = 14.0;
const GAP: f64 = 10.0;
const RIGHT: f64 = 64.0;

/// Left edge of the plot for these groups (after the widest row label).
pub fn plot_left(groups: &[BarGroup], width: f64) -> f64 {
    groups
        .iter()
        .map(|g| text_width(&g.label, 12.0))
        .fold(60.0, f64::max)
        .min(0.55 * width)
        + 16.0
}

/// The x scale of the chart.
pub fn x_scale(chart: &BarChart) -> Scale {
    let left = plot_left(chart.groups, chart.width);
    match chart.x_domain {
        Some((lo, hi)) => Scale::new(lo, hi, left, chart.width - RIGHT),
        None => {
            let vals: Vec<f64> = chart
                .groups
                .iter()
                .flat_map(|g| g.bars.iter())
                .flat_map(|b| {
                    let i = b
                        .interval
                        .map(|i| [i.low, i.high])
                        .unwrap_or([b.value, b.value]);
                    [b.value, i[0], i[1]]
                })
                .collect();
            Scale::covering(&vals, &[0.0], left, chart.width - RIGHT)
        }
    }
}

/// Draw the chart.
pub fn render(chart: &BarChart) -> String {
    let legend = chart.series.len() > 1;
    let top = if legend { 36.0 } else { 12.0 };
    let heights: Vec<f64> = chart
        .groups
        .iter()
        .map(|g| g.bars.len().max(1) as f64 * BAR + GAP)
        .collect();
    let bottom = top + heights.iter().sum::<f64>() + 4.0;
    let mut svg = Svg::new(chart.width, bottom + 46.0);
    let xs = x_scale(chart);
    axis::bottom(&mut svg, &xs, bottom, top - 4.0, chart.x_label);
    let zero = xs.map_clamped(0.0);
    let mut y = top;
    for (g, h) in chart.groups.iter().zip(&heights) {
        let mid = y + (h - GAP) * 0.5 + GAP * 0.5;
        svg.text(xs.r0 - 10.0, mid + 4.0, Anchor::End, Font::Label, &g.label);
        for (k, b) in g.bars.iter().enumerate() {
            let by = y + GAP * 0.5 + k as f64 * BAR;
            draw_bar(&mut svg, b, &xs, zero, by, chart.decimals);
        }
        y += h;
    }
    if xs.d0 < 0.0 && xs.d1 > 0.0 {
        svg.line((zero, top - 4.0), (zero, bottom), INK, 1.2);
    }
    if legend {
        let entries: Vec<(&str, String)> = chart
            .series
            .iter()
            .enumerate()
            .map(|(i, s)| (colour(i), s.clone()))
            .collect();
        axis::legend(&mut svg, &entries, xs.r0, 16.0, chart.width - RIGHT);
    }
    svg.finish(chart.title)
}

fn draw_bar(svg: &mut Svg, b: &Bar, xs: &Scale, zero: f64, y: f64, decimals: usize) {
    let c = colour(b.series);
    if !b.value.is_finite() {
        svg.text(zero + 4.0, y + BAR - 3.0, Anchor::Start, Font::Small, "–");
        return;
    }
    let x = xs.map_clamped(b.value);
    svg.rect(x.min(zero), y + 1.5, (x - zero).abs(), BAR - 3.0, c, 0.6);
    let cy = y + BAR * 0.5;
    let mut label_x = x;
    if let Some(iv) = b
        .interval
        .filter(|i| i.low.is_finite() && i.high.is_finite())
    {
        let (lo, hi) = (xs.map_clamped(iv.low), xs.map_clamped(iv.high));
        svg.line((lo, cy), (hi, cy), INK, 1.4);
        svg.line((lo, cy - 4.5), (lo, cy + 4.5), INK, 1.4);
        svg.line((hi, cy - 4.5), (hi, cy + 4.5), INK, 1.4);
        label_x = hi;
    }
    // Labels go right of the bar, the whisker and the zero line, so negative bars never push
    // their label into the row labels.
    let text = text_num(b.value, decimals);
    svg.text(
        label_x.max(x).max(zero) + 5.0,
        cy + 4.0,
        Anchor::Start,
        Font::Small,
        &text,
    );
}
