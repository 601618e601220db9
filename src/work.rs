//! The work meter: a per-thread step count, deadline, memory count and
//! cancellation flag that every stage checks as it goes.
//!
//! Why a meter every stage can reach, and not one more `Limits` field: a
//! hostile file finds the one loop no per-reader limit covers (a CMap range,
//! a quadratic scan in a text reader, a table rebuild), so the budget has to
//! be a property of the *thread* doing the file. Stages call [`step`] in
//! their loops; when the file's budget is spent (deadline passed, step cap
//! reached, memory cap passed, or the batch cancelled) `step` unwinds the
//! thread with a [`Spent`] payload through `resume_unwind`, which skips the
//! panic hook (nothing printed) and is caught by [`metered`], so no stage has
//! to thread a `Result` through code that cannot otherwise fail. Without a
//! meter installed (library use, tests) `step` only counts.
//!
//! The steps are also the unit the growth tests count: "a text of 2n bytes
//! costs about twice the steps of n" is checked by counting, never timing.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::{Cell, RefCell};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// How many steps pass between two looks at the clock and the flags. A step
/// is a few nanoseconds of work; 1,024 of them keep the clock's cost small
/// and the reaction well under a millisecond.
const CHECK_EVERY: u64 = 1_024;

/// Heap a file may hold per byte of its input, and per byte its readers
/// inflate from it (see [`grant_input`]), beyond a fixed allowance. Why 64:
/// an honest tab-separated export of 5 MB (50,000 rows) peaks at 316 MiB
/// (its model, its actions and a 57 MB document), and at 8 it was refused
/// with `input.memory_limit`. The cap is a guard against runaway work, not
/// the target: damaged inputs are measured against 256 MiB by the campaign.
pub const MEMORY_PER_INPUT_BYTE: u64 = 64;

/// Why a file's work was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spent {
    /// The wall-clock deadline passed or the step cap was reached.
    TooSlow,
    /// The live memory of the file's thread passed its cap.
    Memory,
    /// The batch was cancelled (Ctrl-C, SIGTERM).
    Cancelled,
}

/// A budget for one unit of work (one file).
#[derive(Debug, Clone, Default)]
pub struct Budget {
    /// Stop when this instant has passed.
    pub deadline: Option<Instant>,
    /// Stop after this many steps (deterministic; used by tests and fuzzing).
    pub max_steps: Option<u64>,
    /// Stop when the thread's live heap passes this many bytes (counted only
    /// when [`CountingAlloc`] is the global allocator).
    pub max_live_bytes: Option<u64>,
    /// Stop when this flag is set.
    pub cancel: Option<Arc<AtomicBool>>,
}

struct Meter {
    budget: Budget,
}

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
    /// The step count at which [`step`] next looks at the budget; never
    /// while no meter is installed.
    static NEXT_CHECK: Cell<u64> = const { Cell::new(u64::MAX) };
    static METER: RefCell<Option<Meter>> = const { RefCell::new(None) };
    /// Heap bytes allocated minus freed on this thread (see [`CountingAlloc`]).
    static LIVE: Cell<i64> = const { Cell::new(0) };
    /// The metered file's cap on [`LIVE`]: the allocator brings the next
    /// look at the budget forward when an allocation passes it.
    static LIVE_CAP: Cell<i64> = const { Cell::new(i64::MAX) };
    /// Heap bytes allocated on this thread, ever (frees not taken off): a
    /// stage that copies its whole input per line shows here as n^2.
    static ALLOCATED: Cell<u64> = const { Cell::new(0) };
    /// The highest [`LIVE`] since the last [`reset_peak`].
    static PEAK: Cell<i64> = const { Cell::new(0) };
}

/// Count `n` units of work; unwinds with [`Spent`] when the budget is spent.
#[inline]
pub fn step(n: u64) {
    let steps = STEPS.with(|s| {
        let v = s.get().wrapping_add(n);
        s.set(v);
        v
    });
    if steps >= NEXT_CHECK.with(Cell::get) {
        check(steps);
    }
}

/// Steps counted on this thread so far.
pub fn steps() -> u64 {
    STEPS.with(Cell::get)
}

/// Live heap bytes of this thread (0 unless [`CountingAlloc`] is installed).
pub fn live_bytes() -> i64 {
    LIVE.with(Cell::get)
}

/// The most heap this thread held since the last [`reset_peak`] (0 unless
/// [`CountingAlloc`] is installed): what the memory tests compare.
pub fn peak_bytes() -> i64 {
    PEAK.with(Cell::get)
}

/// Heap bytes allocated on this thread so far, frees not taken off (0
/// unless [`CountingAlloc`] is installed).
pub fn allocated_bytes() -> u64 {
    ALLOCATED.with(Cell::get)
}

/// Start a new peak from the heap held now.
pub fn reset_peak() {
    PEAK.with(|p| p.set(live_bytes()));
}

