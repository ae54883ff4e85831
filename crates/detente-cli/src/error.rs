//! The CLI's error type and exit codes: 0 success, 1 a run failed, 2 bad input or usage.

use std::fmt;
use std::process::ExitCode;

/// Why a command failed, which decides the exit status.
#[derive(Debug)]
pub enum CliError {
    /// Bad input or usage (exit status 2). The message is already rendered for the terminal.
    Input(String),
    /// The input was fine but a run failed (exit status 1).
    Failure(String),
}

impl CliError {
    /// The process exit status for this error.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Input(_) => ExitCode::from(2),
            CliError::Failure(_) => ExitCode::from(1),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Input(m) | CliError::Failure(m) => f.write_str(m),
        }
    }
}

/// Result of a command.
pub type CliResult = Result<(), CliError>;
