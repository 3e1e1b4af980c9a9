//! Shared (read) locks against a real redis-server: readers together, the writer (the exclusive
//! lock) alone, each reader's own TTL, upgrade and downgrade, waiting readers and writers woken
//! on release, keys cleaned up, refusal on a quorum, and mixed contention that never lets a
//! writer overlap a reader.

mod common;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use common::*;
use redislock::lock::rw_scripts::{self, readers_key, SHARED_MARK};
use redislock::lock::scripts;
use redislock::lock::{acquire_within, Error, Grant, Masters};

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

fn raw(s: &Server, k: &[u8]) -> Option<Vec<u8>> {
    let mut c = s.client().unwrap();
    redis::cmd("GET").arg(k).query(&mut c).unwrap()
}

fn exists(s: &Server, k: &[u8]) -> bool {
    let mut c = s.client().unwrap();
    redis::cmd("EXISTS").arg(k).query::<i64>(&mut c).unwrap() == 1
}

#[test]
fn script_hashes_match_what_redis_computes() {
    use rw_scripts::*;
    let s = Server::start();
    let mut c = s.client().unwrap();
    let mut wrong = Vec::new();
    for (name, script, expected) in [
        (
            "RELEASE_WAKE",
            scripts::RELEASE_WAKE_SCRIPT,
            scripts::RELEASE_WAKE_SHA,
        ),
        ("ACQUIRE_SHARED", ACQUIRE_SHARED_SCRIPT, ACQUIRE_SHARED_SHA),
        ("RELEASE_SHARED", RELEASE_SHARED_SCRIPT, RELEASE_SHARED_SHA),
        ("EXTEND_SHARED", EXTEND_SHARED_SCRIPT, EXTEND_SHARED_SHA),
        ("IS_HELD_SHARED", IS_HELD_SHARED_SCRIPT, IS_HELD_SHARED_SHA),
        ("UPGRADE", UPGRADE_SCRIPT, UPGRADE_SHA),
        ("DOWNGRADE", DOWNGRADE_SCRIPT, DOWNGRADE_SHA),
        ("FORCE_RELEASE", FORCE_RELEASE_SCRIPT, FORCE_RELEASE_SHA),
    ] {
        let sha: String = redis::cmd("SCRIPT")
            .arg("LOAD")
            .arg(script)
            .query(&mut c)
            .unwrap();
        if sha != expected {
            wrong.push(format!("{name}: {sha}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:?}");
}

#[test]
fn readers_hold_together_and_keep_the_writer_out_until_the_last_leaves() {
    let s = Server::start();
    let m = waking(&s);
    let k = key("readers-together");
    let a = read(&m, &k, TTL).expect("first reader");
    let b = read(&m, &k, TTL).expect("second reader beside the first");
    assert_ne!(a.token, b.token);
    assert_eq!(raw(&s, k.as_bytes()).as_deref(), Some(SHARED_MARK));
    assert!(write(&m, &k, Duration::ZERO).is_none(), "writer refused");
    assert!(m.is_held_shared(k.as_bytes(), &a.token).unwrap());
    assert!(m.is_held_shared(k.as_bytes(), &b.token).unwrap());
    // The exclusive calls never match a reader, and never fail on the mark.
    assert!(!m.release(k.as_bytes(), &a.token).unwrap());
    assert!(!m.is_held(k.as_bytes(), &a.token).unwrap());
    assert!(m.extend(k.as_bytes(), &a.token, TTL).unwrap().is_none());
    assert!(m.release_shared(k.as_bytes(), &a.token).unwrap());
    assert!(!m.release_shared(k.as_bytes(), &a.token).unwrap(), "once");
    assert!(write(&m, &k, Duration::ZERO).is_none(), "one reader left");
    assert!(m.release_shared(k.as_bytes(), &b.token).unwrap());
    assert!(!exists(&s, k.as_bytes()) && !exists(&s, &readers_key(k.as_bytes())));
    let w = write(&m, &k, Duration::ZERO).expect("free again");
    assert!(m.release(k.as_bytes(), &w.token).unwrap());
}

#[test]
fn a_writer_keeps_readers_out() {
    let s = Server::start();
    let m = waking(&s);
    let k = key("writer-alone");
    let w = write(&m, &k, Duration::ZERO).unwrap();
    assert!(read(&m, &k, TTL).is_none());
    assert!(!m.release_shared(k.as_bytes(), &w.token).unwrap());
    assert!(!m.is_held_shared(k.as_bytes(), &w.token).unwrap());
    assert!(!m.extend_shared(k.as_bytes(), &w.token, TTL).unwrap());
    assert!(m.release(k.as_bytes(), &w.token).unwrap());
    let r = read(&m, &k, TTL).expect("free");
    assert!(m.release_shared(k.as_bytes(), &r.token).unwrap());
}

#[test]
fn each_reader_has_its_own_ttl_and_the_key_lives_as_long_as_the_last() {
    let s = Server::start();
    let m = waking(&s);
    let k = key("reader-ttls");
    let short = read(&m, &k, Duration::from_millis(200)).unwrap();
    let long = read(&m, &k, Duration::from_secs(5)).unwrap();
    let pttl = s.pttl(&k);
    assert!(
        pttl > 4_800 && pttl <= 5_000,
        "key lives with the longest: {pttl}"
    );
    thread::sleep(Duration::from_millis(300));
    assert!(!m.is_held_shared(k.as_bytes(), &short.token).unwrap());
    assert!(
        !m.extend_shared(k.as_bytes(), &short.token, TTL).unwrap(),
        "never revived"
    );
    assert!(m.is_held_shared(k.as_bytes(), &long.token).unwrap());
    assert!(m
        .extend_shared(k.as_bytes(), &long.token, Duration::from_millis(300))
        .unwrap());
    let pttl = s.pttl(&k);
    assert!(
        pttl > 200 && pttl <= 300,
        "extend shortens the key too: {pttl}"
    );
    thread::sleep(Duration::from_millis(400));
    assert!(!exists(&s, k.as_bytes()) && !exists(&s, &readers_key(k.as_bytes())));
    assert!(
        write(&m, &k, Duration::ZERO).is_some(),
        "free once all expired"
    );
}

#[test]
fn upgrade_needs_to_be_the_only_reader_and_keeps_the_identifier() {
    let s = Server::start();
    let m = waking(&s);
    let k = key("upgrade");
    let a = read(&m, &k, TTL).unwrap();
    let b = read(&m, &k, TTL).unwrap();
    assert!(m
        .upgrade(k.as_bytes(), &a.token, TTL, Duration::ZERO)
        .unwrap()
        .is_none());
    assert!(
        m.is_held_shared(k.as_bytes(), &a.token).unwrap(),
        "still a reader"
    );
    assert!(m.release_shared(k.as_bytes(), &b.token).unwrap());
    let up = m
        .upgrade(k.as_bytes(), &a.token, TTL, Duration::ZERO)
        .unwrap()
        .expect("alone");
    assert_eq!(up.token, a.token);
    assert_eq!(s.get(&k).as_deref(), Some(a.token.as_str()));
    assert!(!exists(&s, &readers_key(k.as_bytes())));
    assert!(read(&m, &k, TTL).is_none(), "now a writer");
    assert!(m.is_held(k.as_bytes(), &a.token).unwrap());
    // Upgrading the writer renews it; a stranger's identifier holds nothing.
    assert!(m
        .upgrade(k.as_bytes(), &a.token, TTL, Duration::ZERO)
        .unwrap()
        .is_some());
    assert!(m
        .upgrade(k.as_bytes(), "stranger", TTL, Duration::ZERO)
        .unwrap()
        .is_none());
    assert!(m.release(k.as_bytes(), &a.token).unwrap());
    assert!(
        m.upgrade(k.as_bytes(), &a.token, TTL, Duration::ZERO)
            .unwrap()
            .is_none(),
        "lost"
    );
    assert!(!exists(&s, k.as_bytes()), "a lost upgrade takes nothing");
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
fn downgrade_turns_the_writer_into_a_reader_and_lets_readers_in() {
    let s = Server::start();
    let m = waking(&s);
    let k = key("downgrade");
    let w = write(&m, &k, Duration::ZERO).unwrap();
    assert!(!m.downgrade(k.as_bytes(), "stranger", TTL).unwrap());
    assert!(m
        .downgrade(k.as_bytes(), &w.token, Duration::from_secs(5))
        .unwrap());
    assert!(m.is_held_shared(k.as_bytes(), &w.token).unwrap());
    assert!(!m.is_held(k.as_bytes(), &w.token).unwrap());
    let pttl = s.pttl(&k);
    assert!(pttl > 4_800 && pttl <= 5_000, "the downgrade's ttl: {pttl}");
    let other = read(&m, &k, TTL).expect("readers come in");
    assert!(write(&m, &k, Duration::ZERO).is_none());
    // A reader's downgrade renews it.
    assert!(m.downgrade(k.as_bytes(), &other.token, TTL).unwrap());
    assert!(m.release_shared(k.as_bytes(), &w.token).unwrap());
    assert!(m.release_shared(k.as_bytes(), &other.token).unwrap());
    assert!(
        !m.downgrade(k.as_bytes(), &w.token, TTL).unwrap(),
        "holds nothing"
    );
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
fn shared_locks_are_refused_on_a_quorum() {
    let servers: Vec<Server> = (0..3).map(|_| Server::start()).collect();
    let m = quorum(servers.iter().map(Server::node).collect(), 200);
    let err = m.acquire_shared(b"q", TTL, Duration::ZERO).unwrap_err();
    assert!(
        matches!(err, Error::Config(ref s) if s.contains("one Redis server")),
        "{err}"
    );
    assert!(m.release_shared(b"q", "t").is_err());
    assert!(m.upgrade(b"q", "t", TTL, Duration::ZERO).is_err());
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

#[test]
fn force_release_frees_the_name_from_a_writer_or_every_reader() {
    let s = Server::start();
    let m = waking(&s);
    let k = key("force");
    assert!(!m.force_release(k.as_bytes()).unwrap(), "nothing held");
    write(&m, &k, Duration::ZERO).unwrap();
    assert!(m.force_release(k.as_bytes()).unwrap());
    read(&m, &k, TTL).unwrap();
    read(&m, &k, TTL).unwrap();
    assert!(m.force_release(k.as_bytes()).unwrap());
    assert!(!exists(&s, k.as_bytes()) && !exists(&s, &readers_key(k.as_bytes())));
    assert!(write(&m, &k, Duration::ZERO).is_some());
}
