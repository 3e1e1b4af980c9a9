//! Faults: fake Redis servers that misbehave one way each (tests/common/fake.rs), and real ones
//! that refuse the handshake, against the core. Alone, a faulty server is an
//! `Error::Unavailable` naming it and the `NodeError` of the transport spec, within a hang bound
//! (never a panic, a crash or a hang); in a quorum it costs only its own vote.

mod common;

use std::time::{Duration, Instant};

use common::fake::Fake;
use common::*;
use redislock::lock::scripts::{EXTEND_SCRIPT, RELEASE_SCRIPT, RELEASE_SHA};
use redislock::lock::{new_token, Attempt, Error, Masters, Node, NodeError, Timeouts};

const TTL: Duration = Duration::from_secs(10);
/// The timeouts of the single-server tests.
const MS: u64 = 200;
/// At least 10x what a single-server fault should cost (one 200 ms timeout, and the cleanup's).
const HANG_BOUND: Duration = Duration::from_secs(2);

fn split(connect_ms: u64, reply_ms: u64) -> Timeouts {
    Timeouts {
        connect: Duration::from_millis(connect_ms),
        reply: Duration::from_millis(reply_ms),
    }
}

/// The one failure of a single-server error, after checking the error's shape and message.
fn only_failure(err: &Error, node: &Node) -> NodeError {
    match err {
        Error::Unavailable {
            needed: 1,
            total: 1,
            failures,
        } if failures.len() == 1 => {
            assert_eq!(failures[0].node, node.to_string());
            assert_eq!(
                err.to_string(),
                format!("Redis server {node}: {}", failures[0].error)
            );
            failures[0].error.clone()
        }
        other => panic!("expected Unavailable from the one server, got {other:?}"),
    }
}

/// One acquire attempt against one faulty server: its error, the server's failure, the time.
fn acquire_fails(node: &Node, t: Timeouts) -> (Error, NodeError, Duration) {
    let m = Masters::new(vec![node.clone()], t, false).unwrap();
    let start = Instant::now();
    let result = m.try_acquire(key("fault").as_bytes(), &new_token(), TTL);
    let took = start.elapsed();
    let err = result.expect_err("a faulty server grants nothing");
    let failure = only_failure(&err, node);
    (err, failure, took)
}

fn assert_bounded(took: Duration, bound: Duration) {
    assert!(took < bound, "hang bound {bound:?}: took {took:?}");
}

fn protocol_text(e: &NodeError) -> &str {
    match e {
        NodeError::Protocol(text) => text,
        other => panic!("expected a Protocol error, got {other:?}"),
    }
}

// ---- One server, one fault ----

#[test]
fn nested_reply_is_a_protocol_error_not_a_crash() {
    let fake = Fake::nested();
    let node = fake.node();
    // A small stack: a parser that recursed per level would overflow it long before 60,000.
    let worker = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || {
            let (err, failure, took) = acquire_fails(&node, timeouts(MS));
            let m = Masters::new(vec![node.clone()], timeouts(MS), false).unwrap();
            let release = m.release(b"k", &new_token());
            (node, err, failure, took, release)
        })
        .unwrap();
    let (node, err, failure, took, release) = worker.join().expect("no panic");
    assert_eq!(
        failure,
        NodeError::Protocol("nested deeper than 16 levels".into())
    );
    assert_eq!(
        err.to_string(),
        format!("Redis server {node}: unexpected reply: nested deeper than 16 levels")
    );
    assert_bounded(took, HANG_BOUND);
    let release = release.expect_err("release meets the same reply");
    assert_eq!(
        only_failure(&release, &node),
        NodeError::Protocol("nested deeper than 16 levels".into())
    );
}

#[test]
fn unknown_reply_type_byte_is_a_protocol_error() {
    let fake = Fake::garbage();
    let (err, failure, took) = acquire_fails(&fake.node(), timeouts(MS));
    assert!(
        protocol_text(&failure).contains("unexpected reply type byte"),
        "{failure}"
    );
    assert!(
        err.to_string()
            .contains(": unexpected reply: unexpected reply type byte"),
        "{err}"
    );
    assert_bounded(took, HANG_BOUND);
}

