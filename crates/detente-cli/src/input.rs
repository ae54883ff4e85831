//! Reading scenario files: the one place the CLI turns a path into a resolved scenario.

use crate::error::CliError;
use detente::import::{Format, ImportErrors};
use detente::scenario::{self, Resolved};
use std::fmt::Write as _;
use std::path::Path;

/// Read and resolve the scenario at `path`, or the bundled flagship when `path` is `None`.
/// Errors are rendered (every problem, with file:line:column) into `CliError::Input`.
pub fn load_scenario(path: Option<&Path>) -> Result<(Resolved, String), CliError> {
    let (source, name) = match path {
        None => (
            scenario::FLAGSHIP.to_string(),
            scenario::FLAGSHIP_NAME.to_string(),
        ),
        Some(p) => (read_text(p)?, p.display().to_string()),
    };
    scenario::load_str(&source, &name)
        .map(|r| (r, name))
        .map_err(|d| CliError::Input(d.render().trim_end().to_string()))
}

/// Read a UTF-8 text file, with a clear error naming the file.
pub fn read_text(path: &Path) -> Result<String, CliError> {
    let bytes = std::fs::read(path)
        .map_err(|e| CliError::Input(format!("error: cannot read {}: {e}", path.display())))?;
    String::from_utf8(bytes).map_err(|e| {
        CliError::Input(format!(
            "error: {} is not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

/// A scenario file, or a file in an importable format (Decide, plain, KTAB, DEU) converted to
/// one, resolved. The format is detected from the name and content.
pub fn load_any(path: &Path) -> Result<Resolved, CliError> {
    let text = read_text(path)?;
    let name = path.display().to_string();
    let file = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let source = detente::import::as_scenario(file, &text)
        .map_err(|(format, e)| import_failed(path, format, &e))?;
    scenario::load_str(&source, &name).map_err(|d| CliError::Input(d.render().trim_end().into()))
}

/// Every error of a failed import, each located as `FILE:line:column`.
pub fn import_failed(path: &Path, format: Format, errors: &ImportErrors) -> CliError {
    let name = path.display();
    let mut msg = format!("{name} is not a valid {} file:", format.name());
    for err in &errors.0 {
        let _ = write!(msg, "\n  {name}:{err}");
    }
    CliError::Input(msg)
}
