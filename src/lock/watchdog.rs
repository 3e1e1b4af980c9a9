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

use std::sync::atomic::{AtomicPtr, Ordering};

use parking_lot::{Condvar, Mutex};

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
}

/// The watchdog's state and locks: one set per process. A fork()ed child never touches its
/// parent's set: the parent's thread, which does not exist in the child, may have been waiting
/// on one of its locks, and parking_lot would hand such a lock to that thread on unlock, so the
/// child would wait for it for ever. The child makes a set of its own at its first use (the
/// parent's is left as it was: a few bytes per fork).
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
    let mut st = sh.state.lock();
    if st.thread.is_none() {
        st.stop = false;
        register_atfork();
        let handle = std::thread::Builder::new()
            .name("redislock-watch".into())
            .stack_size(512 * 1024)
            .spawn(move || run(pid))
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
    let mut st = shared().state.lock();
    let before = st.watched.len();
    st.watched.retain(|w| !(w.key == key && w.token == token));
    before != st.watched.len()
}

/// A watched lock gets a new end: `ttl` from now. Its lease (the TTL its key is set to now)
/// when it is watched; None when it is not.
pub fn extend(key: &[u8], token: &str, ttl: Duration) -> Option<Duration> {
    let pid = current_pid();
    let now = clock::now();
    let mut st = shared().state.lock();
    let w = st
        .watched
        .iter_mut()
        .find(|w| w.pid == pid && w.key == key && w.token == token)?;
    w.until = now.after(ttl);
    Some(w.lease.min(ttl))
}

/// After an extension by the caller: the key certainly lives `ttl` from `start`.
pub fn extended(key: &[u8], token: &str, start: Stamp, ttl: Duration) {
    let mut st = shared().state.lock();
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
    let mut st = shared().state.lock();
    let before = st.watched.len();
    st.watched.retain(|w| w.pid != pid);
    before - st.watched.len()
}

/// Locks this process watches now, renewals done and locks found lost since it started, and
/// whether its thread runs (phpinfo, tests).
pub fn stats() -> (usize, u64, u64, bool) {
    let pid = current_pid();
    let st = shared().state.lock();
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
        let mut st = sh.state.lock();
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
}

fn run(pid: u32) {
    let sh = shared();
    loop {
        let due = {
            let mut st = sh.state.lock();
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
                match st.watched.iter().map(|w| w.next).min() {
                    Some(next) if next <= now => break,
                    Some(next) => {
                        st.sleeping_until = Some(next);
                        sh.wake.wait_for(&mut st, now.until(next));
                    }
                    None => {
                        st.sleeping_until = Some(now.after(Duration::from_secs(86_400 * 365)));
                        sh.wake.wait(&mut st);
                    }
                }
                st.sleeping_until = None;
            }
            let now = clock::now();
            st.watched
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
                    }
                })
                .collect::<Vec<_>>()
        };
        let _round = sh.round.lock();
        for d in due {
            if d.ttl < Duration::from_millis(1) {
                continue;
            }
            let start = clock::now();
            let result = d.masters.renew(&d.key, &d.token, d.ttl);
            let mut st = sh.state.lock();
            let at = st
                .watched
                .iter()
                .position(|w| w.pid == pid && w.key == d.key && w.token == d.token);
            let mut lost = false;
            match (result, at) {
                (Ok(Renewal::Renewed), Some(i)) => {
                    st.renewals += 1;
                    let w = &mut st.watched[i];
                    w.expires = w.expires.max(clock::now().after(d.ttl + drift(d.ttl)));
                }
                (Ok(Renewal::Lost), Some(i)) => {
                    st.watched.swap_remove(i);
                    st.lost += 1;
                    lost = true;
                }
                // Undecided (a server down, frozen, restarting, busy): again soon, while the
                // key may still be ours.
                (Err(_), Some(i)) => {
                    st.watched[i].next = start.after((d.lease / 10).max(Duration::from_millis(1)));
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
    static ONCE: std::sync::Once = std::sync::Once::new();
    /// The set `prepare` locked, for `parent` to unlock.
    static LOCKED: AtomicPtr<Shared> = AtomicPtr::new(std::ptr::null_mut());
    extern "C" fn prepare() {
        let current = SHARED.load(Ordering::Acquire);
        // SAFETY: a leaked Box, never freed.
        let Some(sh) = (unsafe { current.as_ref() }) else {
            return;
        };
        // Only this process's own set: an inherited one may be locked for ever.
        if sh.pid != current_pid() || sh.state.lock().thread.is_none() {
            return;
        }
        std::mem::forget(sh.round.lock());
        std::mem::forget(sh.state.lock());
        LOCKED.store(current, Ordering::Release);
    }
    extern "C" fn parent() {
        let locked = LOCKED.swap(std::ptr::null_mut(), Ordering::AcqRel);
        // SAFETY: locked by `prepare` in this thread, guards forgotten; a leaked Box.
        if let Some(sh) = unsafe { locked.as_ref() } {
            unsafe {
                sh.state.force_unlock();
                sh.round.force_unlock();
            }
        }
    }
    extern "C" fn child() {
        LOCKED.store(std::ptr::null_mut(), Ordering::Release);
    }
    // SAFETY: the handlers only lock and unlock mutexes of ours.
    ONCE.call_once(|| unsafe {
        libc::pthread_atfork(Some(prepare), Some(parent), Some(child));
    });
}
