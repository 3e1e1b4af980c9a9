//! Faults of one server: fake Redis servers that misbehave one way each (tests/common/fake/),
//! against the core. Alone, a faulty server is an `Error::Unavailable` naming it and the
//! `NodeError` of the transport spec, within a hang bound (never a panic, a crash or a hang).

mod common;

use std::time::{Duration, Instant};

use common::fake::Fake;
use common::faults::*;
use common::*;
use redislock::lock::{new_token, Attempt, Masters, NodeError, Timeouts};

fn split(connect_ms: u64, reply_ms: u64) -> Timeouts {
    Timeouts {
        connect: Duration::from_millis(connect_ms),
        reply: Duration::from_millis(reply_ms),
    }
}

fn protocol_text(e: &NodeError) -> &str {
    match e {
        NodeError::Protocol(text) => text,
        other => panic!("expected a Protocol error, got {other:?}"),
    }
}

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
