//! Worker threads: how many a run may start and the one pool builder every front end uses.
//! Results never depend on the thread count (runs are reduced in run order), so the count is
//! only a matter of speed and memory.

/// The most worker threads a run starts. 256 covers the largest common servers; far more
/// threads than cores only cost memory and start-up time.
pub const MAX_THREADS: usize = 256;

/// `Ok(n)` for a thread count from 1 to [`MAX_THREADS`], otherwise why not.
pub fn check_threads(n: usize) -> Result<usize, String> {
    match n {
        0 => Err("at least 1 thread is needed".into()),
        n if n > MAX_THREADS => Err(format!(
            "at most {MAX_THREADS} threads (results do not depend on the thread count)"
        )),
        n => Ok(n),
    }
}

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
    Count(String),
    /// The system could not start the threads.
    Start(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_bounded() {
        assert_eq!(check_threads(4), Ok(4));
        assert_eq!(check_threads(MAX_THREADS), Ok(MAX_THREADS));
        assert!(check_threads(0).is_err());
        assert!(check_threads(257).unwrap_err().contains("at most 256"));
        assert!(matches!(
            thread_pool(Some(10_000)),
            Err(ThreadsError::Count(_))
        ));
        #[cfg(feature = "rayon")]
        assert_eq!(thread_pool(Some(2)).unwrap().current_num_threads(), 2);
    }
}
