//! Redlock's safety rules, each against real redis-servers or fakes: a fresh token per attempt,
//! one vote per server (aliases refused by what the server is), an extend that cannot decide
//! leaves the lock as it is, an attempt decided as soon as its quorum is impossible, and tiny
//! TTLs that give "busy", never an error or a validity under 1 ms. (`decide` itself: decide.rs.)

mod common;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use common::fake::Fake;
use common::*;
use redislock::lock::{
    acquire_with_retries, acquire_within, new_token, Attempt, Error, Masters, Node, NodeError,
};

const TTL: Duration = Duration::from_secs(20);

/// Servers frozen (SIGSTOP) while this lives; thawed when it is dropped, however the test ends.
struct Frozen<'a>(Vec<&'a Server>);

impl<'a> Frozen<'a> {
    fn new(servers: Vec<&'a Server>) -> Frozen<'a> {
        let mut frozen = Frozen(Vec::new());
        for s in servers {
            // Recorded before the signal: whatever happens next, it is thawed.
            frozen.0.push(s);
            s.freeze();
        }
        frozen
    }
}

impl Drop for Frozen<'_> {
    fn drop(&mut self) {
        for s in &self.0 {
            s.thaw();
        }
    }
}

fn servers(n: usize) -> Vec<Server> {
    (0..n).map(|_| Server::start()).collect()
}

fn nodes(s: &[Server]) -> Vec<Node> {
    s.iter().map(Server::node).collect()
}

/// The tokens of the `SET key ...` commands a recording fake received, in order.
fn set_tokens(fake: &Fake, key: &str) -> Vec<String> {
    // Anything still in flight arrives meanwhile.
    std::thread::sleep(Duration::from_millis(100));
    fake.commands()
        .iter()
        .filter(|c| c.len() > 2 && c[0].eq_ignore_ascii_case(b"SET") && c[1] == key.as_bytes())
        .map(|c| String::from_utf8_lossy(&c[2]).into_owned())
        .collect()
}

/// Several attempts reached the master, each with a token of its own.
fn assert_fresh_tokens(tokens: &[String]) {
    assert!(tokens.len() >= 3, "several attempts were made: {tokens:?}");
    let distinct: HashSet<&String> = tokens.iter().collect();
    assert_eq!(distinct.len(), tokens.len(), "a token reused: {tokens:?}");
}

#[test]
fn acquire_within_sends_a_fresh_token_per_attempt() {
    let fake = Fake::recording();
    let m = Masters::new(vec![fake.node()], timeouts(1000), false).unwrap();
    let k = key("fresh-within");
    fake.seed(&k, "holder", Duration::from_millis(150));
    let grant = acquire_within(&m, k.as_bytes(), TTL, Duration::from_secs(5), false)
        .unwrap()
        .expect("granted once the holder's key expired");
    let tokens = set_tokens(&fake, &k);
    assert_fresh_tokens(&tokens);
    assert_eq!(tokens.last(), Some(&grant.token), "the last attempt won");
    assert_eq!(fake.get(&k).as_deref(), Some(grant.token.as_str()));
}

#[test]
fn acquire_with_retries_sends_a_fresh_token_per_attempt() {
    let fakes = [Fake::recording(), Fake::recording(), Fake::recording()];
    let m = quorum(fakes.iter().map(Fake::node).collect(), 1000);
    let k = key("fresh-retries");
    for f in &fakes {
        f.seed(&k, "holder", Duration::from_millis(200));
    }
    let grant = acquire_with_retries(&m, k.as_bytes(), TTL, 200, Duration::from_millis(20))
        .unwrap()
        .expect("granted once the holder's keys expired");
    // A master may miss an attempt decided before its command went out (two nils decide).
    let mut winners = 0;
    for f in &fakes {
        let tokens = set_tokens(f, &k);
        assert_fresh_tokens(&tokens);
        if tokens.last() == Some(&grant.token) && f.get(&k) == tokens.last().cloned() {
            winners += 1;
        }
    }
    assert!(
        winners >= 2,
        "the last attempt won on a quorum, with the grant's token"
    );
}

/// The `Error::Config` of a quorum with two entries reaching one server, naming both.
fn assert_alias_error(result: Result<impl std::fmt::Debug, Error>, a: &Node, b: &Node) {
    match result {
        Err(Error::Config(text)) => {
            let (a, b) = (a.to_string(), b.to_string());
            assert!(
                text.contains(&format!("{a} and {b} are the same Redis server")),
                "{text}"
            );
        }
        other => panic!("expected a Config error naming {a} and {b}, got {other:?}"),
    }
}

#[test]
fn an_ip_and_localhost_of_one_server_are_a_config_error_and_leave_no_key() {
    let s = servers(2);
    let (ip, name) = (s[0].node(), Node::tcp("localhost", s[0].port));
    // Without the check this would be granted: s[0] says OK once, s[1] once: 2 of 3.
    let m = quorum(vec![ip.clone(), name.clone(), s[1].node()], 1000);
    let k = key("alias-real");
    let token = new_token();
    assert_alias_error(m.try_acquire(k.as_bytes(), &token, TTL), &ip, &name);
    for srv in &s {
        assert_eq!(srv.get(&k), None, "the attempt's keys were taken back");
    }
    assert_alias_error(m.try_acquire(k.as_bytes(), &token, TTL), &ip, &name);
    assert_alias_error(m.release(k.as_bytes(), &token), &ip, &name);
    assert_alias_error(m.extend(k.as_bytes(), &token, TTL), &ip, &name);
    assert_eq!(s[1].get(&k), None);
}

