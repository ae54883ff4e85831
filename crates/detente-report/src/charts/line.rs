//! Line chart with optional bands: decide trajectories over rounds, escalate tension per domain
//! (median with an 80 % band), Richardson spending paths.

use super::svg::{Anchor, Font, Svg, text_width};
use super::{Scale, axis};

/// One line, optionally with a shaded band (e.g. the 10–90 % quantiles).
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    /// Legend label.
    pub label: &'a str,
    /// Values at the chart's x positions.
    pub values: &'a [f64],
    /// Lower and upper edge of the band.
    pub band: Option<(&'a [f64], &'a [f64])>,
    /// Stroke colour.
    pub colour: &'a str,
    /// Dash pattern (`stroke-dasharray`, empty for solid); see [`super::dash`].
    pub dash: &'a str,
    /// Stroke width in px.
    pub width: f64,
}

/// What the chart shows.
#[derive(Debug, Clone)]
pub struct LineChart<'a> {
    /// Accessible title.
    pub title: &'a str,
    /// x axis title with unit.
    pub x_label: &'a str,
    /// y axis title with unit.
    pub y_label: &'a str,
    /// x values; `None` means 0, 1, 2, … (rounds, periods).
    pub x: Option<&'a [f64]>,
    /// Lines, drawn in order (bands first).
    pub lines: Vec<Line<'a>>,
    /// Fixed y domain (e.g. tension in [0, 1]); `None` fits the data.
    pub y_domain: Option<(f64, f64)>,
    /// Drawing width in user units.
    pub width: f64,
    /// Plot height in user units (without legend and axis).
    pub plot_height: f64,
    /// Show the legend (off when one line is self-explanatory).
    pub legend: bool,
}

const LEFT: f64 = 64.0;
const RIGHT: f64 = 18.0;

/// Two lines coincide when every point is this share of the y axis's span apart or closer (half
/// a percent: under a pixel at the report's plot heights, so one would hide the other).
const COINCIDE: f64 = 0.005;

/// A line as drawn: the first of a group of coinciding lines, with the legend label naming all
/// of them ("West, China (coincide)").
struct Drawn<'l, 'a> {
    line: &'l Line<'a>,
    label: String,
}

/// Lines whose values coincide within `tol` at every x (missing values at the same places)
/// merged into one, in first-appearance order.
fn merge_coinciding<'l, 'a>(lines: &'l [Line<'a>], tol: f64) -> Vec<Drawn<'l, 'a>> {
    let same = |a: &Line, b: &Line| {
        a.values.len() == b.values.len()
            && a.values.iter().zip(b.values).all(|(x, y)| {
                (x.is_finite() && y.is_finite() && (x - y).abs() <= tol)
                    || (!x.is_finite() && !y.is_finite())
            })
    };
    let mut groups: Vec<(usize, Vec<&str>)> = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        match groups.iter_mut().find(|(r, _)| same(&lines[*r], l)) {
            Some((_, labels)) => labels.push(l.label),
            None => groups.push((i, vec![l.label])),
        }
    }
    groups
        .into_iter()
        .map(|(r, labels)| Drawn {
            line: &lines[r],
            label: if labels.len() == 1 {
                labels[0].to_string()
            } else {
                format!("{} (coincide)", labels.join(", "))
            },
        })
        .collect()
}

