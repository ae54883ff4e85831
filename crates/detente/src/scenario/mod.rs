//! The scenario format (version 1): typed model, TOML parsing with spans, validation and
//! resolution against the bundled world data (docs/scenario-format.md; reference:
//! `docs/scenario-format.md`).
//!
//! [`load_str`] is the entry point: it parses, checks and resolves a scenario and returns either
//! a [`Resolved`] scenario (with warnings) or [`Diagnostics`] listing **every** problem with its
//! location. It never panics on any input.

mod diagnostic;
mod escalate_params;
mod model;
mod parse;
mod reader;
mod resolve;
#[cfg(feature = "schema")]
mod schema;
mod uncertain;

pub use diagnostic::{Diagnostic, Diagnostics, Kind, Severity, did_you_mean, line_column};
pub use escalate_params::{EscalateParam, ParamGroup, ParamRange};
pub use model::*;
pub use parse::{MAX_CAPABILITY, MAX_POPULATION, MAX_PROPENSITY, MAX_RATE, MAX_SCALE};
pub use resolve::{Provenance, Quantity, Resolved, ResolvedActor};
#[cfg(feature = "schema")]
pub use schema::json_schema;
pub use uncertain::Uncertain;

/// The parsed (unresolved) model as written, with the byte span of every value by TOML key
/// path (`issue[0].stance[2].position`); `None` when the text does not parse.
pub(crate) fn parse_with_spans(
    source: &str,
) -> Option<(
    Scenario,
    std::collections::HashMap<String, std::ops::Range<usize>>,
)> {
    parse::parse(source).0
}

/// The bundled flagship scenario, `scenarios/nato-china-2023.toml`.
pub const FLAGSHIP: &str = include_str!("../../../../scenarios/nato-china-2023.toml");

/// File name of the bundled flagship, for messages.
pub const FLAGSHIP_NAME: &str = "nato-china-2023.toml (bundled)";

/// Parse, check and resolve `source` (named `file` in messages).
///
/// On success the resolved scenario carries the warnings; on failure every error and warning is
/// returned, each located by line and column.
pub fn load_str(source: &str, file: &str) -> Result<Resolved, Diagnostics> {
    let (parsed, mut diags) = parse::parse(source);
    let Some((scenario, spans)) = parsed else {
        return Err(Diagnostics::new(file, source, diags));
    };
    let mut resolved = resolve::resolve(scenario, &spans, &mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(Diagnostics::new(file, source, diags));
    }
    resolved.warnings = Diagnostics::new(file, source, diags).items;
    Ok(resolved)
}

/// Serialise a scenario model back to TOML (loads to the same model).
pub fn to_toml(scenario: &Scenario) -> Result<String, toml::ser::Error> {
    toml::to_string_pretty(scenario)
}

/// Format a number compactly for people: integers without a fraction, others with up to four
/// significant decimals.
pub fn fmt_num(v: f64) -> String {
    if v.abs() >= 1e15 {
        format!("{v:e}")
    } else if v == v.trunc() {
        format!("{}", v as i64)
    } else if v.abs() >= 100.0 {
        format!("{v:.1}")
    } else if v.abs() >= 1.0 {
        format!("{v:.2}")
    } else {
        let s = format!("{v:.4}");
        s.trim_end_matches('0').to_string()
    }
}
