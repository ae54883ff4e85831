//! Axes shared by the charts: ticks, tick labels, grid lines and axis titles.

use super::svg::{Anchor, Font, Svg, text_num};
use super::{GRID, INK, Scale};

/// A horizontal axis at pixel row `y` with ticks from `scale`; grid lines run up to `top`.
pub fn bottom(svg: &mut Svg, scale: &Scale, y: f64, top: f64, title: &str) {
    let (ticks, decimals) = scale.ticks(6);
    for t in &ticks {
        let x = scale.map(*t);
        svg.line((x, top), (x, y), GRID, 1.0);
        svg.line((x, y), (x, y + 4.0), INK, 1.0);
        svg.text(
            x,
            y + 17.0,
            Anchor::Middle,
            Font::Label,
            &text_num(*t, decimals),
        );
    }
    svg.line((scale.r0, y), (scale.r1, y), INK, 1.0);
    if !title.is_empty() {
        let mid = 0.5 * (scale.r0 + scale.r1);
        svg.text(mid, y + 34.0, Anchor::Middle, Font::Axis, title);
    }
}

/// A vertical axis at pixel column `x` with ticks from `scale`; grid lines run to `right`.
pub fn left(svg: &mut Svg, scale: &Scale, x: f64, right: f64, title: &str) {
    let (ticks, decimals) = scale.ticks(5);
    for t in &ticks {
        let y = scale.map(*t);
        svg.line((x, y), (right, y), GRID, 1.0);
        svg.line((x - 4.0, y), (x, y), INK, 1.0);
        svg.text(
            x - 7.0,
            y + 4.0,
            Anchor::End,
            Font::Label,
            &text_num(*t, decimals),
        );
    }
    svg.line((x, scale.r0), (x, scale.r1), INK, 1.0);
    if !title.is_empty() {
        let mid = 0.5 * (scale.r0 + scale.r1);
        svg.text_vertical(x - 46.0, mid, title);
    }
}

/// A row of legend entries (colour swatch + label) starting at (x, y), wrapping at `max_x`.
/// Returns the y of the last row.
pub fn legend(svg: &mut Svg, entries: &[(&str, String)], x: f64, y: f64, max_x: f64) -> f64 {
    let (mut cx, mut cy) = (x, y);
    for (colour, label) in entries {
        let w = 18.0 + super::svg::text_width(label, 12.0) + 18.0;
        if cx + w > max_x && cx > x {
            cx = x;
            cy += 18.0;
        }
        svg.rect(cx, cy - 9.0, 12.0, 10.0, colour, 0.9);
        svg.text(cx + 17.0, cy, Anchor::Start, Font::Label, label);
        cx += w;
    }
    cy
}
