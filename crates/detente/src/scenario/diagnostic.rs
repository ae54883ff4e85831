//! Diagnostics: what is wrong with a scenario, where, and what was expected.
//!
//! Every problem found while loading is collected (never only the first) and carries a byte span
//! into the source, from which [`Diagnostics::render`] prints `file:line:column` and a caret line
//! under the offending value, in the style of rustc.

use serde::Serialize;
use std::ops::Range;

/// What kind of problem a diagnostic reports. Tests assert on these codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// The file is empty.
    EmptyFile,
    /// The file is not valid TOML.
    NotToml,
    /// `format` is missing or not a supported version.
    UnknownFormatVersion,
    /// A required key is missing.
    MissingKey,
    /// A key that the format does not define.
    UnknownKey,
    /// A value of the wrong type (a string where a number was expected, ...).
    WrongType,
    /// A keyword outside its allowed set (`rule = "dictatorship"`).
    UnknownValue,
    /// A reference to an id that does not exist.
    UnknownId,
    /// Two things share an id.
    DuplicateId,
    /// A number outside its allowed range.
    OutOfRange,
    /// NaN or infinity.
    NotFinite,
    /// An uncertain number whose bounds are in the wrong order.
    LowAboveHigh,
    /// A body with no members.
    EmptyBody,
    /// A body member that is not an actor.
    MemberNotActor,
    /// Bodies that contain each other.
    CyclicMembership,
    /// An organisation unknown to the world data.
    UnknownOrganisation,
    /// A state the world data does not know, or data the world table lacks.
    WorldData,
    /// A capability that is needed but cannot be found.
    NoCapability,
    /// Something structurally inconsistent (a stance on a body, a tie to itself, ...).
    Inconsistent,
}

impl Kind {
    /// The kebab-case code shown in brackets, e.g. `unknown-id`.
    pub fn code(self) -> &'static str {
        match self {
            Kind::EmptyFile => "empty-file",
            Kind::NotToml => "not-toml",
            Kind::UnknownFormatVersion => "unknown-format-version",
            Kind::MissingKey => "missing-key",
            Kind::UnknownKey => "unknown-key",
            Kind::WrongType => "wrong-type",
            Kind::UnknownValue => "unknown-value",
            Kind::UnknownId => "unknown-id",
            Kind::DuplicateId => "duplicate-id",
            Kind::OutOfRange => "out-of-range",
            Kind::NotFinite => "not-finite",
            Kind::LowAboveHigh => "low-above-high",
            Kind::EmptyBody => "empty-body",
            Kind::MemberNotActor => "member-not-actor",
            Kind::CyclicMembership => "cyclic-membership",
            Kind::UnknownOrganisation => "unknown-organisation",
            Kind::WorldData => "world-data",
            Kind::NoCapability => "no-capability",
            Kind::Inconsistent => "inconsistent",
        }
    }
}

/// Error or warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The scenario cannot be used.
    Error,
    /// The scenario loads, but the analyst should know.
    Warning,
}

/// One problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Machine-readable kind.
    pub kind: Kind,
    /// What is wrong, in one sentence.
    pub message: String,
    /// Dotted path of the key, e.g. `issue[0].stance[2].salience` (0-based indices).
    pub key: Option<String>,
    /// What was expected.
    pub expected: Option<String>,
    /// A hint: "did you mean FRA?".
    pub help: Option<String>,
    /// Byte range in the source.
    #[serde(skip)]
    pub span: Option<Range<usize>>,
    /// 1-based line and column of the span start (filled by [`Diagnostics::new`]).
    pub line: Option<usize>,
    /// 1-based column (in characters).
    pub column: Option<usize>,
}

impl Diagnostic {
    /// A new error of `kind`.
    pub fn error(kind: Kind, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            kind,
            message: message.into(),
            key: None,
            expected: None,
            help: None,
            span: None,
            line: None,
            column: None,
        }
    }

    /// A new warning of `kind`.
    pub fn warning(kind: Kind, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(kind, message)
        }
    }

    /// Attach the key path.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Attach what was expected.
    pub fn expected(mut self, expected: impl Into<String>) -> Self {
        self.expected = Some(expected.into());
        self
    }

    /// Attach a hint.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Attach the source span.
    pub fn span(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }

    /// Whether this is an error (not a warning).
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// All problems found in one file, with the source needed to render them.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostics {
    /// File name as given by the caller.
    pub file: String,
    /// Problems, in source order (unlocated ones last).
    pub items: Vec<Diagnostic>,
    #[serde(skip)]
    source: String,
}

impl Diagnostics {
    /// Collect `items` for `file`, computing line and column from `source` and sorting by
    /// position so the report reads top to bottom.
    pub fn new(file: &str, source: &str, mut items: Vec<Diagnostic>) -> Self {
        for d in &mut items {
            if let Some(span) = &d.span {
                let (line, column) = line_column(source, span.start);
                d.line = Some(line);
                d.column = Some(column);
            }
        }
        crate::order::sort_by_key(&mut items, |d| {
            (
                d.span.as_ref().map_or(usize::MAX, |s| s.start),
                d.severity == Severity::Warning,
            )
        });
        Diagnostics {
            file: file.to_string(),
            items,
            source: source.to_string(),
        }
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Whether any item is an error.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// Only the warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| !d.is_error())
    }

