//! Shared (read) locks against a real redis-server: readers together, the writer (the exclusive
//! lock) alone, each reader's own TTL, upgrade and downgrade, keys cleaned up, refusal on a
//! quorum, forceRelease. Waiting and contention, in `shared_wait.rs`.

mod common;

use std::sync::Arc;
use std::thread;
use std::time::Duration;

use common::*;
use redislock::lock::rw_scripts::{self, readers_key, SHARED_MARK};
use redislock::lock::scripts;
use redislock::lock::{acquire_within, Error, Grant, Masters};

const TTL: Duration = Duration::from_secs(20);

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
