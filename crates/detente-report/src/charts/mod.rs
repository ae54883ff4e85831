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

/// The Okabe–Ito palette with its yellow (too pale on white) replaced by a mid grey, in the order
/// sides, coalitions, models, domains and series take their colours. Eight colours, so that the
/// flagship's eight Richardson actors each get their own.
pub const PALETTE: [&str; 8] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#888888",
];

/// The same colours darkened just enough for text: each reads at 4.5:1 or more on white (WCAG
/// AA for normal-size text), which most of the palette's fills do not.
pub const TEXT_PALETTE: [&str; 8] = [
    "#0072B2", "#BF5400", "#008460", "#A15F83", "#9C6C00", "#3A7A9E", "#000000", "#747474",
];

/// Dash patterns (SVG `stroke-dasharray`, empty for solid) that series take alongside their
/// colour, so that lines stay apart in greyscale print and for readers who cannot tell two
/// colours apart. Five patterns against eight colours: the first 40 series all differ in the
/// (colour, dash) pair.
pub const DASHES: [&str; 5] = ["", "7 3", "2 3", "9 3 2 3", "4 4"];

/// Colour number `i` of the palette (cycles).
pub fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}

/// Text colour for series `i`: [`colour`] darkened to a readable contrast.
pub fn text_colour(i: usize) -> &'static str {
    TEXT_PALETTE[i % TEXT_PALETTE.len()]
}

/// Dash pattern of series `i` (cycles with a period coprime to the palette's).
pub fn dash(i: usize) -> &'static str {
    DASHES[i % DASHES.len()]
}

/// WCAG 2 contrast ratio between two `#rrggbb` colours (1 to 21); `None` for another format.
pub fn contrast(a: &str, b: &str) -> Option<f64> {
    let (la, lb) = (luminance(a)?, luminance(b)?);
    Some((la.max(lb) + 0.05) / (la.min(lb) + 0.05))
}

/// WCAG 2 relative luminance of a `#rrggbb` colour.
fn luminance(hex: &str) -> Option<f64> {
    let h = hex.strip_prefix('#')?;
    if h.len() != 6 {
        return None;
    }
    let channel = |i: usize| -> Option<f64> {
        let c = f64::from(u8::from_str_radix(h.get(i..i + 2)?, 16).ok()?) / 255.0;
        Some(if c <= 0.04045 {
            c / 12.92
        } else {
            detente::maths::powf((c + 0.055) / 1.055, 2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

/// Neutral ink for axes and reference lines.
pub const INK: &str = "#4d4d4d";
/// Grid lines.
pub const GRID: &str = "#e6e6e6";
/// Frustrated links.
pub const RED: &str = "#C0392B";

/// Default drawing width in user units (the viewBox width; rendered at the container width).
pub const WIDTH: f64 = 880.0;

#[cfg(test)]
mod tests {
    use super::svg::Font;
    use super::*;

    #[test]
    fn every_text_colour_reads_at_4_5_to_1_on_white() {
        let fonts = [Font::Label, Font::Small, Font::Strong, Font::Axis].map(Font::colour);
        for c in TEXT_PALETTE.iter().chain(&fonts).chain([&INK, &RED]) {
            let r = contrast(c, "#ffffff").unwrap();
            assert!(r >= 4.5, "{c} on white: {r:.2}:1");
        }
    }

    #[test]
    fn contrast_matches_known_values() {
        assert!((contrast("#000000", "#ffffff").unwrap() - 21.0).abs() < 1e-9);
        assert!((contrast("#777777", "#777777").unwrap() - 1.0).abs() < 1e-9);
        // The vermillion the issue measured as too faint for 12 px labels.
        assert!((contrast("#D55E00", "#ffffff").unwrap() - 3.87).abs() < 0.01);
        assert_eq!(contrast("red", "#ffffff"), None);
    }

    #[test]
    fn series_styles_differ_for_the_first_forty() {
        let mut seen = std::collections::BTreeSet::new();
        for i in 0..40 {
            assert!(
                seen.insert((colour(i), dash(i))),
                "series {i} repeats a style"
            );
        }
        let colours: std::collections::BTreeSet<_> = PALETTE.iter().collect();
        assert_eq!(colours.len(), PALETTE.len());
    }
}
