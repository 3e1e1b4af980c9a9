//! Faults of the handshake: real servers and recording fakes that refuse AUTH or SELECT. The
//! refusal is the server's error, without the credentials, and no lock command is sent after it;
//! a handshake that succeeds comes first, before the identity, the scripts and the command.

mod common;

use common::fake::Fake;
use common::faults::*;
use common::*;
use redislock::lock::scripts::{
    ACQUIRE_WAIT_FENCED_SCRIPT, ACQUIRE_WAIT_SCRIPT, EXTEND_SCRIPT, FENCED_ACQUIRE_SCRIPT,
    RELEASE_SCRIPT, RELEASE_SHA, RELEASE_WAKE_SCRIPT,
};
use redislock::lock::{new_token, Attempt, Masters, NodeError};

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
            format!("SCRIPT LOAD {ACQUIRE_WAIT_SCRIPT}"),
            format!("SCRIPT LOAD {RELEASE_WAKE_SCRIPT}"),
            format!("SCRIPT LOAD {FENCED_ACQUIRE_SCRIPT}"),
            format!("SCRIPT LOAD {ACQUIRE_WAIT_FENCED_SCRIPT}"),
            format!("SET {k} {token} NX PX 10000"),
            format!("EVALSHA {RELEASE_SHA} 1 {k} {token}"),
        ]
    );
}
