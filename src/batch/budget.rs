//! One file's work under a budget the file cannot dodge.
//!
//! Two layers. The file runs on a thread of its own under a
//! [`work`](crate::work) meter, so every stage's `step` calls stop it with a
//! clean `input.too_slow` (or `input.memory_limit`, or `batch.interrupted`)
//! when the deadline passes, the memory cap is passed or the batch is
//! cancelled. And the batch worker only *waits* for that thread, with a
//! timeout: if some loop no meter reaches keeps the file running past the
//! deadline (plus [`GRACE`]), the worker reports `input.too_slow` and moves
//! on, leaving the thread to finish or die with the process. So no input can
//! hold a batch longer than its budget.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::work::{self, Spent, Stopped};

/// How long past the deadline the batch waits for a file's own clean stop
/// before giving up on it. The meter looks at the clock every thousand steps,
/// so a metered file stops well inside this.
pub const GRACE: Duration = Duration::from_millis(250);

/// How often a waiting batch worker looks at the cancel flag.
const POLL: Duration = Duration::from_millis(50);

/// Stack of a file's thread: deep XML and nested tables recurse, so give it
/// the main thread's usual size rather than the 2 MiB spawn default.
const STACK_BYTES: usize = 8 * 1024 * 1024;

/// Default wall-clock budget per file, in seconds (`--timeout`). The corpus
/// files take well under a second each in a release build.
pub const DEFAULT_TIMEOUT_SECS: f64 = 5.0;

/// Heap a file may hold beyond a fixed allowance: this many times its size.
pub use crate::work::MEMORY_PER_INPUT_BYTE;

/// Heap every file may hold whatever its size.
pub const MEMORY_BASE_BYTES: u64 = 160 * 1024 * 1024;

/// The budget of one batch: the per-file timeout and the cancel flag.
#[derive(Debug, Clone)]
pub struct FileBudget {
    /// Wall-clock time per file.
    pub timeout: Duration,
    /// Set by the signal handler to stop the batch.
    pub cancel: Option<Arc<AtomicBool>>,
}

impl Default for FileBudget {
    fn default() -> Self {
        FileBudget {
            timeout: Duration::from_secs_f64(DEFAULT_TIMEOUT_SECS),
            cancel: None,
        }
    }
}

/// The memory cap for an input of `size` bytes.
pub fn memory_cap(size: u64) -> u64 {
    MEMORY_BASE_BYTES.saturating_add(size.saturating_mul(MEMORY_PER_INPUT_BYTE))
}

/// Run `f` (one file's work) on its own thread under the budget; `size` is
/// the input's size, for the memory cap. A panic comes back as
/// `Stopped::Panic`, a spent budget as `Stopped::Spent`.
pub fn run<T, F>(budget: &FileBudget, size: u64, f: F) -> Result<T, Stopped>
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let started = Instant::now();
    let deadline = started + budget.timeout;
    let meter = work::Budget {
        deadline: Some(deadline),
        max_steps: None,
        max_live_bytes: Some(memory_cap(size)),
        cancel: budget.cancel.clone(),
    };
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("docket-file".into())
        .stack_size(STACK_BYTES)
        .spawn(move || {
            let _ = tx.send(work::metered(meter, f));
        });
    if let Err(e) = spawned {
        return Err(Stopped::Panic(format!(
            "cannot start a thread for the file: {e}"
        )));
    }
    let mut cancelled_at: Option<Instant> = None;
    loop {
        match rx.recv_timeout(POLL) {
            Ok(result) => return result,
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                return Err(Stopped::Panic(
                    "the file's thread ended without a result".into(),
                ));
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        let now = Instant::now();
        if now >= deadline + GRACE {
            return Err(Stopped::Spent(Spent::TooSlow));
        }
        if budget
            .cancel
            .as_ref()
            .is_some_and(|c| c.load(Ordering::Relaxed))
        {
            let at = *cancelled_at.get_or_insert(now);
            if now >= at + GRACE {
                return Err(Stopped::Spent(Spent::Cancelled));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(ms: u64) -> FileBudget {
        FileBudget {
            timeout: Duration::from_millis(ms),
            cancel: None,
        }
    }

    #[test]
    fn metered_work_past_the_deadline_is_too_slow() {
        let r: Result<(), _> = run(&budget(20), 0, || {
            loop {
                work::step(1);
            }
        });
        assert!(matches!(r, Err(Stopped::Spent(Spent::TooSlow))));
    }

    #[test]
    fn unmetered_work_is_abandoned_at_the_deadline() {
        // A loop no meter reaches: the batch still does not wait on it.
        let stop = Arc::new(AtomicBool::new(false));
        let s = Arc::clone(&stop);
        let r: Result<(), _> = run(&budget(20), 0, move || {
            while !s.load(Ordering::Relaxed) {
                std::thread::yield_now();
            }
        });
        stop.store(true, Ordering::Relaxed);
        assert!(matches!(r, Err(Stopped::Spent(Spent::TooSlow))));
    }

    #[test]
    fn a_cancelled_batch_stops_the_file() {
        let flag = Arc::new(AtomicBool::new(true));
        let b = FileBudget {
            timeout: Duration::from_secs(600),
            cancel: Some(flag),
        };
        let r: Result<(), _> = run(&b, 0, || {
            loop {
                work::step(1);
            }
        });
        assert!(matches!(r, Err(Stopped::Spent(Spent::Cancelled))));
    }

    #[test]
    fn quick_work_returns_its_value() {
        let r = run(&budget(10_000), 0, || 7);
        assert!(matches!(r, Ok(7)));
    }
}