/// Draw the chart.
pub fn render(chart: &LineChart) -> String {
    let n = chart
        .lines
        .iter()
        .map(|l| l.values.len())
        .max()
        .unwrap_or(0);
    let xs_data: Vec<f64> = match chart.x {
        Some(x) => x.to_vec(),
        None => (0..n).map(|i| i as f64).collect(),
    };
    // The y domain does not depend on the plot's pixel rows: fix it first, so that coinciding
    // lines can be found (and merged in the legend) before the legend's height is known.
    let domain = match chart.y_domain {
        Some((lo, hi)) => Scale::new(lo, hi, 0.0, 1.0),
        None => {
            let all: Vec<f64> = chart
                .lines
                .iter()
                .flat_map(|l| {
                    let band = l.band.map(|(a, b)| a.iter().chain(b.iter()));
                    l.values.iter().chain(band.into_iter().flatten())
                })
                .copied()
                .collect();
            Scale::covering(&all, &[], 0.0, 1.0)
        }
    };
    let drawn = merge_coinciding(&chart.lines, COINCIDE * (domain.d1 - domain.d0).abs());
    let legend_rows = if chart.legend {
        legend_rows(&drawn, chart.width)
    } else {
        0
    };
    let top = 14.0 + legend_rows as f64 * 18.0;
    let bottom = top + chart.plot_height;
    let height = bottom + 44.0;
    let mut svg = Svg::new(chart.width, height);
    let x_lo = xs_data.first().copied().unwrap_or(0.0);
    let x_hi = xs_data.last().copied().unwrap_or(1.0);
    let xs = Scale::new(x_lo, x_hi, LEFT, chart.width - RIGHT);
    let ys = Scale::new(domain.d0, domain.d1, bottom, top);
    axis::left(&mut svg, &ys, LEFT, chart.width - RIGHT, chart.y_label);
    axis::bottom(&mut svg, &xs, bottom, top, chart.x_label);
    for d in &drawn {
        if let Some((lo, hi)) = d.line.band {
            draw_band(&mut svg, &xs_data, lo, hi, &xs, &ys, d.line.colour);
        }
    }
    for d in &drawn {
        let line = d.line;
        for segment in segments(&xs_data, line.values, &xs, &ys) {
            if segment.len() == 1 {
                svg.circle(
                    segment[0].0,
                    segment[0].1,
                    2.0,
                    line.colour,
                    1.0,
                    line.colour,
                );
            } else {
                svg.polyline(&segment, line.colour, line.width, line.dash);
            }
        }
    }
    if chart.legend {
        legend(&mut svg, &drawn, chart.width);
    }
    svg.finish(chart.title)
}

/// Width of one legend entry: a line sample, its label and a gap.
fn entry_width(label: &str) -> f64 {
    SAMPLE + 6.0 + text_width(label, 12.0) + 18.0
}

/// Length of the line sample in a legend entry (long enough to show a dash pattern).
const SAMPLE: f64 = 28.0;

fn legend_rows(drawn: &[Drawn], width: f64) -> usize {
    let avail = width - RIGHT - LEFT;
    let (mut rows, mut x) = (1, 0.0);
    for d in drawn {
        let w = entry_width(&d.label);
        if x + w > avail && x > 0.0 {
            rows += 1;
            x = 0.0;
        }
        x += w;
    }
    rows
}

/// The legend: per drawn line a short sample in its colour and dash, then its label; wraps as
/// [`legend_rows`] counts.
fn legend(svg: &mut Svg, drawn: &[Drawn], width: f64) {
    let max_x = width - RIGHT;
    let (mut x, mut y) = (LEFT, 14.0);
    for d in drawn {
        let w = entry_width(&d.label);
        if x + w > max_x && x > LEFT {
            x = LEFT;
            y += 18.0;
        }
        let sample = [(x, y - 4.0), (x + SAMPLE, y - 4.0)];
        svg.polyline(&sample, d.line.colour, d.line.width.min(2.5), d.line.dash);
        svg.text(x + SAMPLE + 6.0, y, Anchor::Start, Font::Label, &d.label);
        x += w;
    }
}

/// Runs of consecutive finite points (a NaN breaks the line instead of corrupting it).
fn segments(x: &[f64], y: &[f64], xs: &Scale, ys: &Scale) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    let mut current = Vec::new();
    for (xv, yv) in x.iter().zip(y) {
        if xv.is_finite() && yv.is_finite() {
            current.push((xs.map(*xv), ys.map(*yv)));
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn draw_band(svg: &mut Svg, x: &[f64], lo: &[f64], hi: &[f64], xs: &Scale, ys: &Scale, c: &str) {
    let pts: Vec<(f64, f64, f64)> = x
        .iter()
        .zip(lo.iter().zip(hi))
        .filter(|(xv, (l, h))| xv.is_finite() && l.is_finite() && h.is_finite())
        .map(|(xv, (l, h))| (xs.map(*xv), ys.map(*l), ys.map(*h)))
        .collect();
    if pts.len() < 2 {
        return;
    }
    let mut poly: Vec<(f64, f64)> = pts.iter().map(|p| (p.0, p.2)).collect();
    poly.extend(pts.iter().rev().map(|p| (p.0, p.1)));
    svg.polygon(&poly, c, 0.15);
}
