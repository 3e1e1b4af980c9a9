//! Waiting that wakes on release (one server, `Masters::waking`), against real redis-servers: a
//! release hands the lock to the waiters in the order they came, each within a round trip; an
//! expiry or a release that does not wake is noticed at the expiry or within the block cap; a
//! dead waiter delays no one; the BLPOP has its own deadline. Companion keys, keys left and
//! contention, in `wake_keys.rs`.

mod common;

use std::io::Write;
use std::net::TcpStream;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use common::*;
use redislock::lock::scripts;
use redislock::lock::wait::MAX_BLOCK;
use redislock::lock::wake::TICK;
use redislock::lock::{acquire_within, Error, Grant, Masters};

/// A hand-off takes a round trip or two (~1-3 ms); this bound (>= 10x) is still well below a
/// block (MAX_BLOCK), so it tells a wake-up from a block that merely ran out.
const WOKEN: Duration = Duration::from_millis(60);
const LONG: Duration = Duration::from_secs(30);

fn waking(s: &Server, reply_ms: u64) -> Arc<Masters> {
    let m = Masters::new(vec![s.node()], timeouts(reply_ms), false).unwrap();
    Arc::new(m.waking())
}

fn hold(m: &Masters, k: &str, ttl: Duration) -> Grant {
    acquire_within(m, k.as_bytes(), ttl, Duration::ZERO, false)
        .unwrap()
        .expect("free")
}

type Outcome = (Result<Option<Grant>, Error>, Instant);

/// A waiting acquire in its own thread: what it returned, and when.
fn waiter(m: &Arc<Masters>, k: &str, wait: Duration) -> JoinHandle<Outcome> {
    let (m, k) = (m.clone(), k.to_string());
    thread::spawn(move || {
        (
            acquire_within(&m, k.as_bytes(), LONG, wait, false),
            Instant::now(),
        )
    })
}

/// Returns right after a waiter on `k` was refused (its "someone waits" mark was set <= 5 ms
/// ago): its block has MAX_BLOCK - 5 ms or more left, so a release noticed only when that block
/// ends (no wake-up) would take that long, beyond `WOKEN`.
fn just_refused(s: &Server, k: &str) {
    let fresh = scripts::WAITING_TTL_MS.parse::<i64>().unwrap() - 5;
    let mark = scripts::waiting_key(k.as_bytes());
    let mut c = s.client().unwrap();
    let bound = Instant::now() + Duration::from_secs(5);
    while redis::cmd("PTTL").arg(&mark).query::<i64>(&mut c).unwrap() < fresh {
        assert!(Instant::now() < bound, "no waiter was refused");
    }
}

/// Waits (bounded) until `cond` holds.
fn until(what: &str, mut cond: impl FnMut() -> bool) {
    let bound = Instant::now() + Duration::from_secs(5);
    while !cond() {
        assert!(Instant::now() < bound, "never: {what}");
        thread::sleep(Duration::from_millis(1));
    }
}

fn granted(outcome: Outcome) -> (Grant, Instant) {
    (
        outcome.0.unwrap().expect("the waiter gets the lock"),
        outcome.1,
    )
}

// Polling is not FIFO: the same test on a Masters without `.waking()` (not committed) failed
// in 10 of 10 runs ([4, 1, 5, 3, 2], [2, 1, 5, 4, 3], ...): a random pause decides who is next.
// All five wait less than MAX_BLOCK: a waiter whose block runs out blocks again at the back of
// the queue (with the 100 ms MAX_BLOCK of 30dde4d, this test got [2, 4, 5, 1, 3] every time).
#[test]
fn waiters_get_the_lock_in_the_order_they_came() {
    let s = Server::start();
    let m = waking(&s, 1000);
    let k = key("fifo");
    let holder = hold(&m, &k, Duration::from_secs(10));
    let order = Arc::new(Mutex::new(Vec::new()));
    let waiters: Vec<_> = (1..=5)
        .map(|i| {
            let (m, k, order) = (m.clone(), k.clone(), order.clone());
            let h = thread::spawn(move || {
                let wait = Duration::from_secs(10);
                let g = acquire_within(&m, k.as_bytes(), wait, wait, false).unwrap();
                let g = g.expect("every waiter gets the lock");
                order.lock().unwrap().push(i);
                thread::sleep(Duration::from_millis(20));
                assert!(m.release(k.as_bytes(), &g.token).unwrap());
            });
            thread::sleep(Duration::from_millis(30));
            h
        })
        .collect();
    assert!(m.release(k.as_bytes(), &holder.token).unwrap());
    for w in waiters {
        w.join().unwrap();
    }
    assert_eq!(*order.lock().unwrap(), [1, 2, 3, 4, 5]);
}

#[test]
fn a_release_wakes_the_waiter_within_a_round_trip() {
    let s = Server::start();
    let m = waking(&s, 1000);
    let k = key("woken");
    let holder = hold(&m, &k, LONG);
    let w = waiter(&m, &k, Duration::from_secs(5));
    just_refused(&s, &k);
    let released = Instant::now();
    assert!(m.release(k.as_bytes(), &holder.token).unwrap());
    let (grant, at) = granted(w.join().unwrap());
    let took = at - released;
    assert!(took < WOKEN, "woken {took:?} after the release");
    assert_eq!(s.get(&k).as_deref(), Some(grant.token.as_str()));
}