#[test]
fn huge_bulk_header_is_refused_at_once_not_waited_for() {
    let fake = Fake::huge_bulk();
    // A long reply timeout: the header alone must decide, the bytes it announces are not awaited.
    let (_, failure, took) = acquire_fails(&fake.node(), timeouts(2000));
    assert!(protocol_text(&failure).contains("exceeds"), "{failure}");
    assert_bounded(took, Duration::from_millis(1000));
}

#[test]
fn huge_array_header_is_refused_at_once() {
    let fake = Fake::wide_array();
    let (_, failure, took) = acquire_fails(&fake.node(), timeouts(2000));
    assert!(protocol_text(&failure).contains("exceeds"), "{failure}");
    assert_bounded(took, Duration::from_millis(1000));
}

#[test]
fn endless_reply_line_is_refused_past_the_size_limit() {
    let fake = Fake::endless_line();
    let (_, failure, took) = acquire_fails(&fake.node(), timeouts(5000));
    assert!(protocol_text(&failure).contains("exceeds"), "{failure}");
    assert_bounded(took, Duration::from_millis(4000));
}

#[test]
fn auth_error_echoing_the_credentials_never_shows_them() {
    let fake = Fake::auth_echo();
    for user in [Some("locker-name"), None] {
        let mut node = fake.node();
        node.username = user.map(str::to_string);
        node.password = Some("S3cr3t-pw".into());
        let (err, failure, took) = acquire_fails(&node, timeouts(MS));
        assert_eq!(
            failure,
            NodeError::Handshake("ERR unknown command 'AUTH'".into())
        );
        let shown = format!("{err} {err:?}");
        assert!(
            err.to_string().ends_with(
                ": authentication or database selection failed: ERR unknown command 'AUTH'"
            ),
            "{err}"
        );
        assert!(!shown.contains("S3cr3t"), "password shown: {shown}");
        assert!(!shown.contains("locker-name"), "user name shown: {shown}");
        assert_bounded(took, HANG_BOUND);
    }
}

#[test]
fn silent_server_is_a_reply_timeout() {
    let fake = Fake::silent();
    let (err, failure, took) = acquire_fails(&fake.node(), timeouts(MS));
    assert_eq!(failure, NodeError::Timeout(200));
    assert!(
        err.to_string().ends_with(": no reply within 200 ms"),
        "{err}"
    );
    assert!(took >= Duration::from_millis(200), "{took:?}");
    assert_bounded(took, HANG_BOUND);
}

#[test]
fn reply_trickled_past_the_deadline_is_a_reply_timeout() {
    // Over 100 bytes at 10 ms each: the reply timeout bounds the whole reply, not each read.
    let fake = Fake::bytewise();
    let (err, failure, took) = acquire_fails(&fake.node(), timeouts(MS));
    assert_eq!(failure, NodeError::Timeout(200));
    assert!(
        err.to_string().ends_with(": no reply within 200 ms"),
        "{err}"
    );
    assert_bounded(took, HANG_BOUND);
}

#[test]
fn reply_trickled_within_the_timeout_is_put_together() {
    let fake = Fake::bytewise();
    let m = Masters::new(vec![fake.node()], split(1000, 20_000), false).unwrap();
    let k = key("trickled");
    let token = new_token();
    let start = Instant::now();
    match m.try_acquire(k.as_bytes(), &token, TTL).unwrap() {
        Attempt::Granted { validity } => assert!(validity > Duration::ZERO && validity < TTL),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        m.try_acquire(k.as_bytes(), &new_token(), TTL).unwrap(),
        Attempt::Busy,
        "a nil, byte by byte"
    );
    assert!(m.release(k.as_bytes(), &token).unwrap());
    assert!(!m.release(k.as_bytes(), &token).unwrap(), "already gone");
    // About 170 bytes trickled in all (INFO, two SHAs, then short replies): under 2 s expected.
    assert_bounded(start.elapsed(), Duration::from_secs(20));
}

