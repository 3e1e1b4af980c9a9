//! The watchdog: a lock taken with a lease lives `lease` in Redis, and one background thread per
//! process renews it (compare-and-PEXPIRE) every lease/3 while the process holds it, up to the
//! lock's own TTL in all. A holder that dies stops renewing: its lock is free within one lease.
//!
//! The thread starts at the first lock that needs it (never at module start: PHP-FPM forks its
//! workers after that), uses connections of its own from the pool (never one the PHP thread is
//! blocked on), renews only what this process (pid) watches, and is joined at module shutdown.
//! A renewal never revives: the script extends the key only while it holds our token, and a
//! release stops the watching before it deletes. A fork waits for a renewal round in flight to
//! end (so the child inherits no lock held by this thread); the child renews nothing of its
//! parent's.

use std::sync::Arc;
use std::time::Duration;

use std::cell::RefCell;
use std::sync::atomic::{AtomicPtr, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

use super::clock::{self, Stamp};
use super::error::Error;
use super::pool::current_pid;
use super::redlock::Masters;
use super::release::Renewal;

/// Shortest lease: renewals every few ms are possible, not shorter ones.
pub const MIN_LEASE: Duration = Duration::from_millis(10);

/// The key's TTL and the lease to watch for a lock of `ttl` with the watchdog's `lease` (None:
/// the watchdog is off). A lock that lives no longer than the lease needs no renewal.
pub fn plan(ttl: Duration, lease: Option<Duration>) -> (Duration, Option<Duration>) {
    match lease {
        Some(lease) if ttl > lease => (lease, Some(lease)),
        _ => (ttl, None),
    }
}

struct Watched {
    masters: Arc<Masters>,
    key: Vec<u8>,
    token: String,
    lease: Duration,
    /// The lock's own end (acquire or extendLock + its TTL): never renewed past it.
    until: Stamp,
    /// Next renewal.
    next: Stamp,
    /// When the key has certainly expired if no renewal succeeded since (then it is lost).
    expires: Stamp,
    pid: u32,
    /// Moves on with every `extend`: a renewal computed before it is done again.
    generation: u64,
    /// The last renewal failed (renewed after the healthy ones in a round).
    failing: bool,
}

struct Thread {
    pid: u32,
    handle: std::thread::JoinHandle<()>,
}

struct State {
    watched: Vec<Watched>,
    /// Until when the thread sleeps (None: it is renewing, and looks again after that): a new
    /// lock wakes it only when it is due earlier.
    sleeping_until: Option<Stamp>,
    stop: bool,
    thread: Option<Thread>,
    renewals: u64,
    lost: u64,
    panics: u64,
}

/// The watchdog's state and locks: one set per process. A fork()ed child never touches its
/// parent's set: the parent's thread, which does not exist in the child, may have been waiting
/// on one of its locks. The child makes a set of its own at its first use (the parent's is left
/// as it was: a few bytes per fork). These are std's futex-based locks, not parking_lot's: a
/// thread waiting on them leaves nothing in a process-wide table that a child would inherit
/// pointing at a thread it does not have (parking_lot keeps such a table).
struct Shared {
    pid: u32,
    state: Mutex<State>,
    wake: Condvar,
    /// Held by the thread for each renewal round, and by a fork until it is done (see
    /// `register_atfork`).
    round: Mutex<()>,
}

static SHARED: AtomicPtr<Shared> = AtomicPtr::new(std::ptr::null_mut());

/// This process's set (made at the first use in this process).
fn shared() -> &'static Shared {
    let pid = current_pid();
    let current = SHARED.load(Ordering::Acquire);
    // SAFETY: every pointer stored is a leaked Box, never freed.
    if let Some(s) = unsafe { current.as_ref() } {
        if s.pid == pid {
            return s;
        }
    }
    let new: &'static Shared = Box::leak(Box::new(Shared {
        pid,
        state: Mutex::new(State {
            watched: Vec::new(),
            sleeping_until: None,
            stop: false,
            thread: None,
            renewals: 0,
            lost: 0,
            panics: 0,
        }),
        wake: Condvar::new(),
        round: Mutex::new(()),
    }));
    let new_ptr = new as *const Shared as *mut Shared;
    match SHARED.compare_exchange(current, new_ptr, Ordering::AcqRel, Ordering::Acquire) {
        Ok(_) => new,
        // SAFETY: as above; another thread of this process installed its set first.
        Err(other) => unsafe { &*other },
    }
}

/// A lock of the set, whatever a panic elsewhere left in it.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Clock drift allowed between this host and Redis when deciding a key has certainly expired.
fn drift(ttl: Duration) -> Duration {
    ttl / 100 + Duration::from_millis(2)
}

