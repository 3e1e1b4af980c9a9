//! One server (the `RedisLock` face): the core against a real redis-server. The lock itself here
//! (token and TTL, busy, expiry, waiting, EVAL fallback, extend, contending threads); its
//! connections in `single_connection.rs`.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::*;
use redislock::lock::scripts::{EXTEND_SCRIPT, EXTEND_SHA, RELEASE_SCRIPT, RELEASE_SHA};
use redislock::lock::{acquire_within, Attempt};

const TTL: Duration = Duration::from_secs(20);

#[test]
fn script_hashes_match_what_redis_computes() {
    use redislock::lock::scripts::{
        ACQUIRE_WAIT_FENCED_SCRIPT, ACQUIRE_WAIT_FENCED_SHA, ACQUIRE_WAIT_SCRIPT, ACQUIRE_WAIT_SHA,
        FENCED_ACQUIRE_SCRIPT, FENCED_ACQUIRE_SHA, RELEASE_WAKE_SCRIPT, RELEASE_WAKE_SHA,
    };
    let s = Server::start();
    let mut c = s.client().unwrap();
    for (script, expected) in [
        (RELEASE_SCRIPT, RELEASE_SHA),
        (EXTEND_SCRIPT, EXTEND_SHA),
        (ACQUIRE_WAIT_SCRIPT, ACQUIRE_WAIT_SHA),
        (RELEASE_WAKE_SCRIPT, RELEASE_WAKE_SHA),
        (FENCED_ACQUIRE_SCRIPT, FENCED_ACQUIRE_SHA),
        (ACQUIRE_WAIT_FENCED_SCRIPT, ACQUIRE_WAIT_FENCED_SHA),
    ] {
        let sha: String = redis::cmd("SCRIPT")
            .arg("LOAD")
            .arg(script)
            .query(&mut c)
            .unwrap();
        assert_eq!(sha, expected);
    }
}