fn check(steps: u64) {
    let spent = METER.with(|m| {
        let mut m = m.borrow_mut();
        let meter = m.as_mut()?;
        NEXT_CHECK.with(|c| c.set(steps.saturating_add(CHECK_EVERY)));
        let b = &meter.budget;
        if b.cancel.as_ref().is_some_and(|c| c.load(Ordering::Relaxed)) {
            return Some(Spent::Cancelled);
        }
        if b.max_steps.is_some_and(|max| steps > max)
            || b.deadline.is_some_and(|d| Instant::now() >= d)
        {
            return Some(Spent::TooSlow);
        }
        if b.max_live_bytes
            .is_some_and(|max| live_bytes() > i64::try_from(max).unwrap_or(i64::MAX))
        {
            return Some(Spent::Memory);
        }
        None
    });
    if let Some(s) = spent {
        std::panic::resume_unwind(Box::new(s));
    }
}

/// Raise the running file's memory cap by [`MEMORY_PER_INPUT_BYTE`] per
/// byte of `bytes`: what a reader inflated from a compressed input (a zip
/// part). Why: the cap is set from the file's size, and a DOCX's XML is
/// ~35 times its zip, so a large honest document would be refused; the
/// inflation itself is bounded by the readers' decompression limits, so a
/// bomb cannot grant itself more than those allow.
pub fn grant_input(bytes: u64) {
    METER.with(|m| {
        let mut m = m.borrow_mut();
        let Some(max) = m.as_mut().and_then(|m| m.budget.max_live_bytes.as_mut()) else {
            return;
        };
        *max = max.saturating_add(bytes.saturating_mul(MEMORY_PER_INPUT_BYTE));
        LIVE_CAP.with(|c| c.set(i64::try_from(*max).unwrap_or(i64::MAX)));
    });
}

/// What [`metered`] gives back when `f` did not return.
#[derive(Debug)]
pub enum Stopped {
    Spent(Spent),
    /// A real panic (a bug), with its message.
    Panic(String),
}

/// Run `f` on this thread under `budget`, counting steps from zero; a spent
/// budget or a panic comes back as [`Stopped`]. The meter is removed again
/// afterwards, however `f` ends.
pub fn metered<T>(budget: Budget, f: impl FnOnce() -> T) -> Result<T, Stopped> {
    STEPS.with(|s| s.set(0));
    let start_live = live_bytes();
    // The cap counts what this file allocates, not what the thread held
    // before it.
    let max_live_bytes = budget
        .max_live_bytes
        .map(|b| b.saturating_add(start_live.max(0) as u64));
    LIVE_CAP
        .with(|c| c.set(max_live_bytes.map_or(i64::MAX, |b| i64::try_from(b).unwrap_or(i64::MAX))));
    METER.with(|m| {
        *m.borrow_mut() = Some(Meter {
            budget: Budget {
                max_live_bytes,
                ..budget
            },
        })
    });
    NEXT_CHECK.with(|c| c.set(0));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    METER.with(|m| *m.borrow_mut() = None);
    LIVE_CAP.with(|c| c.set(i64::MAX));
    NEXT_CHECK.with(|c| c.set(u64::MAX));
    result.map_err(|p| match p.downcast_ref::<Spent>() {
        Some(s) => Stopped::Spent(*s),
        None => Stopped::Panic(panic_message(&*p)),
    })
}

thread_local! {
    /// Set while [`isolate`] runs: a panic on this thread is a library's
    /// failure on a bad input, reported as the reader's coded error, so the
    /// panic hook keeps quiet about it.
    static ISOLATED: Cell<bool> = const { Cell::new(false) };
}

/// Run third-party parsing code (lopdf, calamine) that may panic on a
/// damaged file: a panic comes back as `Err` with its message, for the
/// reader to turn into its `*.malformed` error, and prints nothing. A spent
/// budget ([`Spent`]) is not the library's failure and keeps unwinding to
/// [`metered`], so a slow or cancelled file is still reported as such.
pub fn isolate<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    static QUIET_HOOK: std::sync::Once = std::sync::Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !ISOLATED.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = ISOLATED.with(|q| q.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    ISOLATED.with(|q| q.set(was));
    result.map_err(|p| {
        if p.downcast_ref::<Spent>().is_some() {
            std::panic::resume_unwind(p);
        }
        panic_message(&*p)
    })
}

/// A panic payload's message (`panic!` gives a `&str` or a `String`).
fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}

/// Run `f` and return its value with the steps it counted (for growth tests).
pub fn count<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let before = steps();
    let v = f();
    (v, steps().wrapping_sub(before))
}

/// The system allocator, counting each thread's live heap bytes so a
/// metered file can be stopped when it holds too much. Install it with
/// `#[global_allocator]` in a binary; the cost is one thread-local add per
/// allocation.
pub struct CountingAlloc;

