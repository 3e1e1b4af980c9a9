//! Faults in a quorum: a master that hangs, answers half a reply or refuses the handshake costs
//! only its own vote; the lock is granted without awaiting it to its timeout. Too many failed
//! masters are an error naming each of them.

mod common;

use std::time::{Duration, Instant};

use common::fake::Fake;
use common::faults::*;
use common::*;
use redislock::lock::{new_token, Attempt, Error, NodeError};

/// Two real masters and `fake` at `at`, timeouts of `ms` and a TTL that does not cut them: the
/// lock is granted without awaiting the fake to its timeout, held by both real masters, released
/// by them.
fn granted_despite(fake: &Fake, at: usize, ms: u64) {
    let s = [Server::start(), Server::start()];
    let mut nodes = vec![s[0].node(), s[1].node()];
    nodes.insert(at, fake.node());
    let m = quorum(nodes, ms);
    let ttl = Duration::from_millis(ms * 20);
    let k = key("quorum-fault");
    let token = new_token();
    let start = Instant::now();
    let attempt = m.try_acquire(k.as_bytes(), &token, ttl).unwrap();
    let took = start.elapsed();
    assert!(
        matches!(attempt, Attempt::Granted { .. }),
        "{attempt:?} (fake at {at})"
    );
    assert!(
        took < Duration::from_millis(ms),
        "the faulty master is not awaited to its {ms} ms timeout: took {took:?} (fake at {at})"
    );
    for srv in &s {
        assert_eq!(srv.get(&k).as_deref(), Some(token.as_str()));
    }
    let start = Instant::now();
    assert!(m.release(k.as_bytes(), &token).unwrap(), "2 of 3 confirm");
    assert_bounded(start.elapsed(), Duration::from_millis(ms * 10));
    for srv in &s {
        assert_eq!(srv.get(&k), None);
    }
}

#[test]
fn quorum_of_three_with_the_first_connect_hanging() {
    granted_despite(&Fake::hang_connect(), 0, 2000);
}

#[test]
fn quorum_of_three_with_the_middle_connect_hanging() {
    granted_despite(&Fake::hang_connect(), 1, 2000);
}

#[test]
fn quorum_of_three_with_the_last_connect_hanging() {
    granted_despite(&Fake::hang_connect(), 2, 2000);
}

#[test]
fn quorum_of_three_with_a_half_reply() {
    let fake = Fake::half_stall();
    granted_despite(&fake, 1, 2000);
    // Its connection is not reused: a second lock is granted as well.
    granted_despite(&fake, 1, 2000);
}

#[test]
fn quorum_of_three_with_a_refused_auth_sends_it_no_lock_command() {
    let fake = Fake::recording_auth_refused();
    let s = [Server::start(), Server::start()];
    let mut bad = fake.node();
    bad.password = Some("pw-refused".into());
    let m = quorum(vec![s[0].node(), bad, s[1].node()], 1000);
    let k = key("quorum-auth");
    let token = new_token();
    let attempt = m.try_acquire(k.as_bytes(), &token, TTL).unwrap();
    assert!(matches!(attempt, Attempt::Granted { .. }), "{attempt:?}");
    assert!(m.release(k.as_bytes(), &token).unwrap());
    assert_only_handshake(&fake);
}

#[test]
fn quorum_of_five_with_two_connects_hanging() {
    let hang = [Fake::hang_connect(), Fake::hang_connect()];
    let s: Vec<Server> = (0..3).map(|_| Server::start()).collect();
    let nodes = vec![
        hang[0].node(),
        s[0].node(),
        s[1].node(),
        hang[1].node(),
        s[2].node(),
    ];
    let m = quorum(nodes, 2000);
    let k = key("five-two-hang");
    let token = new_token();
    let start = Instant::now();
    let attempt = m
        .try_acquire(k.as_bytes(), &token, Duration::from_secs(40))
        .unwrap();
    assert!(matches!(attempt, Attempt::Granted { .. }), "{attempt:?}");
    assert!(
        start.elapsed() < Duration::from_millis(2000),
        "{:?}",
        start.elapsed()
    );
    assert!(s
        .iter()
        .all(|srv| srv.get(&k).as_deref() == Some(token.as_str())));
    assert!(m.release(k.as_bytes(), &token).unwrap(), "3 of 5 confirm");
    assert!(s.iter().all(|srv| srv.get(&k).is_none()));
}

#[test]
fn half_reply_with_a_split_vote_is_busy_not_an_error() {
    // One real master says yes, one says no (a foreign holder), the third sends half a reply:
    // its timeout is a missing vote, a quorum stays possible, so the answer is "busy", and the
    // yes-vote is taken back.
    let fake = Fake::half_stall();
    let s = [Server::start(), Server::start()];
    let k = key("split-half");
    s[1].set(&k, "someone-else");
    let m = quorum(vec![s[0].node(), fake.node(), s[1].node()], 300);
    let start = Instant::now();
    let attempt = m.try_acquire(k.as_bytes(), &new_token(), TTL).unwrap();
    assert_eq!(attempt, Attempt::Busy);
    assert_bounded(start.elapsed(), Duration::from_secs(3));
    assert_eq!(s[0].get(&k), None, "the yes-vote was taken back");
    assert_eq!(s[1].get(&k).as_deref(), Some("someone-else"));
}

#[test]
fn no_quorum_names_each_failed_master() {
    let hang = [Fake::hang_connect(), Fake::hang_connect()];
    let s = Server::start();
    let m = quorum(vec![s.node(), hang[0].node(), hang[1].node()], MS);
    let k = key("no-quorum");
    let start = Instant::now();
    let err = m
        .try_acquire(k.as_bytes(), &new_token(), TTL)
        .expect_err("1 of 3 cannot grant");
    assert_bounded(start.elapsed(), HANG_BOUND);
    match &err {
        Error::Unavailable {
            needed: 2,
            total: 3,
            failures,
        } => {
            assert_eq!(failures.len(), 2);
            for (f, h) in failures.iter().zip(&hang) {
                assert_eq!(f.node, h.node().to_string());
                assert_eq!(f.error, NodeError::ConnectTimeout(200));
            }
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        err.to_string(),
        format!(
            "no quorum possible (2 of 3 Redis servers needed, 2 failed): 127.0.0.1:{}: connect timed out after 200 ms; 127.0.0.1:{}: connect timed out after 200 ms",
            hang[0].port, hang[1].port
        )
    );
    assert_eq!(s.get(&k), None, "the one yes-vote was taken back");
}