/// Renews this lock until `unwatch`, the process ends, or `ttl` from now has passed. Starts the
/// thread if this process has none. An error when the thread cannot be started (the caller
/// then releases the lock: nobody would renew it).
pub fn watch(
    masters: Arc<Masters>,
    key: &[u8],
    token: &str,
    lease: Duration,
    ttl: Duration,
) -> Result<(), Error> {
    let pid = current_pid();
    let now = clock::now();
    let sh = shared();
    let mut st = lock(&sh.state);
    if st.thread.is_none() {
        st.stop = false;
        register_atfork();
        let handle = std::thread::Builder::new()
            .name("redislock-watch".into())
            .stack_size(512 * 1024)
            .spawn(move || {
                // A panic must not leave a thread that is gone but counted as running: the
                // next lock starts a new one.
                if std::panic::catch_unwind(|| run(pid)).is_err() {
                    let mut st = lock(&shared().state);
                    st.thread = None;
                    st.panics += 1;
                }
            })
            .map_err(|e| Error::Config(format!("cannot start the watchdog thread: {e}")))?;
        st.thread = Some(Thread { pid, handle });
    }
    let next = now.after(lease / 3);
    st.watched.push(Watched {
        masters,
        key: key.to_vec(),
        token: token.to_string(),
        lease,
        until: now.after(ttl),
        next,
        expires: now.after(lease + drift(lease)),
        pid,
        generation: 0,
        failing: false,
    });
    // Woken only when this lock is due before the thread would look again anyway: a lock
    // taken and released within a third of a lease costs the thread nothing.
    let wake = st.sleeping_until.is_some_and(|until| next < until);
    drop(st);
    if wake {
        sh.wake.notify_one();
    }
    Ok(())
}

/// Stops renewing this lock (before its release). True when it was watched.
pub fn unwatch(key: &[u8], token: &str) -> bool {
    let mut st = lock(&shared().state);
    let before = st.watched.len();
    st.watched.retain(|w| !(w.key == key && w.token == token));
    before != st.watched.len()
}

/// A watched lock gets a new end: `ttl` from now. Its lease (the TTL its key is set to now)
/// when it is watched; None when it is not.
pub fn extend(key: &[u8], token: &str, ttl: Duration) -> Option<Duration> {
    let pid = current_pid();
    let now = clock::now();
    let mut st = lock(&shared().state);
    let w = st
        .watched
        .iter_mut()
        .find(|w| w.pid == pid && w.key == key && w.token == token)?;
    w.until = now.after(ttl);
    w.generation += 1;
    Some(w.lease.min(ttl))
}

/// After an extension by the caller: the key certainly lives `ttl` from `start`.
pub fn extended(key: &[u8], token: &str, start: Stamp, ttl: Duration) {
    let mut st = lock(&shared().state);
    if let Some(w) = st
        .watched
        .iter_mut()
        .find(|w| w.key == key && w.token == token)
    {
        w.expires = w.expires.max(clock::now().after(ttl + drift(ttl)));
        w.next = start.after(ttl / 3);
    }
}

/// Stops renewing every lock of this process (request end: nobody can release them any more;
/// they expire within one lease).
pub fn unwatch_all() -> usize {
    let pid = current_pid();
    let mut st = lock(&shared().state);
    let before = st.watched.len();
    st.watched.retain(|w| w.pid != pid);
    before - st.watched.len()
}

/// Locks this process watches now, renewals done and locks found lost since it started, and
/// whether its thread runs (phpinfo, tests).
pub fn stats() -> (usize, u64, u64, bool) {
    let pid = current_pid();
    let st = lock(&shared().state);
    (
        st.watched.iter().filter(|w| w.pid == pid).count(),
        st.renewals,
        st.lost,
        st.thread.as_ref().is_some_and(|t| t.pid == pid),
    )
}

/// Module shutdown: stops the thread and waits for it (it may be in a renewal round, which its
/// timeouts bound), so no code of this library runs after it is unloaded.
pub fn shutdown() {
    let sh = shared();
    let thread = {
        let mut st = lock(&sh.state);
        st.stop = true;
        st.watched.clear();
        st.thread.take()
    };
    sh.wake.notify_all();
    if let Some(t) = thread {
        let _ = t.handle.join();
    }
}

/// One renewal to do: what, and the TTL to set.
struct Due {
    masters: Arc<Masters>,
    key: Vec<u8>,
    token: String,
    lease: Duration,
    ttl: Duration,
    generation: u64,
    failing: bool,
}

