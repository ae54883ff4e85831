//! The run flags every Monte Carlo command shares (`--runs`, `--seed`, `--threads`) and the one
//! thread-pool builder.
//!
//! Settings have one owner: a command starts from the library's
//! [`RunOptions::for_scenario`] (the scenario's `[experiment]` section) and overrides only what
//! a flag set. `--threads` is capped at [`MAX_THREADS`]: results never depend on the thread
//! count, and far more threads than cores only cost memory and start-up time.

use crate::error::CliError;
use detente::experiment::RunOptions;
use detente::experiment::threads::{ThreadPool, ThreadsError, check_threads, thread_pool};
use detente::scenario::Resolved;

/// The most worker threads a command starts (the library's bound): above it `--threads` is
/// refused (exit status 2) rather than starting thousands of idle threads.
pub use detente::experiment::threads::MAX_THREADS;

/// `--runs`, `--seed`, `--threads`, flattened into every command that runs a Monte Carlo.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct RunArgs {
    /// Monte Carlo runs (per policy, per point, or draws over uncertain inputs; default: the
    /// scenario's `[experiment] runs`, else 2000).
    #[arg(long, value_name = "N")]
    pub runs: Option<u64>,
    /// Master seed: run k uses stream k of it (default: the scenario's `[experiment] seed`,
    /// else 0).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Worker threads, 1 to 256 (default: all cores). Results do not depend on it.
    #[arg(long, value_name = "T", value_parser = parse_threads)]
    pub threads: Option<usize>,
}

impl RunArgs {
    /// The scenario's run settings with this command's flags laid over them.
    pub fn options(&self, r: &Resolved) -> RunOptions {
        RunOptions::for_scenario(r).with(self.seed, self.runs)
    }

    /// Settings for inputs outside a scenario (plain JSON set-ups): the library defaults with
    /// the flags laid over them.
    pub fn options_without_scenario(&self) -> RunOptions {
        RunOptions::default().with(self.seed, self.runs)
    }

    /// Run `work` on the requested number of threads.
    pub fn install<T: Send>(&self, work: impl FnOnce() -> T + Send) -> Result<T, CliError> {
        with_threads(self.threads, work)
    }
}

/// Parse `--threads`: a whole number from 1 to [`MAX_THREADS`].
pub fn parse_threads(text: &str) -> Result<usize, String> {
    let n: usize = text
        .trim()
        .parse()
        .map_err(|_| format!("expected a whole number of threads from 1 to {MAX_THREADS}"))?;
    check_threads(n).map_err(|e| e.to_string())
}

/// A thread pool of `threads` workers (rayon's default, one per core, when `None`).
pub fn pool(threads: Option<usize>) -> Result<ThreadPool, CliError> {
    thread_pool(threads).map_err(|e| match (e, threads) {
        (ThreadsError::Count(e), Some(n)) => CliError::Input(format!("error: --threads {n}: {e}")),
        (e, _) => CliError::Failure(format!("error: cannot start worker threads: {e}")),
    })
}

/// Run `work` on `threads` worker threads (the global pool, all cores, when `None`).
pub fn with_threads<T: Send>(
    threads: Option<usize>,
    work: impl FnOnce() -> T + Send,
) -> Result<T, CliError> {
    match threads {
        None => Ok(work()),
        Some(_) => Ok(pool(threads)?.install(work)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_are_bounded() {
        assert_eq!(parse_threads("4"), Ok(4));
        assert_eq!(parse_threads("256"), Ok(256));
        assert!(parse_threads("0").is_err());
        assert!(parse_threads("257").unwrap_err().contains("at most 256"));
        assert!(parse_threads("many").is_err());
        assert!(matches!(pool(Some(10_000)), Err(CliError::Input(_))));
    }
}