#[test]
fn two_fakes_with_one_run_id_are_a_config_error_and_leave_no_key() {
    let run_id = new_token();
    let fakes = [
        Fake::recording_as(&run_id),
        Fake::recording(),
        Fake::recording_as(&run_id),
    ];
    let all: Vec<Node> = fakes.iter().map(Fake::node).collect();
    // Three stores: all three would say OK.
    let m = quorum(all.clone(), 1000);
    let k = key("alias-fake");
    let result = m.try_acquire(k.as_bytes(), &new_token(), TTL);
    assert_alias_error(result, &all[0], &all[2]);
    for f in &fakes {
        assert_eq!(f.get(&k), None, "the attempt's keys were taken back");
    }
}

#[test]
fn fakes_with_their_own_run_ids_are_three_votes() {
    let fakes = [Fake::recording(), Fake::recording(), Fake::recording()];
    let m = quorum(fakes.iter().map(Fake::node).collect(), 1000);
    let k = key("distinct-fakes");
    let token = new_token();
    let attempt = m.try_acquire(k.as_bytes(), &token, TTL).unwrap();
    assert!(matches!(attempt, Attempt::Granted { .. }), "{attempt:?}");
    for f in &fakes {
        assert!(f.verbs().contains(&"INFO".to_string()), "asked who it is");
        assert_eq!(f.get(&k).as_deref(), Some(token.as_str()));
    }
    assert!(m.release(k.as_bytes(), &token).unwrap());
}

#[test]
fn extend_with_two_of_three_masters_frozen_is_an_error_and_keeps_the_lock() {
    let s = servers(3);
    let m = quorum(nodes(&s), 200);
    let k = key("extend-frozen");
    let token = new_token();
    let attempt = m.try_acquire(k.as_bytes(), &token, TTL).unwrap();
    assert!(matches!(attempt, Attempt::Granted { .. }), "{attempt:?}");
    let frozen = Frozen::new(vec![&s[1], &s[2]]);
    let start = Instant::now();
    let result = m.extend(k.as_bytes(), &token, Duration::from_secs(30));
    let took = start.elapsed();
    drop(frozen);
    match result {
        Err(Error::Unavailable {
            needed: 2,
            total: 3,
            failures,
        }) => {
            let named: Vec<String> = failures.iter().map(|f| f.node.clone()).collect();
            assert_eq!(named, [s[1].node().to_string(), s[2].node().to_string()]);
            assert!(failures.iter().all(|f| f.error == NodeError::Timeout(200)));
        }
        other => panic!("an extend the masters cannot decide is an error: {other:?}"),
    }
    assert!(took < Duration::from_secs(2), "hang bound: {took:?}");
    // The thawed masters run what was queued for them; no release may be among it.
    std::thread::sleep(Duration::from_millis(300));
    for srv in &s {
        assert_eq!(
            srv.get(&k).as_deref(),
            Some(token.as_str()),
            "the lock is left as it was on {}",
            srv.port
        );
    }
}

#[test]
fn an_impossible_quorum_is_busy_at_once_not_after_the_node_timeout() {
    let s = servers(3);
    let m = quorum(nodes(&s), 1000);
    // Connections open first: the attempt measured is one round trip, not a dial.
    let warm = new_token();
    let attempt = m.try_acquire(key("warm").as_bytes(), &warm, TTL).unwrap();
    assert!(matches!(attempt, Attempt::Granted { .. }), "{attempt:?}");
    assert!(m.release(key("warm").as_bytes(), &warm).unwrap());
    let k = key("impossible");
    s[0].set(&k, "someone-else");
    s[1].set(&k, "someone-else");
    let frozen = Frozen::new(vec![&s[2]]);
    let start = Instant::now();
    // TTL 20 s: the cap (a tenth) leaves the 1000 ms node timeout as it is.
    let attempt = m.try_acquire(k.as_bytes(), &new_token(), TTL);
    let took = start.elapsed();
    drop(frozen);
    assert_eq!(attempt.unwrap(), Attempt::Busy);
    assert!(
        took < Duration::from_millis(250),
        "two refusals decide: the frozen master is not awaited to its 1000 ms: {took:?}"
    );
    for srv in &s[..2] {
        assert_eq!(srv.get(&k).as_deref(), Some("someone-else"));
    }
}

#[test]
fn a_thousand_tiny_ttl_attempts_never_fail_and_never_grant_under_1ms() {
    let s = servers(3);
    let m = Masters::new(nodes(&s), timeouts(1000), true).unwrap();
    let (mut granted, mut busy) = (0, 0);
    for i in 0..1000u64 {
        let ttl = Duration::from_millis(2 + i % 9);
        let k = key(&format!("tiny-{i}"));
        match m.try_acquire(k.as_bytes(), &new_token(), ttl) {
            Ok(Attempt::Granted { validity }) => {
                assert!(
                    validity >= Duration::from_millis(1) && validity < ttl,
                    "ttl {ttl:?}: validity {validity:?}"
                );
                granted += 1;
            }
            Ok(Attempt::Busy) => busy += 1,
            Err(e) => panic!("ttl {ttl:?} against healthy masters: {e}"),
        }
    }
    eprintln!("tiny TTLs: {granted} granted, {busy} busy");
    assert!(granted > 0, "the granted branch was exercised");
}
