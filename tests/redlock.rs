//! Several independent masters (the `RedLock` face and `redislock.servers` with several URLs).

mod common;

use std::time::{Duration, Instant};

use common::*;
use redislock::lock::Error;
use redislock::lock::{acquire_with_retries, Attempt, Node};

const TTL: Duration = Duration::from_secs(10);

fn servers(n: usize) -> Vec<Server> {
    (0..n).map(|_| Server::start()).collect()
}

fn nodes(s: &[Server]) -> Vec<Node> {
    s.iter().map(Server::node).collect()
}

fn holders(s: &[Server], key: &str, token: &str) -> usize {
    s.iter()
        .filter(|s| s.get(key).as_deref() == Some(token))
        .count()
}

#[test]
fn quorum_is_a_strict_majority() {
    for (n, q) in [(1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (7, 4)] {
        let nodes = (0..n)
            .map(|i| Node::tcp("127.0.0.1", 1000 + i as u16))
            .collect();
        assert_eq!(quorum(nodes, 50).quorum(), q, "{n} masters");
    }
}

/// Seeds a foreign key on `foreign` of the masters, then checks the lock is granted exactly when
/// the rest still make a quorum: proves the vote count (3 need 2, 5 need 3, 1 needs 1).
fn granted_with_foreign_keys(total: usize, foreign: usize) -> bool {
    let s = servers(total);
    let k = key("count");
    for srv in s.iter().take(foreign) {
        srv.set(&k, "someone-else");
    }
    let m = quorum(nodes(&s), 200);
    let token = "0123456789abcdef0123456789abcdef";
    let granted = matches!(
        m.try_acquire(k.as_bytes(), token, TTL).unwrap(),
        Attempt::Granted { .. }
    );
    if !granted {
        assert_eq!(
            holders(&s, &k, token),
            0,
            "a refused attempt leaves none of its keys"
        );
    }
    assert_eq!(
        s.iter()
            .take(foreign)
            .filter(|x| x.get(&k).as_deref() == Some("someone-else"))
            .count(),
        foreign
    );
    granted
}

#[test]
fn three_masters_need_two_votes() {
    assert!(granted_with_foreign_keys(3, 1));
    assert!(!granted_with_foreign_keys(3, 2));
}

#[test]
fn five_masters_need_three_votes() {
    assert!(granted_with_foreign_keys(5, 2));
    assert!(!granted_with_foreign_keys(5, 3));
}

#[test]
fn one_master_needs_one_vote() {
    assert!(granted_with_foreign_keys(1, 0));
    assert!(!granted_with_foreign_keys(1, 1));
}

#[test]
fn redlock_survives_two_of_five_down() {
    let mut s = servers(5);
    let all = nodes(&s);
    s[3].stop();
    s[4].stop();
    let m = quorum(all, 50);
    let k = key("twodown");
    let g = acquire_with_retries(&m, k.as_bytes(), TTL, 1, Duration::from_millis(10))
        .unwrap()
        .expect("granted by 3 of 5");
    assert!(g.validity > Duration::ZERO && g.validity < TTL);
    assert_eq!(holders(&s[..3], &k, &g.token), 3);
    assert!(m.release(k.as_bytes(), &g.token).unwrap());
    assert_eq!(holders(&s[..3], &k, &g.token), 0);
}

#[test]
fn three_of_five_down_is_an_error_and_leaves_no_key() {
    let mut s = servers(5);
    let all = nodes(&s);
    for srv in &mut s[2..] {
        srv.stop();
    }
    let m = quorum(all, 50);
    let k = key("threedown");
    let err =
        acquire_with_retries(&m, k.as_bytes(), TTL, 3, Duration::from_millis(10)).unwrap_err();
    match &err {
        Error::Unavailable { failures, .. } => assert_eq!(failures.len(), 3),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("no quorum possible"), "{err}");
    assert!(
        s[..2].iter().all(|srv| srv.get(&k).is_none()),
        "live masters keep no key"
    );
}

#[test]
fn frozen_master_costs_one_node_timeout() {
    let s = servers(4);
    let (_silent, frozen) = silent_listener();
    let mut all = nodes(&s);
    all.insert(2, frozen);
    let m = quorum(all, 50);
    let k = key("frozen");
    let t = Instant::now();
    let g = m.try_acquire(k.as_bytes(), "tok", TTL).unwrap();
    let took = t.elapsed();
    assert!(matches!(g, Attempt::Granted { .. }), "{g:?}");
    assert!(
        took < Duration::from_millis(500),
        "10x the node timeout bound: {took:?}"
    );
}

#[test]
fn kill_stopped_master_is_a_missing_vote() {
    let s = servers(5);
    s[1].freeze();
    let m = quorum(nodes(&s), 50);
    let k = key("stopped");
    // Resume it however the test ends.
    struct Thaw<'a>(&'a Server);
    impl Drop for Thaw<'_> {
        fn drop(&mut self) {
            self.0.thaw();
        }
    }
    let _thaw = Thaw(&s[1]);
    let t = Instant::now();
    let a = m.try_acquire(k.as_bytes(), "tok", TTL).unwrap();
    assert!(matches!(a, Attempt::Granted { .. }), "{a:?}");
    assert!(
        t.elapsed() < Duration::from_millis(500),
        "{:?}",
        t.elapsed()
    );
}

#[test]
fn node_timeout_never_exceeds_a_tenth_of_the_ttl() {
    let s = servers(2);
    let (_silent, frozen) = silent_listener();
    let mut all = nodes(&s);
    all.push(frozen);
    // 2 s per node configured, but ttl 1 s caps it at 100 ms.
    let m = quorum(all, 2000);
    let t = Instant::now();
    let a = m
        .try_acquire(key("cap").as_bytes(), "tok", Duration::from_secs(1))
        .unwrap();
    assert!(matches!(a, Attempt::Granted { .. }), "{a:?}");
    assert!(
        t.elapsed() < Duration::from_millis(1000),
        "{:?}",
        t.elapsed()
    );
}

