//! The Redlock decision for one acquire attempt, as a table: replies in, decision out. No
//! sockets, no clock: the replies are built by hand.

use std::time::Duration;

use redis::Value;
use redislock::lock::{decide, NodeError, Reply};

fn ok() -> Reply {
    Reply::Value(Value::Okay)
}
fn nil() -> Reply {
    Reply::Value(Value::Nil)
}
fn lost() -> Reply {
    Reply::Failed {
        sent: true,
        error: NodeError::Timeout(50),
    }
}
fn refused() -> Reply {
    Reply::Failed {
        sent: false,
        error: NodeError::Io("Connection refused (os error 111)".into()),
    }
}
fn hung_connect() -> Reply {
    Reply::Failed {
        sent: false,
        error: NodeError::ConnectTimeout(50),
    }
}
fn not_awaited(sent: bool) -> Reply {
    Reply::Failed {
        sent,
        error: NodeError::NotAwaited,
    }
}
fn error_reply() -> Reply {
    Reply::Value(redis::parse_redis_value(b"-ERR oops\r\n").expect("an error reply"))
}

/// Replies, time the round took; then what must be decided: granted, masters that may hold the
/// token, failures counted, quorum still possible.
type Row = (Vec<Reply>, Duration, bool, Vec<usize>, usize, bool);

const TTL: Duration = Duration::from_millis(10_000);
const FAST: Duration = Duration::from_millis(5);

#[test]
fn decision_table() {
    let rows: Vec<Row> = vec![
        (vec![ok()], FAST, true, vec![0], 0, true),
        (vec![nil()], FAST, false, vec![], 0, true),
        (vec![refused()], FAST, false, vec![], 1, false),
        (vec![lost()], FAST, false, vec![0], 1, false),
        (vec![ok(), ok(), nil()], FAST, true, vec![0, 1], 0, true),
        (vec![ok(), nil(), nil()], FAST, false, vec![0], 0, true),
        (
            vec![ok(), ok(), hung_connect()],
            FAST,
            true,
            vec![0, 1],
            1,
            true,
        ),
        (
            vec![hung_connect(), ok(), ok()],
            FAST,
            true,
            vec![1, 2],
            1,
            true,
        ),
        // A master not awaited is no failure; if the command went out it may hold the token.
        (
            vec![ok(), ok(), not_awaited(true)],
            FAST,
            true,
            vec![0, 1, 2],
            0,
            true,
        ),
        (
            vec![ok(), ok(), not_awaited(false)],
            FAST,
            true,
            vec![0, 1],
            0,
            true,
        ),
        (
            vec![ok(), lost(), lost()],
            FAST,
            false,
            vec![0, 1, 2],
            2,
            false,
        ),
        (
            vec![ok(), ok(), ok(), refused(), hung_connect()],
            FAST,
            true,
            vec![0, 1, 2],
            2,
            true,
        ),
        (
            vec![ok(), ok(), refused(), refused(), refused()],
            FAST,
            false,
            vec![0, 1],
            3,
            false,
        ),
        // An answer that is not one to SET: a failure, and the SET may have run there.
        (
            vec![ok(), ok(), error_reply()],
            FAST,
            true,
            vec![0, 1, 2],
            1,
            true,
        ),
        (
            vec![ok(), error_reply(), error_reply()],
            FAST,
            false,
            vec![0, 1, 2],
            2,
            false,
        ),
        // Votes that came too late: the validity is gone, so not granted, and cleaned up.
        (vec![ok(), ok(), ok()], TTL, false, vec![0, 1, 2], 0, true),
        (
            vec![ok()],
            Duration::from_millis(9_897),
            true,
            vec![0],
            0,
            true,
        ),
        (
            vec![ok()],
            Duration::from_millis(9_898),
            false,
            vec![0],
            0,
            true,
        ),
    ];
    for (n, (replies, elapsed, granted, may_hold, failed, possible)) in rows.into_iter().enumerate()
    {
        let quorum = replies.len() / 2 + 1;
        let d = decide(&replies, quorum, TTL, elapsed, &vec![false; replies.len()]);
        assert_eq!(d.validity.is_some(), granted, "row {n}: {d:?}");
        assert_eq!(d.may_hold, may_hold, "row {n}");
        assert_eq!(d.failed.len(), failed, "row {n}");
        assert_eq!(d.quorum_possible, possible, "row {n}");
    }
}

#[test]
fn validity_is_ttl_less_elapsed_and_drift() {
    let d = decide(&[ok()], 1, TTL, Duration::from_millis(100), &[false]);
    // 10 000 - 100 - (100 + 2)
    assert_eq!(d.validity, Some(Duration::from_millis(9_798)));
}

#[test]
fn timeouts_cut_to_a_tenth_of_the_ttl_are_missing_votes_not_failures() {
    let replies = [ok(), lost(), hung_connect()];
    let d = decide(&replies, 2, TTL, FAST, &[true, true, true]);
    assert_eq!(d.validity, None);
    assert!(d.failed.is_empty() && d.quorum_possible, "{d:?}");
    assert_eq!(d.may_hold, vec![0, 1]);
    // Not cut: the same replies are failures that make a quorum impossible.
    let d = decide(&replies, 2, TTL, FAST, &[false, false, false]);
    assert_eq!(d.failed.len(), 2);
    assert!(!d.quorum_possible);
    // A refused connection is a failure whatever the cap.
    let d = decide(&[ok(), refused(), refused()], 2, TTL, FAST, &[true; 3]);
    assert!(!d.quorum_possible);
}