#[test]
fn acquire_sets_token_with_ttl_and_release_deletes_it() {
    let s = Server::start();
    let m = single(&s);
    let k = key("roundtrip");
    let grant = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
        .unwrap()
        .expect("granted");
    assert_eq!(grant.token.len(), 32);
    assert!(grant
        .token
        .chars()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_eq!(s.get(&k).as_deref(), Some(grant.token.as_str()));
    let pttl = s.pttl(&k);
    assert!(pttl > 19_000 && pttl <= 20_000, "pttl {pttl}");
    assert!(m.release(k.as_bytes(), &grant.token).unwrap());
    assert_eq!(s.get(&k), None);
    assert!(
        !m.release(k.as_bytes(), &grant.token).unwrap(),
        "second release is false"
    );
}

#[test]
fn held_lock_is_busy_and_forged_token_cannot_release() {
    let s = Server::start();
    let m = single(&s);
    let k = key("held");
    let grant = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
        .unwrap()
        .unwrap();
    assert_eq!(
        m.try_acquire(k.as_bytes(), "someoneelse", TTL).unwrap(),
        Attempt::Busy
    );
    assert!(!m
        .release(k.as_bytes(), "0123456789abcdef0123456789abcdef")
        .unwrap());
    assert_eq!(s.get(&k).as_deref(), Some(grant.token.as_str()));
}

#[test]
fn lock_can_be_taken_after_its_ttl() {
    let s = Server::start();
    let m = single(&s);
    let k = key("ttl");
    let first = acquire_within(
        &m,
        k.as_bytes(),
        Duration::from_millis(200),
        Duration::ZERO,
        false,
    )
    .unwrap()
    .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let second = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
        .unwrap()
        .expect("expired lock is free");
    assert_ne!(first.token, second.token);
    assert_eq!(s.get(&k).as_deref(), Some(second.token.as_str()));
}

#[test]
fn waiting_acquire_gets_the_lock_soon_after_release() {
    let s = Server::start();
    let m = Arc::new(single(&s));
    let k = key("wait");
    let holder = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
        .unwrap()
        .unwrap();
    let (m2, k2) = (m.clone(), k.clone());
    let waiter = std::thread::spawn(move || {
        let t = Instant::now();
        let g = acquire_within(&m2, k2.as_bytes(), TTL, Duration::from_secs(5), false).unwrap();
        (g, t.elapsed())
    });
    std::thread::sleep(Duration::from_millis(300));
    let released_at = Instant::now();
    assert!(m.release(k.as_bytes(), &holder.token).unwrap());
    let (grant, waited) = waiter.join().unwrap();
    let grant = grant.expect("waiter gets the lock");
    assert!(
        waited >= Duration::from_millis(290),
        "it really waited: {waited:?}"
    );
    assert!(released_at.elapsed() < Duration::from_secs(5), "hang bound");
    assert_eq!(s.get(&k).as_deref(), Some(grant.token.as_str()));
}

#[test]
fn waiting_acquire_gives_up_after_acquire_time() {
    let s = Server::start();
    let m = single(&s);
    let k = key("giveup");
    acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
        .unwrap()
        .unwrap();
    let t = Instant::now();
    let g = acquire_within(&m, k.as_bytes(), TTL, Duration::from_millis(500), false).unwrap();
    assert!(g.is_none());
    assert!(
        t.elapsed() >= Duration::from_millis(500),
        "measured on a monotonic clock"
    );
    assert!(t.elapsed() < Duration::from_secs(5), "hang bound");
}

#[test]
fn zero_acquire_time_makes_exactly_one_attempt() {
    let s = Server::start();
    let m = single(&s);
    let k = key("once");
    acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
        .unwrap()
        .unwrap();
    let before = s.info_field("cmdstat_set");
    assert!(acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
        .unwrap()
        .is_none());
    assert_eq!(s.info_field("cmdstat_set") - before, 1);
}

#[test]
fn release_falls_back_to_eval_after_script_flush() {
    let s = Server::start();
    let m = single(&s);
    let k = key("noscript");
    let g = acquire_within(&m, k.as_bytes(), TTL, Duration::ZERO, false)
        .unwrap()
        .unwrap();
    let mut c = s.client().unwrap();
    let _: () = redis::cmd("SCRIPT").arg("FLUSH").query(&mut c).unwrap();
    assert!(m.release(k.as_bytes(), &g.token).unwrap());
    assert_eq!(s.get(&k), None);
}

#[test]
fn extend_renews_own_lock_only() {
    let s = Server::start();
    let m = single(&s);
    let k = key("extend");
    let g = acquire_within(
        &m,
        k.as_bytes(),
        Duration::from_secs(2),
        Duration::ZERO,
        false,
    )
    .unwrap()
    .unwrap();
    let v = m
        .extend(k.as_bytes(), &g.token, Duration::from_secs(30))
        .unwrap();
    assert!(v.is_some());
    assert!(s.pttl(&k) > 20_000);
    assert_eq!(
        m.extend(k.as_bytes(), "forged", Duration::from_secs(60))
            .unwrap(),
        None
    );
    assert_eq!(
        s.get(&k).as_deref(),
        Some(g.token.as_str()),
        "a forged extend leaves the lock alone"
    );
}

/// Threads of one process contend on a non-atomic counter (GET, pause, SET): with the lock the
/// count is exact; the same run with the lock bypassed loses updates (so the test can fail).
fn counter_run(s: &Server, use_lock: bool) -> i64 {
    let key = key(if use_lock {
        "counter-lock"
    } else {
        "counter-nolock"
    });
    let wait = |m: &redislock::lock::Masters, k: &[u8]| {
        acquire_within(m, k, TTL, Duration::from_secs(30), false)
            .unwrap()
            .expect("lock")
    };
    contend(s, single(s), wait, &key, 6, 25, use_lock)
}

#[test]
fn contending_threads_count_exactly_with_the_lock() {
    let s = Server::start();
    assert_eq!(counter_run(&s, true), 6 * 25);
}

#[test]
fn contending_threads_lose_updates_without_the_lock() {
    let s = Server::start();
    assert!(
        counter_run(&s, false) < 6 * 25,
        "the control must show lost updates"
    );
}
