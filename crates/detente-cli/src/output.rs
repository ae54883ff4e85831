//! Output formats shared by commands, and atomic file writes.

use crate::error::CliError;
use std::io::Write;
use std::path::Path;

/// How a command prints its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable tables (default).
    Table,
    /// The full result as JSON.
    Json,
    /// Long tables as CSV.
    Csv,
}

/// Pretty JSON of any serialisable value.
pub fn json<T: serde::Serialize>(value: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| CliError::Failure(format!("error: cannot serialise result: {e}")))
}

/// Print to stdout, control and bidirectional characters escaped (see [`crate::terminal`]);
/// a closed pipe (`| head`) is not an error.
pub fn print(text: &str) -> Result<(), CliError> {
    print_bytes(crate::terminal::escape(text).as_bytes())
}

/// Write a document (HTML, Parquet) to stdout byte for byte; a closed pipe is not an error.
pub fn print_bytes(bytes: &[u8]) -> Result<(), CliError> {
    let text = bytes;
    let mut out = std::io::stdout().lock();
    match out.write_all(text).and_then(|_| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(CliError::Failure(format!(
            "error: cannot write output: {e}"
        ))),
        _ => Ok(()),
    }
}

/// Write `text` to `path` atomically: a temporary file in the same folder, then a rename, so a
/// failed run never leaves a half-written file.
pub fn write_atomic(path: &Path, text: impl AsRef<[u8]>) -> Result<(), CliError> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)
        .map_err(|e| CliError::Failure(format!("error: cannot create {}: {e}", dir.display())))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = std::fs::write(&tmp, text.as_ref()).and_then(|_| std::fs::rename(&tmp, path));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        CliError::Failure(format!("error: cannot write {}: {e}", path.display()))
    })
}
