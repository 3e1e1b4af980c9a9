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
    /// Masters that granted it.
    pub votes: usize,
}

/// Decides an attempt from its replies (one per master), the votes needed, the ttl asked for,
/// the time the round took, and which masters' timeouts were cut to a tenth of the ttl. A
/// master that missed such a cut deadline is a missing vote, not a failure: with a TTL that
/// small the answer is "not granted", never an error against healthy masters. Granted only with
/// at least 1 ms of validity. Pure: no sockets, no clock.
pub fn decide(
    replies: &[Reply],
    quorum: usize,
    ttl: Duration,
    elapsed: Duration,
    capped: &[bool],
) -> Decision {
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
            Reply::Value(other) => {
                // Not an answer to SET: the SET may have run there all the same.
                may_hold.push(i);
                failed.push((i, unexpected(other)));
            }
            Reply::Failed { sent, error } => {
                if *sent {
                    may_hold.push(i);
                }
                if counts_as_failure(error, capped.get(i).copied().unwrap_or(false)) {
                    failed.push((i, error.clone()));
                }
            }
        }
    }
    let validity = validity(ttl, elapsed).filter(|_| votes >= quorum);
    Decision {
        validity,
        votes,
        quorum_possible: replies.len() - failed.len() >= quorum,
        may_hold,
        failed,
    }
}

/// What is left of a lock of `ttl` taken in `elapsed`: ttl - elapsed - (1% of ttl + 2 ms) for
/// the drift between clocks; None below 1 ms (a validity of 0 ms is no lock).
pub fn validity(ttl: Duration, elapsed: Duration) -> Option<Duration> {
    let drift = ttl / 100 + Duration::from_millis(2);
    ttl.checked_sub(elapsed + drift)
        .filter(|v| *v >= Duration::from_millis(1))
}

/// What is left of a lock of `ttl` on one server (not Redlock) taken in `elapsed`: no clock
/// drift between independent servers to allow for, so ttl - elapsed; None when nothing is left
/// (the key may already have expired). A 1 ms lock is a lock, as the PHP class's was.
pub fn single_validity(ttl: Duration, elapsed: Duration) -> Option<Duration> {
    ttl.checked_sub(elapsed).filter(|v| !v.is_zero())
}

/// Whether a master's failure counts toward "no quorum possible" (an error rather than a "no").
/// Not awaited: the others decided. A timeout cut to a tenth of the ttl: too slow for that ttl,
/// not a failed server.
pub fn counts_as_failure(error: &NodeError, capped: bool) -> bool {
    match error {
        // A vote lost, not a server down: the attempt is busy, not impossible.
        NodeError::NotAwaited | NodeError::Replicas { .. } => false,
        NodeError::Timeout(_) | NodeError::ConnectTimeout(_) | NodeError::TlsTimeout(_) => !capped,
        _ => true,
    }
}

/// A grace of three times what the decision took, at least 10 ms: healthy masters answer within
/// it; only a frozen or slow one is left behind.
fn grace(started: Instant) -> Instant {
    let now = Instant::now();
    now + (now - started).mul_f64(3.0).max(Duration::from_millis(10))
}

/// Once `needed` replies satisfy `yes`, the outcome is decided: the masters still silent get the
/// grace and are then not awaited. A round short of that awaits every reply or its timeout, so a
/// NOSCRIPT answer is never left without its EVAL retry (release and extend use this).
pub fn grace_after(
    needed: usize,
    yes: fn(&Value) -> bool,
) -> impl Fn(&[Option<Reply>], Instant) -> Option<Instant> {
    move |replies, started| {
        let count = replies
            .iter()
            .filter(|r| matches!(r, Some(Reply::Value(v)) if yes(v)))
            .count();
        (count >= needed).then(|| grace(started))
    }
}

/// `isHeld`'s round: decided once `needed` masters answered this exact value (the grace then,
/// as in `grace_after`).
pub fn matches_after(
    needed: usize,
    expected: &[u8],
) -> impl Fn(&[Option<Reply>], Instant) -> Option<Instant> + '_ {
    move |replies, started| {
        let count = replies
            .iter()
            .filter(|r| matches!(r, Some(Reply::Value(Value::BulkString(b))) if b == expected))
            .count();
        (count >= needed).then(|| grace(started))
    }
}

/// An acquire attempt's round: decided by a quorum of `OK`, or when so many masters said no or
/// failed that a quorum can no longer be reached; then the grace, not a node timeout.
pub fn decided_attempt(needed: usize) -> impl Fn(&[Option<Reply>], Instant) -> Option<Instant> {
    move |replies, started| {
        let (mut yes, mut no) = (0, 0);
        for reply in replies.iter().flatten() {
            match reply {
                Reply::Value(v) if is_ok(v) => yes += 1,
                // Sent with WAIT behind it (`replicas`): a grant, pending the replicas' count.
                Reply::Value(Value::Array(a)) if a.first().is_some_and(is_ok) => yes += 1,
                _ => no += 1,
            }
        }
        // A quorum impossible is decided too; the masters still out get the same grace, so a
        // healthy one's answer is read and its connection kept, not closed and reopened.
        (yes >= needed || replies.len() - no < needed).then(|| grace(started))
    }
}

/// The cleanup after an attempt that was not granted: awaited until the masters that answered
/// the attempt (`answered`) have answered it too, and at least 10 ms, so the cleanup is written
/// to the others as well; a master that failed the attempt never costs a second full timeout.
pub fn cleanup_done(answered: Vec<bool>) -> impl Fn(&[Option<Reply>], Instant) -> Option<Instant> {
    move |replies, started| {
        let all = replies
            .iter()
            .zip(&answered)
            .all(|(reply, healthy)| reply.is_some() || !healthy);
        all.then(|| Instant::now().max(started + Duration::from_millis(10)))
    }
}

pub fn is_one(value: &Value) -> bool {
    matches!(value, Value::Int(1))
}

pub fn is_noscript(value: &Value) -> bool {
    match value {
        Value::ServerError(e) => e.code() == "NOSCRIPT",
        // A script sent with WAIT behind it (`replicas`).
        Value::Array(a) if a.len() == 2 => a.first().is_some_and(is_noscript),
        _ => false,
    }
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
