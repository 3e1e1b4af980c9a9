//! How an acquire that may wait spends its time: a new attempt after a short randomised pause,
//! measured on a monotonic clock; and the retries of a Redlock `lock()`.

use std::time::{Duration, Instant};

use super::error::Error;
use super::redlock::{Attempt, Masters};
use super::wake::{Waiting, TICK};

/// A fresh lock identifier: a UUID v4 from the OS random source, as 32 lowercase hex characters
/// (the shape of the md5 the PHP class made, so CHAR(32) columns keep working).
pub fn new_token() -> String {
    let mut hex = [0u8; uuid::fmt::Simple::LENGTH];
    uuid::Uuid::new_v4()
        .simple()
        .encode_lower(&mut hex)
        .to_string()
}

/// A granted lock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub token: String,
    pub validity: Duration,
    /// The fencing number taken with the lock (a fenced acquire only).
    pub fence: Option<i64>,
}

/// The grant an attempt made with `token` gave, if it gave one.
fn granted(token: String, outcome: Waiting) -> Option<Grant> {
    match outcome {
        Waiting::Granted { validity, fence } => Some(Grant {
            token,
            validity,
            fence,
        }),
        Waiting::Held { .. } => None,
    }
}

/// A plain attempt's outcome in the terms of a waiting one.
fn as_waiting(attempt: Attempt) -> Waiting {
    match attempt {
        Attempt::Granted { validity } => Waiting::Granted {
            validity,
            fence: None,
        },
        Attempt::Busy => Waiting::Held { for_at_most: None },
    }
}

/// A random duration in [lo, hi], from the OS random source (a syscall is nothing beside a sleep).
pub fn jitter(lo: Duration, hi: Duration) -> Duration {
    if hi <= lo {
        return lo;
    }
    let span = (hi - lo).as_micros() as u64;
    let r = (uuid::Uuid::new_v4().as_u128() as u64) % (span + 1);
    lo + Duration::from_micros(r)
}

/// The pause before attempt `n` (1-based) of a waiting acquire: 0.5-1 ms, 1-2 ms, then 2-4 ms,
/// so a freed lock is taken within a few ms while many waiters stay cheap for Redis.
pub fn backoff(attempt: u32) -> Duration {
    let hi = Duration::from_millis(1u64 << attempt.clamp(1, 3).saturating_sub(1))
        .max(Duration::from_millis(1));
    let hi = hi.min(Duration::from_millis(4));
    jitter(hi / 2, hi)
}

/// `RedisLock::acquireLock`: keep trying until `wait` has passed (zero: exactly one attempt).
/// On one server a refused attempt blocks until a release wakes it (see `wake`); with several,
/// short random pauses. `fenced` (one server only): the grant takes the next fencing number.
pub fn acquire_within(
    masters: &Masters,
    key: &[u8],
    ttl: Duration,
    wait: Duration,
    fenced: bool,
) -> Result<Option<Grant>, Error> {
    if fenced && wait.is_zero() {
        let token = new_token();
        let outcome = masters.try_acquire_fenced(key, &token, ttl)?;
        return Ok(granted(token, outcome));
    }
    if fenced || (masters.wakes() && !wait.is_zero()) {
        return acquire_woken(masters, key, ttl, wait, fenced);
    }
    let deadline = Instant::now() + wait;
    let mut attempt = 0;
    loop {
        attempt += 1;
        // A fresh token per attempt: a cleanup of an earlier attempt that a slow master runs
        // late can never delete what a later attempt won there.
        let token = new_token();
        let outcome = as_waiting(masters.try_acquire(key, &token, ttl)?);
        if let Some(grant) = granted(token, outcome) {
            return Ok(Some(grant));
        }
        let now = Instant::now();
        if now >= deadline {
            return Ok(None);
        }
        std::thread::sleep(backoff(attempt).min(deadline - now));
    }
}

/// Longest single block on the wake list: a release that does not wake (the blog-post class
/// during a rolling upgrade, another library) is still noticed this soon (plus `TICK`), or at
/// the holder's expiry if that comes first. Not shorter: a waiter that blocks again goes to the
/// back of Redis's queue, so each re-block costs the arrival order.
pub const MAX_BLOCK: Duration = Duration::from_millis(1000);

/// A waiting acquire on one server: after a refused attempt, block on the wake list until a
/// release pushes a wake-up, the holder's key expires, or `MAX_BLOCK` passes, whichever is
/// first and never past `wait`; then try again.
fn acquire_woken(
    masters: &Masters,
    key: &[u8],
    ttl: Duration,
    wait: Duration,
    fenced: bool,
) -> Result<Option<Grant>, Error> {
    let deadline = Instant::now() + wait;
    // The first attempt marks no waiter: an uncontended acquire costs what it always did.
    let token = new_token();
    let first = if fenced {
        masters.try_acquire_fenced(key, &token, ttl)?
    } else {
        as_waiting(masters.try_acquire(key, &token, ttl)?)
    };
    if let Some(grant) = granted(token, first) {
        return Ok(Some(grant));
    }
    let wake = super::scripts::wake_key(key);
    loop {
        let token = new_token();
        let held_for = match masters.try_acquire_or_wait(key, &token, ttl, fenced)? {
            Waiting::Held { for_at_most } => for_at_most,
            granted_now => return Ok(granted(token, granted_now)),
        };
        if !block_on(masters, &wake, held_for, deadline)? {
            return Ok(None);
        }
    }
}

/// After a refused attempt that said the holder keeps the lock at most `held_for`: false when
/// `deadline` has passed; else blocks on the wake list `list` until a wake-up, the holder's
/// expiry (+1 ms), `MAX_BLOCK` or `deadline`, whichever is first, and returns true (try again).
pub(super) fn block_on(
    masters: &Masters,
    list: &[u8],
    held_for: Option<Duration>,
    deadline: Instant,
) -> Result<bool, Error> {
    let now = Instant::now();
    if now >= deadline {
        return Ok(false);
    }
    // The moment that matters: the holder's expiry (+1 ms), or the caller's deadline.
    let mut end = deadline;
    if let Some(left) = held_for {
        if left.is_zero() {
            return Ok(true); // gone meanwhile: try again at once
        }
        end = end.min(now + left + Duration::from_millis(1));
    }
    // Redis ends a timed-out BLPOP only at its next timer tick (up to `TICK` late): a block
    // that ends near `end` is cut on time by the client (one reconnect); a longer one ends
    // a tick before it, so the server's lateness never delays the next attempt past `end`.
    let left = end - now;
    if left <= MAX_BLOCK + TICK {
        masters.await_list(list, left, true)?;
    } else {
        masters.await_list(list, MAX_BLOCK.min(left - TICK), false)?;
    }
    Ok(true)
}

/// `RedLock::lock`: up to `retry_count` attempts in all, a random [delay/2, delay] apart.
pub fn acquire_with_retries(
    masters: &Masters,
    key: &[u8],
    ttl: Duration,
    retry_count: u32,
    retry_delay: Duration,
) -> Result<Option<Grant>, Error> {
    for attempt in 1..=retry_count.max(1) {
        let token = new_token();
        let outcome = as_waiting(masters.try_acquire(key, &token, ttl)?);
        if let Some(grant) = granted(token, outcome) {
            return Ok(Some(grant));
        }
        if attempt < retry_count {
            std::thread::sleep(jitter(retry_delay / 2, retry_delay));
        }
    }
    Ok(None)
}
