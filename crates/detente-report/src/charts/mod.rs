//! Hand-written SVG charts, one file per chart kind. Each chart is a plain function from a
//! small input struct to an `<svg>` string; all of them share the [`svg`] writer, the [`Scale`]
//! and the palette below, so the report looks like one document.
//!
//! Style: quiet. One accent colour per side or coalition from a fixed
//! colour-blind-safe palette (Okabe & Ito 2008), light grid lines, labelled axes with units,
//! text at least 11 px, width set by the viewBox so charts scale with the page.

mod axis;
pub mod bars;
pub mod bubble;
pub mod coalition_map;
pub mod energy_ladder;
pub mod histogram;
pub mod line;
mod scale;
pub mod svg;
pub mod tornado;

pub use scale::{Scale, decimals_for, nice_step};

/// The Okabe–Ito palette without yellow (too pale on white), in the order sides, coalitions,
/// models and domains take their colours.
pub const PALETTE: [&str; 7] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
];

/// Colour number `i` of the palette (cycles).
pub fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// Neutral ink for axes and reference lines.
pub const INK: &str = "#4d4d4d";
/// Grid lines.
pub const GRID: &str = "#e6e6e6";
/// Frustrated links.
pub const RED: &str = "#C0392B";

/// Default drawing width in user units (the viewBox width; rendered at the container width).
pub const WIDTH: f64 = 880.0;
