//! Shared (read) locks waiting, against a real redis-server: readers and writers woken by a
//! release (not by a block running out), a waiting upgrade woken when the other reader leaves,
//! waiters coming in at the holder's expiry, and mixed contention that never lets a writer
//! overlap a reader.

mod common;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use common::*;
use redislock::lock::rw_scripts::readers_key;
use redislock::lock::{acquire_within, Grant, Masters};

const TTL: Duration = Duration::from_secs(20);
const LONG: Duration = Duration::from_secs(10);
/// Well above a hand-off's round trips, well below a block that merely ran out (1 s).
const WOKEN: Duration = Duration::from_millis(400);

fn waking(s: &Server) -> Arc<Masters> {
    Arc::new(
        Masters::new(vec![s.node()], timeouts(1000), false)
            .unwrap()
            .waking(),
    )
}

fn read(m: &Masters, k: &str, ttl: Duration) -> Option<Grant> {
    m.acquire_shared(k.as_bytes(), ttl, Duration::ZERO).unwrap()
}

fn write(m: &Masters, k: &str, wait: Duration) -> Option<Grant> {
    acquire_within(m, k.as_bytes(), TTL, wait, false).unwrap()
}

fn exists(s: &Server, k: &[u8]) -> bool {
    let mut c = s.client().unwrap();
    redis::cmd("EXISTS").arg(k).query::<i64>(&mut c).unwrap() == 1
}

#[test]
fn a_waiting_upgrade_is_woken_when_the_other_reader_leaves() {
    let s = Server::start();
    let m = waking(&s);
    let k = key("upgrade-wait");
    let a = read(&m, &k, TTL).unwrap();
    let b = read(&m, &k, TTL).unwrap();
    let upgrading = {
        let (m, k, t) = (m.clone(), k.clone(), a.token.clone());
        thread::spawn(move || (m.upgrade(k.as_bytes(), &t, TTL, LONG), Instant::now()))
    };
    thread::sleep(Duration::from_millis(300));
    let released = Instant::now();
    assert!(m.release_shared(k.as_bytes(), &b.token).unwrap());
    let (got, at) = upgrading.join().unwrap();
    assert!(got.unwrap().is_some());
    assert!(
        at - released < WOKEN,
        "woken, not polled: {:?}",
        at - released
    );
    assert_eq!(s.get(&k).as_deref(), Some(a.token.as_str()));
}

#[test]
fn every_waiting_reader_is_woken_by_the_writers_release() {
    let s = Server::start();
    let m = waking(&s);
    let k = key("readers-woken");
    let w = write(&m, &k, Duration::ZERO).unwrap();
    let readers: Vec<_> = (0..4)
        .map(|_| {
            let (m, k) = (m.clone(), k.clone());
            thread::spawn(move || (m.acquire_shared(k.as_bytes(), TTL, LONG), Instant::now()))
        })
        .collect();
    thread::sleep(Duration::from_millis(300));
    let released = Instant::now();
    assert!(m.release(k.as_bytes(), &w.token).unwrap());
    let mut tokens = Vec::new();
    for r in readers {
        let (got, at) = r.join().unwrap();
        tokens.push(got.unwrap().expect("reader granted").token);
        assert!(
            at - released < WOKEN,
            "woken, not polled: {:?}",
            at - released
        );
    }
    for t in &tokens {
        assert!(
            m.is_held_shared(k.as_bytes(), t).unwrap(),
            "all read together"
        );
    }
}

#[test]
fn a_waiting_writer_is_woken_by_the_last_readers_release() {
    let s = Server::start();
    let m = waking(&s);
    let k = key("writer-woken");
    let a = read(&m, &k, TTL).unwrap();
    let b = read(&m, &k, TTL).unwrap();
    let writer = {
        let (m, k) = (m.clone(), k.clone());
        thread::spawn(move || {
            (
                acquire_within(&m, k.as_bytes(), TTL, LONG, false),
                Instant::now(),
            )
        })
    };
    thread::sleep(Duration::from_millis(300));
    assert!(m.release_shared(k.as_bytes(), &a.token).unwrap());
    thread::sleep(Duration::from_millis(200));
    let released = Instant::now();
    assert!(m.release_shared(k.as_bytes(), &b.token).unwrap());
    let (got, at) = writer.join().unwrap();
    assert!(got.unwrap().is_some());
    assert!(
        at - released < WOKEN,
        "woken, not polled: {:?}",
        at - released
    );
}

#[test]
fn waiters_come_in_when_the_holder_expires() {
    let s = Server::start();
    let m = waking(&s);
    let k = key("expiry");
    let start = Instant::now();
    read(&m, &k, Duration::from_millis(300)).unwrap();
    assert!(write(&m, &k, LONG).is_some());
    let took = start.elapsed();
    assert!(
        took >= Duration::from_millis(290) && took < Duration::from_millis(700),
        "{took:?}"
    );
    let start = Instant::now();
    // Now a writer holds it for TTL; a reader waiting 300 ms gives up on time.
    assert!(m
        .acquire_shared(k.as_bytes(), TTL, Duration::from_millis(300))
        .unwrap()
        .is_none());
    let took = start.elapsed();
    assert!(
        took >= Duration::from_millis(290) && took < Duration::from_millis(700),
        "{took:?}"
    );
}

#[test]
fn writers_never_overlap_readers_under_contention() {
    let s = Server::start();
    let m = waking(&s);
    let k = key("mixed");
    // Readers inside, or -1000 while a writer is inside.
    let inside = Arc::new(AtomicI64::new(0));
    let max_readers = Arc::new(AtomicI64::new(0));
    let threads: Vec<_> = (0..6)
        .map(|i| {
            let (m, k, inside, max_readers) =
                (m.clone(), k.clone(), inside.clone(), max_readers.clone());
            thread::spawn(move || {
                for _ in 0..40 {
                    if i % 3 == 0 {
                        let g = write(&m, &k, LONG).expect("writer within 10 s");
                        assert_eq!(inside.swap(-1000, Ordering::SeqCst), 0, "writer alone");
                        thread::sleep(Duration::from_micros(500));
                        assert_eq!(inside.swap(0, Ordering::SeqCst), -1000);
                        assert!(m.release(k.as_bytes(), &g.token).unwrap());
                    } else {
                        let g = m.acquire_shared(k.as_bytes(), TTL, LONG).unwrap().unwrap();
                        let n = inside.fetch_add(1, Ordering::SeqCst) + 1;
                        assert!(n > 0, "no writer inside with a reader");
                        max_readers.fetch_max(n, Ordering::SeqCst);
                        thread::sleep(Duration::from_micros(500));
                        inside.fetch_sub(1, Ordering::SeqCst);
                        assert!(m.release_shared(k.as_bytes(), &g.token).unwrap());
                        // Readers back to back would keep the writers out (no writer preference).
                        thread::sleep(Duration::from_millis(2));
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    assert!(
        max_readers.load(Ordering::SeqCst) >= 2,
        "readers did overlap"
    );
    assert!(!exists(&s, k.as_bytes()) && !exists(&s, &readers_key(k.as_bytes())));
}
