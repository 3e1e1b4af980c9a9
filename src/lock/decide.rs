//! What replies mean, as pure functions of the replies (no sockets, no clock of their own):
//! the decision of one acquire attempt, and when a round may stop awaiting stragglers.

use std::time::{Duration, Instant};

use redis::Value;

use super::error::NodeError;
use super::fanout::Reply;
use super::resp::error_text;

/// What one acquire attempt's replies decide.
#[derive(Debug, PartialEq, Eq)]
pub struct Decision {
    /// Some: granted, for this long.
    pub validity: Option<Duration>,
    /// Masters that may hold our token (voted yes, or the command went out and the answer was
    /// lost): where the token is deleted when the attempt is not granted.
    pub may_hold: Vec<usize>,
    /// Masters that failed, counted against the quorum.
    pub failed: Vec<(usize, NodeError)>,
    /// Whether the failures left enough masters for a quorum (false: an error, not "busy").
    pub quorum_possible: bool,
}

/// Decides an attempt from its replies (one per master), the votes needed, the ttl asked for and
/// the time the round took. Pure: no sockets, no clock.
pub fn decide(replies: &[Reply], quorum: usize, ttl: Duration, elapsed: Duration) -> Decision {
    let mut votes = 0;
    let mut may_hold = Vec::new();
    let mut failed = Vec::new();
    for (i, reply) in replies.iter().enumerate() {
        match reply {
            Reply::Value(v) if is_ok(v) => {
                votes += 1;
                may_hold.push(i);
            }
            Reply::Value(Value::Nil) => {}
            Reply::Value(other) => failed.push((i, unexpected(other))),
            Reply::Failed { sent, error } => {
                if *sent {
                    may_hold.push(i);
                }
                if *error != NodeError::NotAwaited {
                    failed.push((i, error.clone()));
                }
            }
        }
    }
    let drift = ttl / 100 + Duration::from_millis(2);
    let validity = ttl
        .checked_sub(elapsed + drift)
        .filter(|v| !v.is_zero() && votes >= quorum);
    Decision {
        validity,
        quorum_possible: replies.len() - failed.len() >= quorum,
        may_hold,
        failed,
    }
}

/// Once `needed` replies satisfy `yes`, the outcome is decided: the masters still silent get a
/// grace of three times what the decision took (at least 10 ms), healthy ones answer within it,
/// and are then not awaited. A round short of that awaits every reply or its timeout, so a
/// NOSCRIPT answer is never left without its EVAL retry.
pub fn grace_after(
    needed: usize,
    yes: fn(&Value) -> bool,
) -> impl Fn(&[Option<Reply>], Instant) -> Option<Instant> {
    move |replies, started| {
        let count = replies
            .iter()
            .filter(|r| matches!(r, Some(Reply::Value(v)) if yes(v)))
            .count();
        (count >= needed).then(|| {
            let now = Instant::now();
            now + (now - started).mul_f64(3.0).max(Duration::from_millis(10))
        })
    }
}

pub fn is_one(value: &Value) -> bool {
    matches!(value, Value::Int(1))
}

pub fn is_noscript(value: &Value) -> bool {
    matches!(value, Value::ServerError(e) if e.code() == "NOSCRIPT")
}

pub fn is_ok(value: &Value) -> bool {
    matches!(value, Value::Okay) || matches!(value, Value::SimpleString(s) if s == "OK")
}

pub fn unexpected(value: &Value) -> NodeError {
    match value {
        Value::ServerError(e) => NodeError::Reply(super::error::quote(error_text(e).as_bytes())),
        other => NodeError::Protocol(super::error::quote(format!("{other:?}").as_bytes())),
    }
}
