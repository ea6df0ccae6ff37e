//! Waits on a condition with a deadline. The machine running the suite is shared and noisy, so a
//! test never sleeps for a guessed time: it polls for what it needs and fails, naming it, when the
//! deadline passes.

use std::time::{Duration, Instant};

/// How long a wait lasts unless the test says otherwise: generous, because only a broken server
/// ever takes this long, and a busy machine can be slow.
pub const DEADLINE: Duration = Duration::from_secs(30);

/// How often a condition is checked.
const POLL: Duration = Duration::from_millis(50);

/// Waits until `ok` holds; panics naming `what` after [`DEADLINE`].
#[track_caller]
pub fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    wait_until(what, DEADLINE, || ok().then_some(()))
}

/// Waits until `probe` returns a value and returns it; panics naming `what` after `limit`.
#[track_caller]
pub fn wait_until<T>(what: &str, limit: Duration, mut probe: impl FnMut() -> Option<T>) -> T {
    let mut value = None;
    let held = poll(limit, || {
        value = probe();
        value.is_some()
    });
    assert!(held, "timed out after {limit:?} waiting for {what}");
    value.expect("the probe returned a value")
}

/// Waits until `ok` holds or `limit` passes; returns whether it held. For tests whose own
/// assertion afterwards says better what went wrong than "timed out".
pub fn poll(limit: Duration, mut ok: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    loop {
        if ok() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(POLL);
    }
}