fn add_live(delta: i64) {
    // `try_with`: during thread teardown the slot may be gone.
    let _ = LIVE.try_with(|l| {
        let v = l.get().wrapping_add(delta);
        l.set(v);
        if delta > 0 {
            let _ = ALLOCATED.try_with(|a| a.set(a.get().wrapping_add(delta as u64)));
            let _ = PEAK.try_with(|p| p.set(p.get().max(v)));
            // Over the cap: the very next `step` looks at the budget, not
            // the one a thousand steps on (an allocator cannot unwind).
            if LIVE_CAP.try_with(|c| v > c.get()).unwrap_or(false) {
                let _ = NEXT_CHECK.try_with(|n| n.set(0));
            }
        }
    });
}

// SAFETY: every call is forwarded unchanged to `System`; the counting only
// touches a const-initialised thread-local `Cell` that never allocates.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        add_live(layout.size() as i64);
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        add_live(-(layout.size() as i64));
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        add_live(layout.size() as i64);
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        add_live(new_size as i64 - layout.size() as i64);
        // SAFETY: forwarded unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_meter_steps_only_count() {
        let ((), n) = count(|| {
            for _ in 0..5_000 {
                step(1);
            }
        });
        assert_eq!(n, 5_000);
    }

    #[test]
    fn an_isolated_panic_comes_back_as_its_message() {
        let r: Result<(), String> = isolate(|| panic!("record too short"));
        assert_eq!(r.unwrap_err(), "record too short");
        assert_eq!(isolate(|| 7), Ok(7));
    }

    #[test]
    fn a_spent_budget_unwinds_through_isolation() {
        // A reader that isolates its library must not report a spent
        // budget as a damaged file: the file is too slow, not malformed.
        let r = metered(
            Budget {
                max_steps: Some(100),
                ..Budget::default()
            },
            || {
                isolate(|| {
                    loop {
                        step(1);
                    }
                })
            },
        );
        assert!(matches!(r, Err(Stopped::Spent(Spent::TooSlow))), "{r:?}");
    }

    #[test]
    fn a_step_cap_stops_the_work() {
        let r = metered(
            Budget {
                max_steps: Some(10_000),
                ..Budget::default()
            },
            || loop {
                step(1);
            },
        );
        assert!(matches!(r, Err(Stopped::Spent(Spent::TooSlow))));
        // The meter is gone afterwards: counting goes on without stopping.
        for _ in 0..20_000 {
            step(1);
        }
    }

    #[test]
    fn a_passed_deadline_stops_the_work() {
        let r = metered(
            Budget {
                deadline: Some(Instant::now()),
                ..Budget::default()
            },
            || loop {
                step(1);
            },
        );
        assert!(matches!(r, Err(Stopped::Spent(Spent::TooSlow))));
    }

    #[test]
    fn a_set_flag_cancels() {
        let flag = Arc::new(AtomicBool::new(true));
        let r = metered(
            Budget {
                cancel: Some(flag),
                ..Budget::default()
            },
            || loop {
                step(7);
            },
        );
        assert!(matches!(r, Err(Stopped::Spent(Spent::Cancelled))));
    }

    #[test]
    fn an_allocation_over_the_cap_stops_the_work_at_the_next_step() {
        // Issue 20: the cap was looked at only every thousand steps, so a
        // stage that allocates much and steps little ran far past it.
        let r = metered(
            Budget {
                max_live_bytes: Some(1 << 20),
                ..Budget::default()
            },
            || {
                step(1);
                let big = vec![1u8; 64 << 20];
                step(1);
                big.len()
            },
        );
        assert!(matches!(r, Err(Stopped::Spent(Spent::Memory))), "{r:?}");
        // Under the cap, allocating and stepping goes on.
        let r = metered(
            Budget {
                max_live_bytes: Some(256 << 20),
                ..Budget::default()
            },
            || {
                step(1);
                let big = vec![1u8; 64 << 20];
                step(1);
                big.len()
            },
        );
        assert!(matches!(r, Ok(n) if n == 64 << 20));
    }

    #[test]
    fn inflated_input_raises_the_cap() {
        let run = |granted: u64| {
            metered(
                Budget {
                    max_live_bytes: Some(1 << 20),
                    ..Budget::default()
                },
                move || {
                    grant_input(granted);
                    let big = vec![1u8; 32 << 20];
                    step(1);
                    big.len()
                },
            )
        };
        assert!(matches!(run(0), Err(Stopped::Spent(Spent::Memory))));
        assert!(run(8 << 20).is_ok());
        // Without a meter, nothing to raise.
        grant_input(1 << 30);
    }

    #[test]
    fn a_panic_is_reported_as_such() {
        let r: Result<(), _> = metered(Budget::default(), || panic!("boom"));
        assert!(matches!(r, Err(Stopped::Panic(m)) if m == "boom"));
    }

    #[test]
    fn work_within_the_budget_returns_its_value() {
        let r = metered(
            Budget {
                max_steps: Some(1_000_000),
                ..Budget::default()
            },
            || {
                step(10);
                42
            },
        );
        assert!(matches!(r, Ok(42)));
    }
}