#[test]
fn a_key_that_expires_unreleased_is_taken_at_its_expiry() {
    let s = Server::start();
    let m = waking(&s, 1000);
    let k = key("expiry");
    let ttl = Duration::from_millis(300);
    let took_at = Instant::now();
    hold(&m, &k, ttl); // never released
    let (grant, at) = granted(waiter(&m, &k, Duration::from_secs(5)).join().unwrap());
    let after = at - took_at;
    assert!(after >= ttl, "taken before the expiry: {after:?}");
    assert!(
        after < ttl + WOKEN,
        "taken {after:?} after, for a {ttl:?} TTL"
    );
    assert_eq!(s.get(&k).as_deref(), Some(grant.token.as_str()));
}

#[test]
fn a_waiter_killed_while_blocked_delays_no_one() {
    let s = Server::start();
    let m = waking(&s, 1000);
    let k = key("killed");
    let holder = hold(&m, &k, LONG);
    // The dead waiter blocks first, so it would be served first: a bare BLPOP for 5 s.
    let wake = String::from_utf8(scripts::wake_key(k.as_bytes())).unwrap();
    let mut dead = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    let blpop = format!(
        "*3\r\n$6\r\nCLIENT\r\n$7\r\nSETNAME\r\n$4\r\ndead\r\n*3\r\n$5\r\nBLPOP\r\n${}\r\n{wake}\r\n$1\r\n5\r\n",
        wake.len()
    );
    dead.write_all(blpop.as_bytes()).unwrap();
    until("the dead waiter blocks", || {
        s.info_field("blocked_clients") == 1
    });
    let w = waiter(&m, &k, Duration::from_secs(5));
    until("both block", || s.info_field("blocked_clients") == 2);
    // Killed: its kernel closes the socket, and Redis drops the blocked client when it sees the
    // close (awaited here: a wake-up pushed before that would be lost to it).
    drop(dead);
    let mut c = s.client().unwrap();
    until("Redis saw it go", || {
        let list: String = redis::cmd("CLIENT").arg("LIST").query(&mut c).unwrap();
        !list.contains("name=dead ")
    });
    just_refused(&s, &k);
    let released = Instant::now();
    assert!(m.release(k.as_bytes(), &holder.token).unwrap());
    let (_, at) = granted(w.join().unwrap());
    assert!(at - released < WOKEN, "woken {:?} after", at - released);
}

// The one bound here that is not 10x the expected time: it pins the block cap. The waiter was
// just refused, so its block has nearly MAX_BLOCK left: it notices the DEL only when that ends.
#[test]
fn a_release_that_does_not_wake_is_noticed_within_the_block_cap() {
    let s = Server::start();
    let m = waking(&s, 1000);
    let k = key("nowake");
    hold(&m, &k, LONG);
    let w = waiter(&m, &k, Duration::from_secs(5));
    just_refused(&s, &k);
    let deleted = Instant::now();
    let mut c = s.client().unwrap();
    let _: i64 = redis::cmd("DEL").arg(&k).query(&mut c).unwrap();
    let (_, at) = granted(w.join().unwrap());
    let took = at - deleted;
    // A block runs out after MAX_BLOCK, and Redis ends it at its next tick.
    let cap = MAX_BLOCK + TICK + WOKEN;
    assert!(
        took < cap,
        "noticed {took:?} after a plain DEL (cap {cap:?})"
    );
}

/// Holds a frozen server; resumes it when dropped, even when the test fails.
struct Frozen<'a>(&'a Server);

impl Drop for Frozen<'_> {
    fn drop(&mut self) {
        self.0.thaw();
    }
}

#[test]
fn a_blocked_waiter_on_a_frozen_server_fails_after_block_plus_reply_timeout() {
    let s = Server::start();
    let m = waking(&s, 300);
    let k = key("frozen");
    hold(&m, &k, LONG);
    let w = waiter(&m, &k, Duration::from_secs(60));
    until("the waiter blocks", || s.info_field("blocked_clients") == 1);
    let frozen = Frozen(&s);
    s.freeze();
    let since = Instant::now();
    let (result, at) = w.join().unwrap();
    drop(frozen);
    let err = result.expect_err("a frozen server is an error, not a wait of 60 s");
    assert!(matches!(err, Error::Unavailable { .. }), "{err:?}");
    assert!(err.to_string().contains("no reply within"), "{err}");
    // Expected: at most a block (MAX_BLOCK) + the reply timeout (300 ms); hang bound 10x, far
    // below the 60 s the waiter would wait.
    let bound = (MAX_BLOCK + Duration::from_millis(300)) * 10;
    assert!(at - since < bound, "{:?}", at - since);
}

// Long enough for two blocks that Redis ends on its tick (MAX_BLOCK each): the first is late by
// up to TICK, the second by ~TICK (it began just after a tick). A reply timeout below TICK (any
// redislock.timeout from 1 ms is valid) then turns a healthy block into "no reply within".
#[test]
fn a_block_longer_than_the_reply_timeout_is_not_an_error() {
    let s = Server::start();
    let m = waking(&s, 50);
    let k = key("longblock");
    hold(&m, &k, LONG);
    let wait = (MAX_BLOCK + TICK) * 2 + Duration::from_millis(300);
    let start = Instant::now();
    let (result, at) = waiter(&m, &k, wait).join().unwrap();
    assert!(result.expect("a block is not a timeout").is_none());
    assert!(at - start >= wait);
    assert!(at - start < wait * 10, "hang bound");
}
