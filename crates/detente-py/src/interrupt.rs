//! Long work off the interpreter: the GIL is released, and Ctrl-C interrupts.
//!
//! The work runs on its own thread, on a rayon pool of the requested size, while the calling
//! thread waits without the GIL and wakes every [`POLL`] to let Python check for signals. On a
//! signal (`KeyboardInterrupt`) the call returns at once with the signal's exception and raises
//! a stop flag; the work stops at its next checkpoint (the end of a Monte Carlo block, or of a
//! block of sweep points) and its partial result is dropped.

use detente::experiment::threads::{ThreadsError, thread_pool};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};
use std::time::Duration;

/// How often the waiting thread checks for signals.
const POLL: Duration = Duration::from_millis(50);

/// The stop flag a running job reads at its checkpoints.
#[derive(Clone, Default)]
pub struct Stop(Arc<AtomicBool>);

/// The unwinding payload of a job stopped at a checkpoint.
struct Stopped;

impl Stop {
    /// Stop here when the caller was interrupted: unwinds to the job's thread, without running
    /// the panic hook (nothing is printed).
    pub fn checkpoint(&self) {
        if self.0.load(Ordering::Relaxed) {
            resume_unwind(Box::new(Stopped));
        }
    }
}

/// Run `work` on `threads` workers (one per core when `None`) with the GIL released; return its
/// value, or the exception of a signal that arrived meanwhile.
pub fn detached<T, F>(py: Python<'_>, threads: Option<usize>, work: F) -> PyResult<T>
where
    T: Send + 'static,
    F: FnOnce(&Stop) -> T + Send + 'static,
{
    let pool = thread_pool(threads).map_err(|e| match e {
        ThreadsError::Count(m) => PyValueError::new_err(format!("threads: {m}")),
        ThreadsError::Start(m) => {
            PyRuntimeError::new_err(format!("cannot start worker threads: {m}"))
        }
    })?;
    let stop = Stop::default();
    let flag = stop.clone();
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("detente-work".into())
        .spawn(move || {
            let outcome = catch_unwind(AssertUnwindSafe(|| pool.install(|| work(&flag))));
            let _ = tx.send(outcome.map_err(|payload| {
                if payload.is::<Stopped>() {
                    None
                } else {
                    Some(panic_message(payload.as_ref()))
                }
            }));
        })
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start a worker thread: {e}")))?;
    // A receiver is not `Sync`; the lock lets the GIL-free wait borrow it.
    let rx = Mutex::new(rx);
    let wait = || match rx.lock() {
        Ok(rx) => rx.recv_timeout(POLL),
        Err(_) => Err(mpsc::RecvTimeoutError::Disconnected),
    };
    loop {
        match py.detach(wait) {
            Ok(Ok(value)) => return Ok(value),
            Ok(Err(Some(message))) => {
                return Err(PyRuntimeError::new_err(format!(
                    "detente failed unexpectedly: {message}"
                )));
            }
            Ok(Err(None)) => return Err(PyRuntimeError::new_err("detente: the run was stopped")),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(PyRuntimeError::new_err("detente: the worker thread ended"));
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if let Err(signal) = py.check_signals() {
                    stop.0.store(true, Ordering::Relaxed);
                    return Err(signal);
                }
            }
        }
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".into())
}
