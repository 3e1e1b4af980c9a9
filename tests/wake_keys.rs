//! Waiting that wakes on release (one server, `Masters::waking`): the keys beside the lock key
//! (where they live, that none is left behind) and contending threads, against real
//! redis-servers. Order and timing, in `wake.rs`.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use common::*;
use redislock::lock::scripts::{self, companion, WAITING_TTL_MS, WAKE_TTL_MS};
use redislock::lock::{acquire_within, Masters};

const WAIT: Duration = Duration::from_secs(10);

fn waking(s: &Server) -> Masters {
    Masters::new(vec![s.node()], timeouts(1000), false)
        .unwrap()
        .waking()
}

#[test]
fn companion_keys_keep_the_lock_keys_tag_or_wrap_the_key_in_one() {
    for (key, wake) in [
        // No tag: the whole key becomes the tag.
        ("orders:42", "{orders:42}:wake"),
        ("a{b", "{a{b}:wake"),
        // A tag: kept.
        ("{user:7}:orders", "{user:7}:orders:wake"),
        ("a{b}c{d}", "a{b}c{d}:wake"),
        ("a}b{c}", "a}b{c}:wake"),
        // A '}' but no valid tag: it cannot be wrapped, only suffixed.
        ("x}y", "x}y:wake"),
        ("a{}b}", "a{}b}:wake"),
        ("{}x", "{}x:wake"),
    ] {
        let got = companion(key.as_bytes(), b":wake");
        assert_eq!(String::from_utf8(got).unwrap(), wake, "key {key:?}");
    }
    assert_eq!(scripts::wake_key(b"k"), b"{k}:wake");
    assert_eq!(scripts::waiting_key(b"k"), b"{k}:waiting");
}

#[test]
fn contended_waiting_leaves_no_key_behind() {
    let s = Server::start();
    let m = Arc::new(waking(&s));
    let k = key("nokeyleft");
    let mark = scripts::waiting_key(k.as_bytes());
    let done = Arc::new(AtomicBool::new(false));
    // Sees the "someone waits" mark at least once while the threads contend.
    let watcher = {
        let (done, mut c) = (done.clone(), s.client().unwrap());
        thread::spawn(move || {
            let mut seen = false;
            while !done.load(Ordering::Relaxed) {
                seen |= redis::cmd("EXISTS")
                    .arg(&mark)
                    .query::<i64>(&mut c)
                    .unwrap()
                    == 1;
                thread::sleep(Duration::from_millis(1));
            }
            seen
        })
    };
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let (m, k) = (m.clone(), k.clone());
            thread::spawn(move || {
                for _ in 0..250 {
                    let g = acquire_within(&m, k.as_bytes(), WAIT, WAIT, false).unwrap();
                    let g = g.expect("lock within 10 s");
                    assert!(m.release(k.as_bytes(), &g.token).unwrap());
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    done.store(true, Ordering::Relaxed);
    assert!(watcher.join().unwrap(), "the waiting mark was never seen");
    assert!(
        s.info_field("cmdstat_rpush") > 0,
        "no release pushed a wake-up: the wake path did not run"
    );
    // Both companions expire on their own (the longer TTL, and a margin).
    let ttl = [WAITING_TTL_MS, WAKE_TTL_MS].map(|t| t.parse::<u64>().unwrap());
    thread::sleep(Duration::from_millis(ttl[0].max(ttl[1]) + 200));
    let mut c = s.client().unwrap();
    let (mut cursor, mut left) = (0u64, Vec::<String>::new());
    loop {
        let (next, keys): (u64, Vec<String>) = redis::cmd("SCAN")
            .arg(cursor)
            .arg("MATCH")
            .arg("*")
            .arg("COUNT")
            .arg(1000)
            .query(&mut c)
            .unwrap();
        left.extend(keys);
        cursor = next;
        if cursor == 0 {
            break;
        }
    }
    assert!(left.is_empty(), "keys left behind: {left:?}");
}

/// Threads contend on a non-atomic counter (GET, pause, SET) under the waking lock, as in
/// `single.rs`: exact with the lock; the same run with the lock bypassed loses updates.
fn counter_run(s: &Server, use_lock: bool) -> i64 {
    let key = key(if use_lock { "wake-lock" } else { "wake-nolock" });
    let wait = |m: &Masters, k: &[u8]| {
        acquire_within(m, k, WAIT, Duration::from_secs(30), false)
            .unwrap()
            .expect("lock")
    };
    contend(s, waking(s), wait, &key, 6, 25, use_lock)
}

#[test]
fn contending_threads_count_exactly_with_the_waking_lock() {
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
