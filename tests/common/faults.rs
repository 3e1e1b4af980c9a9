//! What the fault tests share (`faults_single`, `faults_handshake`, `faults_quorum`): the
//! settings, one acquire attempt against one faulty server and the shape of its error, the hang
//! bound, and what a recording fake may have received after a refused handshake.

use std::time::{Duration, Instant};

use redislock::lock::{new_token, Error, Masters, Node, NodeError, Timeouts};

use super::fake::Fake;
use super::key;

pub const TTL: Duration = Duration::from_secs(10);
/// The timeouts of the single-server tests.
pub const MS: u64 = 200;
/// At least 10x what a single-server fault should cost (one 200 ms timeout, and the cleanup's).
pub const HANG_BOUND: Duration = Duration::from_secs(2);

/// The one failure of a single-server error, after checking the error's shape and message.
pub fn only_failure(err: &Error, node: &Node) -> NodeError {
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
pub fn acquire_fails(node: &Node, t: Timeouts) -> (Error, NodeError, Duration) {
    let m = Masters::new(vec![node.clone()], t, false).unwrap();
    let start = Instant::now();
    let result = m.try_acquire(key("fault").as_bytes(), &new_token(), TTL);
    let took = start.elapsed();
    let err = result.expect_err("a faulty server grants nothing");
    let failure = only_failure(&err, node);
    (err, failure, took)
}

pub fn assert_bounded(took: Duration, bound: Duration) {
    assert!(took < bound, "hang bound {bound:?}: took {took:?}");
}

/// What reached a recording fake once the client is done with it: only handshake commands.
pub fn assert_only_handshake(fake: &Fake) {
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
