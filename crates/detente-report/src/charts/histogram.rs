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
/// Height of the strip under the axis that marks the zoom window on the full scale.
const STRIP_H: f64 = 34.0;

/// The narrowest window, in widths of the widest non-empty bin: a distribution whose runs fill
/// one or two bins is widened to this so that it never collapses to a line.
const MIN_BINS_SHOWN: f64 = 7.0;

/// Zoom in when the runs cover less than this share of the full scale.
const ZOOM_BELOW: f64 = 0.5;

/// The x window a histogram is drawn on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    /// Lower end of the window.
    pub low: f64,
    /// Upper end of the window.
    pub high: f64,
    /// The window is narrower than the full scale (which the chart then marks).
    pub zoomed: bool,
    /// Every run fell in one bin (the window was widened around it).
    pub one_bin: bool,
}

/// Where the chart looks: the runs' range (non-empty bins and quantiles), widened to at least
/// [`MIN_BINS_SHOWN`] bin widths; on the full scale `x_domain` when the runs cover half of it or
/// more, else zoomed to the runs.
pub fn view(chart: &HistogramChart) -> View {
    let filled: Vec<&Bin> = chart.bins.iter().filter(|b| b.count > 0).collect();
    let finite = |v: &&f64| v.is_finite();
    let edges: Vec<f64> = filled
        .iter()
        .flat_map(|b| [b.low, b.high])
        .chain(chart.quantiles)
        .filter(|v| finite(&v))
        .collect();
    let (mut lo, mut hi) = edges
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
            (l.min(*v), h.max(*v))
        });
    let one_bin = filled.len() == 1;
    if !lo.is_finite() {
        let (l, h) = chart.x_domain.unwrap_or((0.0, 1.0));
        return View {
            low: l,
            high: h,
            zoomed: false,
            one_bin,
        };
    }
    let widest = filled
        .iter()
        .map(|b| (b.high - b.low).abs())
        .filter(|w| w.is_finite())
        .fold(0.0, f64::max);
    let min_span = MIN_BINS_SHOWN * widest;
    if hi - lo < min_span {
        let pad = 0.5 * (min_span - (hi - lo));
        lo -= pad;
        hi += pad;
    }
    match chart.x_domain {
        Some((a, b)) if hi - lo >= ZOOM_BELOW * (b - a) => View {
            low: a,
            high: b,
            zoomed: false,
            one_bin,
        },
        Some((a, b)) => {
            // Zoomed: nice ticks around the runs, kept inside the scale.
            let s = Scale::covering(&[lo, hi], &[], 0.0, 1.0);
            View {
                low: s.d0.max(a),
                high: s.d1.min(b),
                zoomed: true,
                one_bin,
            }
        }
        None => View {
            low: lo,
            high: hi,
            zoomed: false,
            one_bin,
        },
    }
}

/// Draw the chart.
pub fn render(chart: &HistogramChart) -> String {
    let v = view(chart);
    let bottom = TOP + PLOT_H;
    let strip = if v.zoomed { STRIP_H } else { 0.0 };
    let mut svg = Svg::new(WIDTH, bottom + 46.0 + strip);
    let total: u64 = chart.bins.iter().map(|b| b.count).sum();
    let xs = if v.zoomed || chart.x_domain.is_some() {
        Scale::new(v.low, v.high, LEFT, WIDTH - RIGHT)
    } else {
        Scale::covering(&[v.low, v.high], &[], LEFT, WIDTH - RIGHT)
    };
    let max_share = chart
        .bins
        .iter()
        .map(|b| share(b.count, total))
        .fold(0.0, f64::max)
        .max(0.01);
    let ys = Scale::covering(&[max_share * 100.0], &[0.0], bottom, TOP);
    axis::left(&mut svg, &ys, LEFT, WIDTH - RIGHT, "share of runs (%)");
    for b in chart.bins.iter().filter(|b| b.count > 0) {
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
    if v.one_bin {
        svg.text(
            WIDTH - RIGHT,
            TOP + 14.0,
            Anchor::End,
            Font::Small,
            "every run in one bin: window widened around it",
        );
    }
    if let (true, Some((a, b))) = (v.zoomed, chart.x_domain) {
        full_scale_strip(&mut svg, (a, b), &v, bottom + 46.0, chart.decimals);
    }
    svg.finish(chart.title)
}

/// A thin bar under the chart standing for the full scale, with the zoomed window marked on it,
/// so that a narrow distribution is not read as a wide one.
fn full_scale_strip(svg: &mut Svg, (a, b): (f64, f64), v: &View, y: f64, decimals: usize) {
    let full = Scale::new(a, b, LEFT, WIDTH - RIGHT);
    let d = decimals.saturating_sub(1);
    svg.rect(LEFT, y, WIDTH - RIGHT - LEFT, 6.0, GRID_FILL, 1.0);
    let (x0, x1) = (full.map_clamped(v.low), full.map_clamped(v.high));
    svg.rect(x0, y - 2.0, (x1 - x0).max(2.0), 10.0, INK, 1.0);
    svg.text(LEFT, y + 22.0, Anchor::Start, Font::Small, &text_num(a, d));
    svg.text(
        WIDTH - RIGHT,
        y + 22.0,
        Anchor::End,
        Font::Small,
        &text_num(b, d),
    );
    let label = format!(
        "zoomed: the dark mark is the window {}–{} on the full scale {}–{}",
        text_num(v.low, decimals),
        text_num(v.high, decimals),
        text_num(a, d),
        text_num(b, d)
    );
    svg.text(0.5 * WIDTH, y + 22.0, Anchor::Middle, Font::Small, &label);
}

/// Fill of the full-scale strip (light grey; the window on it is drawn in ink).
const GRID_FILL: &str = "#d9d9d9";

fn share(count: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        count as f64 / total as f64
    }
}
