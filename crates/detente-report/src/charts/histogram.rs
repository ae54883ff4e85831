//! Histogram of a Monte Carlo distribution with its 5 %, 50 % and 95 % quantiles and optional
//! reference markers (status quo, baseline).

use super::svg::{Anchor, Font, Svg, text_num};
use super::{INK, Scale, WIDTH, axis, colour};
use crate::model::Bin;

/// What the chart shows.
#[derive(Debug, Clone, Copy)]
pub struct HistogramChart<'a> {
    /// Accessible title.
    pub title: &'a str,
    /// x axis title with unit.
    pub x_label: &'a str,
    /// Bins in increasing order.
    pub bins: &'a [Bin],
    /// 5 %, 50 % and 95 % quantiles.
    pub quantiles: [f64; 3],
    /// Fixed x domain (the issue scale); `None` fits the bins.
    pub x_domain: Option<(f64, f64)>,
    /// Decimals for quantile labels.
    pub decimals: usize,
}

const LEFT: f64 = 64.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 50.0;
const PLOT_H: f64 = 170.0;

/// Draw the chart.
pub fn render(chart: &HistogramChart) -> String {
    let bottom = TOP + PLOT_H;
    let mut svg = Svg::new(WIDTH, bottom + 46.0);
    let total: u64 = chart.bins.iter().map(|b| b.count).sum();
    let xs = match chart.x_domain {
        Some((lo, hi)) => Scale::new(lo, hi, LEFT, WIDTH - RIGHT),
        None => {
            let edges: Vec<f64> = chart.bins.iter().flat_map(|b| [b.low, b.high]).collect();
            Scale::covering(&edges, &[], LEFT, WIDTH - RIGHT)
        }
    };
    let max_share = chart
        .bins
        .iter()
        .map(|b| share(b.count, total))
        .fold(0.0, f64::max)
        .max(0.01);
    let ys = Scale::covering(&[max_share * 100.0], &[0.0], bottom, TOP);
    axis::left(&mut svg, &ys, LEFT, WIDTH - RIGHT, "share of runs (%)");
    for b in chart.bins {
        let (x0, x1) = (xs.map_clamped(b.low), xs.map_clamped(b.high));
        let y = ys.map(share(b.count, total) * 100.0);
        svg.rect(
            x0 + 0.5,
            y,
            (x1 - x0 - 1.0).max(0.5),
            bottom - y,
            colour(0),
            0.55,
        );
    }
    axis::bottom(&mut svg, &xs, bottom, TOP, chart.x_label);
    // 5 % to the left of its line, 95 % to the right, the median above both: no collisions.
    let placements = [
        (Anchor::End, -4.0, 0.0, "5 %"),
        (Anchor::Middle, 0.0, 16.0, "median"),
        (Anchor::Start, 4.0, 0.0, "95 %"),
    ];
    for (q, (anchor, dx, up, name)) in chart.quantiles.iter().zip(placements) {
        if !q.is_finite() {
            continue;
        }
        let x = xs.map_clamped(*q);
        if name == "median" {
            svg.line((x, TOP - 20.0), (x, bottom), INK, 1.8);
        } else {
            svg.dashed_line((x, TOP - 4.0), (x, bottom), INK, 1.2);
        }
        let label = format!("{name} {}", text_num(*q, chart.decimals));
        let font = if name == "median" {
            Font::Strong
        } else {
            Font::Label
        };
        svg.text(x + dx, TOP - 8.0 - up, anchor, font, &label);
    }
    svg.finish(chart.title)
}

fn share(count: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        count as f64 / total as f64
    }
}