#[test]
fn stale_key_on_a_minority_does_not_block() {
    let s = servers(5);
    let k = key("stale");
    s[0].set(&k, "stale-holder");
    s[4].set(&k, "stale-holder");
    let m = quorum(nodes(&s), 200);
    let g = acquire_with_retries(&m, k.as_bytes(), TTL, 1, Duration::from_millis(10)).unwrap();
    assert!(g.is_some());
}

#[test]
fn extend_after_expiry_on_a_majority_fails_and_never_revives() {
    let s = servers(3);
    let m = quorum(nodes(&s), 200);
    let k = key("extend");
    let g = acquire_with_retries(&m, k.as_bytes(), TTL, 1, Duration::from_millis(10))
        .unwrap()
        .unwrap();
    // The key vanishes on two of three (as if expired), and another client takes one of them.
    let mut c = s[0].client().unwrap();
    let _: () = redis::cmd("DEL").arg(&k).query(&mut c).unwrap();
    s[1].set(&k, "other-client");
    assert_eq!(m.extend(k.as_bytes(), &g.token, TTL).unwrap(), None);
    assert_eq!(
        s[1].get(&k).as_deref(),
        Some("other-client"),
        "another client's key is untouched"
    );
    assert_eq!(s[0].get(&k), None, "not revived");
}

#[test]
fn extend_with_quorum_renews() {
    let s = servers(3);
    let m = quorum(nodes(&s), 200);
    let k = key("extend-ok");
    let g = acquire_with_retries(
        &m,
        k.as_bytes(),
        Duration::from_secs(2),
        1,
        Duration::from_millis(10),
    )
    .unwrap()
    .unwrap();
    let v = m
        .extend(k.as_bytes(), &g.token, Duration::from_secs(30))
        .unwrap()
        .expect("renewed");
    assert!(v > Duration::from_secs(29));
    assert!(s.iter().all(|x| x.pttl(&k) > 20_000));
}

#[test]
fn unlock_with_forged_token_is_false_and_keys_stay() {
    let s = servers(3);
    let m = quorum(nodes(&s), 200);
    let k = key("forged");
    let g = acquire_with_retries(&m, k.as_bytes(), TTL, 1, Duration::from_millis(10))
        .unwrap()
        .unwrap();
    assert!(!m
        .release(k.as_bytes(), "ffffffffffffffffffffffffffffffff")
        .unwrap());
    assert_eq!(holders(&s, &k, &g.token), 3);
}

#[test]
fn fan_out_is_concurrent_not_sequential() {
    // Three silent masters of five: no quorum without them, so all three must be waited out. A
    // client asking one after another would take 3x the node timeout; concurrent takes 1x.
    let listeners: Vec<_> = (0..3).map(|_| silent_listener()).collect();
    let s = servers(2);
    let mut all = nodes(&s);
    all.extend(listeners.iter().map(|(_, n)| n.clone()));
    let m = quorum(all, 150);
    let t = Instant::now();
    let err = m
        .try_acquire(key("fanout").as_bytes(), "tok", TTL)
        .unwrap_err();
    let took = t.elapsed();
    assert!(err.to_string().contains("no reply within 150 ms"), "{err}");
    assert!(
        took >= Duration::from_millis(150),
        "waited for the silent nodes: {took:?}"
    );
    assert!(
        took < Duration::from_millis(3 * 150),
        "not a sum of timeouts: {took:?}"
    );
}

#[test]
fn granted_without_waiting_for_a_silent_master_once_a_quorum_answered() {
    let s = servers(4);
    let (_silent, frozen) = silent_listener();
    let mut all = nodes(&s);
    all.insert(1, frozen);
    let m = quorum(all, 1000);
    let k = key("early");
    let t = Instant::now();
    let a = m
        .try_acquire(k.as_bytes(), "tok", Duration::from_secs(30))
        .unwrap();
    let took = t.elapsed();
    assert!(matches!(a, Attempt::Granted { .. }), "{a:?}");
    assert!(
        took < Duration::from_millis(500),
        "did not wait out the 1 s node timeout: {took:?}"
    );
    // Release too is decided by the quorum, and the lock is gone from the live masters.
    let t = Instant::now();
    assert!(m.release(k.as_bytes(), "tok").unwrap());
    assert!(
        t.elapsed() < Duration::from_millis(500),
        "{:?}",
        t.elapsed()
    );
    assert!(
        holders(&s, &k, "tok") <= 1,
        "a quorum of the live masters deleted it"
    );
    // The next lock works: the abandoned connection to the silent master was not reused.
    assert!(matches!(
        m.try_acquire(k.as_bytes(), "tok2", TTL).unwrap(),
        Attempt::Granted { .. }
    ));
    assert!(holders(&s, &k, "tok2") >= 3);
}

fn counter_on_five(use_lock: bool) -> i64 {
    let s = servers(5);
    let key = key(if use_lock { "c5" } else { "c5-nolock" });
    let retry = |m: &redislock::lock::Masters, k: &[u8]| {
        acquire_with_retries(m, k, TTL, 10_000, Duration::from_millis(2))
            .unwrap()
            .expect("lock")
    };
    contend(&s[0], quorum(nodes(&s), 200), retry, &key, 5, 20, use_lock)
}

#[test]
fn contenders_on_five_masters_count_exactly() {
    assert_eq!(counter_on_five(true), 100);
}

#[test]
fn contenders_on_five_masters_lose_updates_without_the_lock() {
    assert!(counter_on_five(false) < 100);
}
