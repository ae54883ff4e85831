//! Worker threads: how many a run may start and the one pool builder every front end uses.
//! Results never depend on the thread count (runs are reduced in run order), so the count is
//! only a matter of speed and memory.

/// The most worker threads a run starts. 256 covers the largest common servers; far more
/// threads than cores only cost memory and start-up time.
pub const MAX_THREADS: usize = 256;

use std::fmt;

/// `Ok(n)` for a thread count from 1 to [`MAX_THREADS`], otherwise why not.
pub fn check_threads(n: usize) -> Result<usize, ThreadCountError> {
    match n {
        0 => Err(ThreadCountError::Zero),
        n if n > MAX_THREADS => Err(ThreadCountError::TooMany(n)),
        n => Ok(n),
    }
}

/// Why a thread count is out of range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThreadCountError {
    /// No threads were asked for.
    Zero,
    /// More than [`MAX_THREADS`] were asked for (the count asked for).
    TooMany(usize),
}

impl fmt::Display for ThreadCountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ThreadCountError::Zero => f.write_str("at least 1 thread is needed"),
            ThreadCountError::TooMany(_) => write!(
                f,
                "at most {MAX_THREADS} threads (results do not depend on the thread count)"
            ),
        }
    }
}

impl std::error::Error for ThreadCountError {}

#[cfg(feature = "rayon")]
pub use rayon::ThreadPool;

/// Without the `rayon` feature the library runs on the calling thread; this stand-in keeps the
/// pool's interface so that front ends are written once.
#[cfg(not(feature = "rayon"))]
#[derive(Debug)]
pub struct ThreadPool;

#[cfg(not(feature = "rayon"))]
impl ThreadPool {
    /// Run `f` (on the calling thread).
    pub fn install<R>(&self, f: impl FnOnce() -> R) -> R {
        f()
    }

    /// Always 1.
    pub fn current_num_threads(&self) -> usize {
        1
    }
}

/// A pool of `threads` workers (one per core when `None`). `Err` names a count out of range
/// or a pool the system cannot start. Without the `rayon` feature the count is checked and the
/// work runs on the calling thread.
pub fn thread_pool(threads: Option<usize>) -> Result<ThreadPool, ThreadsError> {
    if let Some(n) = threads {
        check_threads(n).map_err(ThreadsError::Count)?;
    }
    #[cfg(feature = "rayon")]
    {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads.unwrap_or(0))
            .build()
            .map_err(|e| ThreadsError::Start(e.to_string()))
    }
    #[cfg(not(feature = "rayon"))]
    Ok(ThreadPool)
}

/// Why a pool was not built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThreadsError {
    /// The requested count is out of range (bad input).
    Count(ThreadCountError),
    /// The system could not start the threads (its message).
    Start(String),
}

impl fmt::Display for ThreadsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ThreadsError::Count(e) => e.fmt(f),
            ThreadsError::Start(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for ThreadsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ThreadsError::Count(e) => Some(e),
            ThreadsError::Start(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_bounded() {
        assert_eq!(check_threads(4), Ok(4));
        assert_eq!(check_threads(MAX_THREADS), Ok(MAX_THREADS));
        assert_eq!(check_threads(0), Err(ThreadCountError::Zero));
        assert_eq!(
            check_threads(0).unwrap_err().to_string(),
            "at least 1 thread is needed"
        );
        assert_eq!(
            check_threads(257).unwrap_err().to_string(),
            "at most 256 threads (results do not depend on the thread count)"
        );
        assert!(matches!(
            thread_pool(Some(10_000)),
            Err(ThreadsError::Count(ThreadCountError::TooMany(10_000)))
        ));
        let e = thread_pool(Some(0)).unwrap_err();
        assert_eq!(e.to_string(), "at least 1 thread is needed");
        assert_eq!(
            std::error::Error::source(&e).map(|s| s.to_string()),
            Some(e.to_string())
        );
        #[cfg(feature = "rayon")]
        assert_eq!(thread_pool(Some(2)).unwrap().current_num_threads(), 2);
    }
}