#[test]
fn half_reply_then_stall_is_a_reply_timeout() {
    let fake = Fake::half_stall();
    let (err, failure, took) = acquire_fails(&fake.node(), timeouts(MS));
    assert_eq!(failure, NodeError::Timeout(200));
    assert!(
        err.to_string().ends_with(": no reply within 200 ms"),
        "{err}"
    );
    assert_bounded(took, HANG_BOUND);
}

#[test]
fn hang_connect_fake_really_hangs_a_plain_connect() {
    let fake = Fake::hang_connect();
    let start = Instant::now();
    let err = std::net::TcpStream::connect_timeout(&fake.addr(), Duration::from_millis(300))
        .expect_err("no SYN-ACK: the connect cannot complete");
    assert_eq!(err.kind(), std::io::ErrorKind::TimedOut, "{err}");
    assert!(start.elapsed() >= Duration::from_millis(300));
}

#[test]
fn hanging_connect_is_a_connect_timeout() {
    let fake = Fake::hang_connect();
    let (err, failure, took) = acquire_fails(&fake.node(), timeouts(MS));
    assert_eq!(failure, NodeError::ConnectTimeout(200));
    assert!(
        err.to_string()
            .ends_with(": connect timed out after 200 ms"),
        "{err}"
    );
    assert!(took >= Duration::from_millis(200), "{took:?}");
    assert_bounded(took, HANG_BOUND);
}

#[test]
fn connect_and_reply_timeouts_are_told_apart() {
    let hang = Fake::hang_connect();
    let silent = Fake::silent();
    let t = split(150, 250);
    let (connect_err, connect, _) = acquire_fails(&hang.node(), t);
    let (reply_err, reply, _) = acquire_fails(&silent.node(), t);
    assert_eq!(connect, NodeError::ConnectTimeout(150));
    assert_eq!(reply, NodeError::Timeout(250));
    assert!(
        connect_err
            .to_string()
            .ends_with("connect timed out after 150 ms"),
        "{connect_err}"
    );
    assert!(
        reply_err.to_string().ends_with("no reply within 250 ms"),
        "{reply_err}"
    );
}

// ---- The handshake comes first ----

/// Redis's own count of the lock's commands on `s` is zero and `k` is not set; then the same
/// counts read after a lock taken with the server's right settings are not (so they can fail).
fn assert_no_lock_command_ran(s: &Server, k: &str) {
    const LOCK_COMMANDS: [&str; 4] = [
        "cmdstat_set",
        "cmdstat_script|load",
        "cmdstat_evalsha",
        "cmdstat_eval",
    ];
    assert_eq!(s.get(k), None);
    for cmd in LOCK_COMMANDS {
        assert_eq!(s.info_field(cmd), 0, "{cmd} ran after a refused handshake");
    }
    let m = single(s);
    let token = new_token();
    assert!(matches!(
        m.try_acquire(k.as_bytes(), &token, TTL).unwrap(),
        Attempt::Granted { .. }
    ));
    assert!(m.release(k.as_bytes(), &token).unwrap());
    for cmd in ["cmdstat_set", "cmdstat_script|load", "cmdstat_evalsha"] {
        assert!(s.info_field(cmd) >= 1, "{cmd} is counted once it runs");
    }
}

#[test]
fn refused_auth_on_a_real_server_runs_no_command() {
    let s = Server::start(); // no password configured
    let mut node = s.node();
    node.password = Some("Wr0ng-S3cret".into());
    let k = key("auth-refused");
    let m = Masters::new(vec![node.clone()], timeouts(1000), false).unwrap();
    let err = m
        .try_acquire(k.as_bytes(), &new_token(), TTL)
        .expect_err("AUTH refused");
    match only_failure(&err, &node) {
        NodeError::Handshake(text) => assert!(text.starts_with("ERR AUTH"), "{text}"),
        other => panic!("{other:?}"),
    }
    assert!(
        err.to_string()
            .contains(": authentication or database selection failed: ERR AUTH"),
        "{err}"
    );
    assert!(!format!("{err} {err:?}").contains("Wr0ng-S3cret"), "{err}");
    assert!(m.release(k.as_bytes(), "t").is_err());
    assert_no_lock_command_ran(&s, &k);
}