fn run(pid: u32) {
    let sh = shared();
    loop {
        let due = {
            let mut st = lock(&sh.state);
            loop {
                if st.stop {
                    return;
                }
                let now = clock::now();
                // Past its end (the key expires on its own), or its key has certainly expired
                // (renewals failed for a whole lease: lost).
                let expired = st
                    .watched
                    .iter()
                    .filter(|w| w.pid == pid && w.until > now && w.expires <= now)
                    .count() as u64;
                st.lost += expired;
                st.watched
                    .retain(|w| w.pid == pid && w.until > now && w.expires > now);
                let wait = match st.watched.iter().map(|w| w.next).min() {
                    Some(next) if next <= now => break,
                    Some(next) => {
                        st.sleeping_until = Some(next);
                        now.until(next)
                    }
                    None => {
                        let idle = Duration::from_secs(3600);
                        st.sleeping_until = Some(now.after(idle));
                        idle
                    }
                };
                st = sh
                    .wake
                    .wait_timeout(st, wait)
                    .unwrap_or_else(|e| e.into_inner())
                    .0;
                st.sleeping_until = None;
            }
            let now = clock::now();
            let mut due = st
                .watched
                .iter_mut()
                .filter(|w| w.next <= now)
                .map(|w| {
                    // Provisional: a failed renewal retries sooner (below).
                    w.next = now.after(w.lease / 3);
                    Due {
                        masters: w.masters.clone(),
                        key: w.key.clone(),
                        token: w.token.clone(),
                        lease: w.lease,
                        ttl: w.lease.min(now.until(w.until)),
                        generation: w.generation,
                        failing: w.failing,
                    }
                })
                .collect::<Vec<_>>();
            // Healthy locks first: a server that is down costs its (capped) timeout only after
            // the others are renewed.
            due.sort_by_key(|d| d.failing);
            due
        };
        let _round = lock(&sh.round);
        for d in due {
            if d.ttl < Duration::from_millis(1) {
                continue;
            }
            let start = clock::now();
            let result = d.masters.renew(&d.key, &d.token, d.ttl);
            let mut st = lock(&sh.state);
            let at = st
                .watched
                .iter()
                .position(|w| w.pid == pid && w.key == d.key && w.token == d.token);
            let mut lost = false;
            match (result, at) {
                (Ok(Renewal::Renewed), Some(i)) => {
                    st.renewals += 1;
                    let w = &mut st.watched[i];
                    w.failing = false;
                    w.expires = w.expires.max(clock::now().after(d.ttl + drift(d.ttl)));
                    if w.generation != d.generation {
                        // extendLock() moved its end while this renewal (with the old TTL) was
                        // on its way: set the new one now.
                        w.next = clock::now();
                    }
                }
                (Ok(Renewal::Lost), Some(i)) => {
                    st.watched.swap_remove(i);
                    st.lost += 1;
                    lost = true;
                }
                // Undecided (a server down, frozen, restarting, busy): again soon, while the
                // key may still be ours.
                (Err(_), Some(i)) => {
                    let w = &mut st.watched[i];
                    w.failing = true;
                    w.next = start.after((d.lease / 10).max(Duration::from_millis(1)));
                }
                // Released (or its request ended) meanwhile: nothing more to do.
                (_, None) => {}
            }
            let stop = st.stop;
            drop(st);
            if lost {
                // With a quorum, masters where it is still ours would keep it up to a lease.
                let _ = d.masters.release(&d.key, &d.token);
            }
            if stop {
                return;
            }
        }
    }
}

/// A fork waits until no renewal round is in flight and keeps the thread from starting one,
/// so the child inherits none of the locks a round takes (the pool's, the identity table's)
/// held by a thread it does not have. The parent unlocks afterwards; the child leaves this
/// set alone for good (see `Shared`).
fn register_atfork() {
    type Held = (MutexGuard<'static, ()>, MutexGuard<'static, State>);
    thread_local! {
        /// The guards `prepare` took, for `parent` to drop (the same thread runs both).
        static LOCKED: RefCell<Option<Held>> = const { RefCell::new(None) };
    }
    static ONCE: std::sync::Once = std::sync::Once::new();
    extern "C" fn prepare() {
        // SAFETY: a leaked Box, never freed.
        let Some(sh) = (unsafe { SHARED.load(Ordering::Acquire).as_ref() }) else {
            return;
        };
        // Only this process's own set, and only while it has a thread.
        if sh.pid != current_pid() || lock(&sh.state).thread.is_none() {
            return;
        }
        let round = lock(&sh.round);
        let state = lock(&sh.state);
        LOCKED.with(|l| *l.borrow_mut() = Some((round, state)));
    }
    extern "C" fn parent() {
        LOCKED.with(|l| drop(l.borrow_mut().take()));
    }
    extern "C" fn child() {
        // The child never unlocks its parent's set: it makes its own.
        LOCKED.with(|l| std::mem::forget(l.borrow_mut().take()));
    }
    // SAFETY: the handlers only lock and unlock mutexes of ours.
    ONCE.call_once(|| unsafe {
        libc::pthread_atfork(Some(prepare), Some(parent), Some(child));
    });
}
