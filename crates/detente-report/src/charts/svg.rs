//! A small SVG writer: escaping, fixed-decimal numbers and the few elements the charts draw.
//!
//! Every coordinate goes through [`num`] so that the same input gives the same bytes on every
//! platform, and a non-finite value (a model that returned NaN) degrades to `0` instead of
//! producing an invalid document.

use std::fmt::Write as _;

/// Escape text for XML character data and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0; drop them rather than fail.
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' && c != '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Format `v` with exactly `decimals` decimals; `-0` becomes `0` and non-finite values `0`
/// (coordinates) so that output is deterministic and always valid.
pub fn num(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "0".to_string();
    }
    let s = format!("{v:.decimals$}");
    if s.starts_with('-') && s[1..].chars().all(|c| c == '0' || c == '.') {
        s[1..].to_string()
    } else {
        s
    }
}

/// Format a value for a reader: fixed decimals, `–` for a missing (non-finite) value.
pub fn value(v: f64, decimals: usize) -> String {
    if v.is_finite() {
        num(v, decimals)
    } else {
        "–".to_string()
    }
}

/// Format a number for reading (labels, titles): like [`value`], with a true minus sign (−).
pub fn text_num(v: f64, decimals: usize) -> String {
    let s = value(v, decimals);
    match s.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => s,
    }
}

/// Coordinate format: one decimal is sub-pixel at any sensible zoom.
fn c(v: f64) -> String {
    num(v, 1)
}

/// Horizontal anchor of a text element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// Text starts at x.
    Start,
    /// Text is centred on x.
    Middle,
    /// Text ends at x.
    End,
}

impl Anchor {
    fn keyword(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// Text styles used by the charts (sizes in px; never below 11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    /// Axis tick labels, data labels: 12 px, dark grey.
    Label,
    /// Secondary notes: 11 px, mid grey.
    Small,
    /// Emphasised labels: 12 px semibold, near black.
    Strong,
    /// Axis titles: 12 px, near black.
    Axis,
}

impl Font {
    /// Size in px.
    pub fn size(self) -> f64 {
        match self {
            Font::Small => 11.0,
            Font::Label | Font::Strong | Font::Axis => 12.0,
        }
    }

    fn bold(self) -> bool {
        matches!(self, Font::Strong)
    }

    /// Default colour.
    pub fn colour(self) -> &'static str {
        match self {
            Font::Label => "#333333",
            Font::Small => "#595959",
            Font::Strong | Font::Axis => "#1a1a1a",
        }
    }
}

/// An SVG document under construction, `width` × `height` user units, scaled to its container
/// through the viewBox.
#[derive(Debug, Clone)]
pub struct Svg {
    width: f64,
    height: f64,
    body: String,
}

impl Svg {
    /// A new, empty drawing of `width` × `height` user units (1 unit = 1 CSS px at full width).
    pub fn new(width: f64, height: f64) -> Svg {
        Svg {
            width,
            height,
            body: String::new(),
        }
    }

    /// Width in user units.
    pub fn width(&self) -> f64 {
        self.width
    }