#[test]
fn failed_select_on_a_real_server_runs_no_command() {
    let s = Server::start(); // 16 databases
    let mut node = s.node();
    node.db = 99;
    let k = key("select-failed");
    let m = Masters::new(vec![node.clone()], timeouts(1000), false).unwrap();
    let err = m
        .try_acquire(k.as_bytes(), &new_token(), TTL)
        .expect_err("SELECT 99 fails");
    assert_eq!(
        only_failure(&err, &node),
        NodeError::Handshake("ERR DB index is out of range".into())
    );
    assert_eq!(
        err.to_string(),
        format!(
            "Redis server 127.0.0.1:{}/99: authentication or database selection failed: ERR DB index is out of range",
            s.port
        )
    );
    assert_no_lock_command_ran(&s, &k);
}

/// What reached a recording fake once the client is done with it: only handshake commands.
fn assert_only_handshake(fake: &Fake) {
    // Anything still in flight arrives meanwhile.
    std::thread::sleep(Duration::from_millis(100));
    let verbs = fake.verbs();
    assert!(!verbs.is_empty(), "the handshake reached the fake");
    assert!(
        verbs.iter().all(|v| v == "AUTH" || v == "SELECT"),
        "only the handshake may arrive: {:?}",
        fake.command_lines()
    );
}

#[test]
fn refused_auth_sends_no_lock_command() {
    let fake = Fake::recording_auth_refused();
    let mut node = fake.node();
    node.password = Some("pw-refused".into());
    let k = key("recorded-auth");
    let (_, failure, took) = acquire_fails(&node, timeouts(MS));
    assert_eq!(
        failure,
        NodeError::Handshake(
            "WRONGPASS invalid username-password pair or user is disabled.".into()
        )
    );
    assert_bounded(took, HANG_BOUND);
    let m = Masters::new(vec![node.clone()], timeouts(MS), false).unwrap();
    assert!(m.release(k.as_bytes(), "t").is_err());
    assert!(m.extend(k.as_bytes(), "t", TTL).is_err());
    assert_only_handshake(&fake);
    assert_eq!(fake.verbs()[0], "AUTH");
}

#[test]
fn refused_select_sends_no_lock_command() {
    let fake = Fake::recording();
    let mut node = fake.node();
    node.db = 99;
    let (_, failure, _) = acquire_fails(&node, timeouts(MS));
    assert_eq!(
        failure,
        NodeError::Handshake("ERR DB index is out of range".into())
    );
    assert_only_handshake(&fake);
    assert_eq!(fake.command_lines(), ["SELECT 99"]);
}

#[test]
fn handshake_then_identity_scripts_and_the_command() {
    let fake = Fake::recording();
    let mut node = fake.node();
    node.username = Some("locker".into());
    node.password = Some("pw".into());
    node.db = 3;
    let m = Masters::new(vec![node], timeouts(1000), false).unwrap();
    let k = key("recorded-order");
    let token = new_token();
    assert!(matches!(
        m.try_acquire(k.as_bytes(), &token, TTL).unwrap(),
        Attempt::Granted { .. }
    ));
    assert!(m.release(k.as_bytes(), &token).unwrap());
    assert_eq!(
        fake.command_lines(),
        [
            "AUTH locker pw".to_string(),
            "SELECT 3".to_string(),
            "INFO server".to_string(),
            format!("SCRIPT LOAD {RELEASE_SCRIPT}"),
            format!("SCRIPT LOAD {EXTEND_SCRIPT}"),
            format!("SET {k} {token} NX PX 10000"),
            format!("EVALSHA {RELEASE_SHA} 1 {k} {token}"),
        ]
    );
}

// ---- Quorums: a faulty master costs its own vote ----

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
