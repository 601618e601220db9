//! Ctrl-C and SIGTERM: one cancel flag for the whole batch.
//!
//! Why a flag and not an exit: files already written must stay whole and the
//! summary must say what was done, so the handler only sets the flag. Files
//! not started are skipped, files in flight stop at their next meter check
//! (see [`crate::work`]) or are abandoned by the batch after
//! [`super::budget::GRACE`], and the command prints its summary and exits.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Install the handler (once per process) and return the flag it sets.
/// Ctrl-C, SIGTERM and SIGHUP all set it. If a handler cannot be installed
/// the batch still runs, only without graceful stopping.
pub fn cancel_flag() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::Relaxed));
    stop
}