    /// A line from `p` to `q` in `colour`, `width` px wide.
    pub fn line(&mut self, p: (f64, f64), q: (f64, f64), colour: &str, width: f64) {
        let _ = writeln!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"/>"#,
            c(p.0),
            c(p.1),
            c(q.0),
            c(q.1),
            escape(colour),
            num(width, 2)
        );
    }

    /// A dashed line from `p` to `q`.
    pub fn dashed_line(&mut self, p: (f64, f64), q: (f64, f64), colour: &str, width: f64) {
        let _ = writeln!(
            self.body,
            r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}" stroke-dasharray="4 3"/>"#,
            c(p.0),
            c(p.1),
            c(q.0),
            c(q.1),
            escape(colour),
            num(width, 2)
        );
    }

    /// A rectangle filled with `fill` at `opacity`.
    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, fill: &str, opacity: f64) {
        let _ = writeln!(
            self.body,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="{}"/>"#,
            c(x),
            c(y),
            c(w.max(0.0)),
            c(h.max(0.0)),
            escape(fill),
            num(opacity.clamp(0.0, 1.0), 2)
        );
    }

    /// A circle filled with `fill` at `opacity`, outlined in `stroke`.
    pub fn circle(&mut self, cx: f64, cy: f64, r: f64, fill: &str, opacity: f64, stroke: &str) {
        let _ = writeln!(
            self.body,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{}" fill-opacity="{}" stroke="{}"/>"#,
            c(cx),
            c(cy),
            c(r.max(0.0)),
            escape(fill),
            num(opacity.clamp(0.0, 1.0), 2),
            escape(stroke)
        );
    }

    /// A circle with a hover title (the browser's tooltip; also how tests find a mark).
    pub fn circle_titled(
        &mut self,
        centre: (f64, f64),
        r: f64,
        fill: &str,
        opacity: f64,
        title: &str,
    ) {
        let _ = writeln!(
            self.body,
            r#"<circle cx="{}" cy="{}" r="{}" fill="{}" fill-opacity="{}" stroke="{}"><title>{}</title></circle>"#,
            c(centre.0),
            c(centre.1),
            c(r.max(0.0)),
            escape(fill),
            num(opacity.clamp(0.0, 1.0), 2),
            escape(fill),
            escape(title)
        );
    }

    /// A closed polygon with a hover title.
    pub fn polygon_titled(&mut self, points: &[(f64, f64)], fill: &str, title: &str) {
        let _ = writeln!(
            self.body,
            r#"<polygon points="{}" fill="{}"><title>{}</title></polygon>"#,
            join_points(points),
            escape(fill),
            escape(title)
        );
    }

    /// A closed polygon (markers, bands).
    pub fn polygon(&mut self, points: &[(f64, f64)], fill: &str, opacity: f64) {
        let pts = join_points(points);
        let _ = writeln!(
            self.body,
            r#"<polygon points="{}" fill="{}" fill-opacity="{}"/>"#,
            pts,
            escape(fill),
            num(opacity.clamp(0.0, 1.0), 2)
        );
    }

    /// An open polyline in `colour`, `width` px wide, dashed by `dash` (a `stroke-dasharray`;
    /// empty for solid).
    pub fn polyline(&mut self, points: &[(f64, f64)], colour: &str, width: f64, dash: &str) {
        let dash = if dash.is_empty() {
            String::new()
        } else {
            format!(r#" stroke-dasharray="{}""#, escape(dash))
        };
        let _ = writeln!(
            self.body,
            r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="{}"{}/>"#,
            join_points(points),
            escape(colour),
            num(width, 2),
            dash
        );
    }

    /// A path with the given `d` (built from [`num`]-formatted numbers) and stroke.
    pub fn path(&mut self, d: &str, colour: &str, width: f64, opacity: f64) {
        let _ = writeln!(
            self.body,
            r#"<path d="{}" fill="none" stroke="{}" stroke-width="{}" stroke-opacity="{}"/>"#,
            escape(d),
            escape(colour),
            num(width, 2),
            num(opacity.clamp(0.0, 1.0), 2)
        );
    }

    /// Text at (x, y) (baseline) in a [`Font`].
    pub fn text(&mut self, x: f64, y: f64, anchor: Anchor, font: Font, text: &str) {
        self.text_fill(x, y, anchor, font, font.colour(), text);
    }

    /// Text in an explicit colour.
    pub fn text_fill(
        &mut self,
        x: f64,
        y: f64,
        anchor: Anchor,
        font: Font,
        fill: &str,
        text: &str,
    ) {
        let weight = if font.bold() {
            r#" font-weight="600""#
        } else {
            ""
        };
        let _ = writeln!(
            self.body,
            r#"<text x="{}" y="{}" text-anchor="{}" font-size="{}" fill="{}"{}>{}</text>"#,
            c(x),
            c(y),
            anchor.keyword(),
            num(font.size(), 0),
            escape(fill),
            weight,
            escape(text)
        );
    }

    /// Text rotated by −90° about (x, y) (vertical axis titles).
    pub fn text_vertical(&mut self, x: f64, y: f64, text: &str) {
        let _ = writeln!(
            self.body,
            r#"<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="{}" transform="rotate(-90 {} {})">{}</text>"#,
            c(x),
            c(y),
            Font::Label.colour(),
            c(x),
            c(y),
            escape(text)
        );
    }

    /// The finished `<svg>` element with an accessible `title`.
    pub fn finish(self, title: &str) -> String {
        let mut out = String::with_capacity(self.body.len() + 400);
        let _ = write!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}" class="chart" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif">"#,
            c(self.width),
            c(self.height),
            escape(title)
        );
        out.push('\n');
        let _ = writeln!(out, "<title>{}</title>", escape(title));
        out.push_str(&self.body);
        out.push_str("</svg>");
        out
    }
}

fn join_points(points: &[(f64, f64)]) -> String {
    let mut s = String::new();
    for (i, (x, y)) in points.iter().enumerate() {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(&c(*x));
        s.push(',');
        s.push_str(&c(*y));
    }
    s
}

/// Rough rendered width of `text` at `font_px` (system sans-serif averages about 0.58 em per
/// character); used only to keep labels from overlapping.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    text.chars().count() as f64 * font_px * 0.58
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn numbers_are_fixed_and_never_negative_zero() {
        assert_eq!(num(1.0 / 3.0, 2), "0.33");
        assert_eq!(num(-0.0001, 2), "0.00");
        assert_eq!(num(f64::NAN, 1), "0");
        assert_eq!(value(f64::INFINITY, 1), "–");
        assert_eq!(num(-2.5, 1), "-2.5");
        assert_eq!(text_num(-2.5, 1), "−2.5");
        assert_eq!(text_num(f64::NAN, 1), "–");
    }

    #[test]
    fn finished_svg_has_viewbox_and_title() {
        let mut svg = Svg::new(100.0, 50.0);
        svg.text(1.0, 2.0, Anchor::Start, Font::Label, "a < b");
        let out = svg.finish("T & U");
        assert!(out.starts_with("<svg"));
        assert!(out.contains(r#"viewBox="0 0 100.0 50.0""#));
        assert!(out.contains("a &lt; b"));
        assert!(out.ends_with("</svg>"));
    }
}