    /// Render every item rustc-style:
    ///
    /// ```text
    /// error[unknown-id]: stance actor `FRX` is not an actor of this scenario
    ///   --> scenario.toml:12:9
    ///    |
    /// 12 | actor = "FRX"
    ///    |         ^^^^^ key `issue[0].stance[1].actor`
    ///    = expected: an actor id declared with [[actor]] or a member of a world:ORG body
    ///    = help: did you mean `FRA`?
    /// ```
    pub fn render(&self) -> String {
        let mut out = String::new();
        for d in &self.items {
            self.render_one(d, &mut out);
            out.push('\n');
        }
        let (e, w) = (self.error_count(), self.items.len() - self.error_count());
        if e > 0 {
            out.push_str(&format!(
                "{}: {} error{}{}\n",
                self.file,
                e,
                if e == 1 { "" } else { "s" },
                if w > 0 {
                    format!(", {w} warning{}", if w == 1 { "" } else { "s" })
                } else {
                    String::new()
                }
            ));
        }
        out
    }

    fn render_one(&self, d: &Diagnostic, out: &mut String) {
        let sev = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!("{sev}[{}]: {}\n", d.kind.code(), d.message));
        let (Some(span), Some(line), Some(col)) = (&d.span, d.line, d.column) else {
            out.push_str(&format!("  --> {}\n", self.file));
            push_notes(d, "  ", out);
            return;
        };
        let text = self.source.lines().nth(line - 1).unwrap_or("");
        let gutter = line.to_string().len();
        let pad = " ".repeat(gutter);
        out.push_str(&format!("{pad}--> {}:{line}:{col}\n", self.file));
        out.push_str(&format!("{pad} |\n"));
        out.push_str(&format!("{line} | {text}\n"));
        let line_start = span.start + 1 - col_bytes(&self.source, span.start);
        let line_end = line_start + text.len();
        let caret_len = self.source
            [span.start.min(self.source.len())..span.end.min(line_end).max(span.start)]
            .chars()
            .count()
            .max(1);
        let label = d
            .key
            .as_ref()
            .map(|k| format!(" key `{k}`"))
            .unwrap_or_default();
        out.push_str(&format!(
            "{pad} | {}{}{label}\n",
            " ".repeat(col - 1),
            "^".repeat(caret_len)
        ));
        push_notes(d, &format!("{pad} "), out);
    }
}

/// The rendered report ([`Diagnostics::render`]), so that `?` can carry it as an error.
impl std::fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render())
    }
}

impl std::error::Error for Diagnostics {}

fn push_notes(d: &Diagnostic, indent: &str, out: &mut String) {
    if d.span.is_none()
        && let Some(k) = &d.key
    {
        out.push_str(&format!("{indent}= key: `{k}`\n"));
    }
    if let Some(e) = &d.expected {
        out.push_str(&format!("{indent}= expected: {e}\n"));
    }
    if let Some(h) = &d.help {
        out.push_str(&format!("{indent}= help: {h}\n"));
    }
}

/// Bytes from the start of the line to `offset`, plus one.
fn col_bytes(source: &str, offset: usize) -> usize {
    let offset = offset.min(source.len());
    let start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    offset - start + 1
}

/// 1-based line and character column of byte `offset`.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

/// "did you mean `x`?" for the closest candidate (Jaro–Winkler ≥ 0.8 or a case-insensitive match).
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let wrong_lower = wrong.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = if c.to_lowercase() == wrong_lower {
            2.0
        } else {
            strsim::jaro_winkler(&wrong_lower, &c.to_lowercase())
        };
        if score >= 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column() {
        let src = "a = 1\nbé = \"x\"\n";
        assert_eq!(line_column(src, 0), (1, 1));
        assert_eq!(line_column(src, 6), (2, 1));
        let x = src.find("\"x\"").unwrap();
        assert_eq!(line_column(src, x), (2, 6));
    }

    #[test]
    fn render_has_location_caret_and_help() {
        let src = "format = 1\nactor = \"FRX\"\n";
        let start = src.find("\"FRX\"").unwrap();
        let d = Diagnostic::error(Kind::UnknownId, "unknown actor `FRX`")
            .key("actor")
            .span(Some(start..start + 5))
            .help("did you mean `FRA`?");
        let diagnostics = Diagnostics::new("s.toml", src, vec![d]);
        let r = diagnostics.render();
        assert!(r.contains("error[unknown-id]: unknown actor `FRX`"), "{r}");
        assert!(r.contains("--> s.toml:2:9"), "{r}");
        assert!(r.contains("        ^^^^^ key `actor`"), "{r}");
        assert!(r.contains("= help: did you mean `FRA`?"), "{r}");
        assert!(r.contains("s.toml: 1 error"), "{r}");
        let as_error: Box<dyn std::error::Error> = Box::new(diagnostics);
        assert_eq!(as_error.to_string(), r);
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            did_you_mean("FRX", ["FRA", "DEU"]).as_deref(),
            Some("did you mean `FRA`?")
        );
        assert_eq!(
            did_you_mean("usa", ["USA"]).as_deref(),
            Some("did you mean `USA`?")
        );
        assert_eq!(did_you_mean("zzz", ["FRA"]), None);
    }
}
