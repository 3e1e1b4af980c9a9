//! The lock core: the Redlock algorithm over N independent masters. One server is the case N = 1
//! (quorum 1), so `RedisLock` and `RedLock` share this code and differ only in their faces.
//!
//! One attempt: `SET key token NX PX ttl` to every master at once; granted with votes >= N/2 + 1
//! and validity = ttl - elapsed - (1% ttl + 2 ms) > 0; otherwise the token is deleted everywhere it
//! may have been written. A master that fails is a missing vote; only when so many failed that no
//! quorum was possible is it an error.

use std::borrow::Cow;
use std::time::{Duration, Instant};

use redis::Value;

use super::client::{pack, round_trip_with, FanOut, Node, NodeError, Reply, Timeouts};
use crate::error::{Error, NodeFailure};

/// Compare-and-delete: deletes the key only while it still holds this token.
pub const RELEASE_SCRIPT: &str =
    "if redis.call('get',KEYS[1]) == ARGV[1] then return redis.call('del',KEYS[1]) else return 0 end";
/// SHA1 of [`RELEASE_SCRIPT`] (checked against Redis's `SCRIPT LOAD` in the tests).
pub const RELEASE_SHA: &str = "ae3671744a5dbb24ea37ef607b8b10ac7856d43e";
/// Compare-and-PEXPIRE: renews the key only while it still holds this token.
pub const EXTEND_SCRIPT: &str =
    "if redis.call('get',KEYS[1]) == ARGV[1] then return redis.call('pexpire',KEYS[1],ARGV[2]) else return 0 end";
/// SHA1 of [`EXTEND_SCRIPT`].
pub const EXTEND_SHA: &str = "0be193f9697b4b30826e1bc553c0064e0e04668c";

/// The masters a lock lives on, and how long each may take.
#[derive(Clone, Debug)]
pub struct Masters {
    nodes: Vec<Node>,
    timeouts: Vec<Timeouts>,
    /// Redlock mode: reply timeouts never above ttl/10, so a dead master cannot eat the validity.
    cap_to_ttl: bool,
    fan_out: FanOut,
}

/// The outcome of one acquire attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// The lock is ours for at least this long.
    Granted { validity: Duration },
    /// Another holder has it (or our votes came too late); nothing of ours is left behind.
    Busy,
}

impl Masters {
    /// `default` applies to every node without a timeout of its own. With one node the reply
    /// timeout is used as given; with several (or `redlock` set) it is capped at ttl/10 per call.
    pub fn new(nodes: Vec<Node>, default: Timeouts, redlock: bool) -> Result<Self, Error> {
        if nodes.is_empty() {
            return Err(Error::Config("no Redis server configured".into()));
        }
        let timeouts = nodes
            .iter()
            .map(|n| match n.timeout {
                Some(t) => Timeouts {
                    connect: t,
                    reply: t,
                },
                None => default,
            })
            .collect();
        let cap_to_ttl = redlock || nodes.len() > 1;
        Ok(Masters {
            nodes,
            timeouts,
            cap_to_ttl,
            fan_out: FanOut::Concurrent,
        })
    }

    /// The same lock asking the masters one after another (for comparison benchmarks only).
    pub fn one_by_one(mut self) -> Self {
        self.fan_out = FanOut::OneByOne;
        self
    }

    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    /// Votes needed: floor(N/2) + 1.
    pub fn quorum(&self) -> usize {
        self.nodes.len() / 2 + 1
    }

    fn timeouts_for(&self, ttl: Duration) -> Cow<'_, [Timeouts]> {
        if !self.cap_to_ttl {
            return Cow::Borrowed(&self.timeouts);
        }
        let cap = (ttl / 10).max(Duration::from_millis(1));
        self.timeouts
            .iter()
            .map(|t| Timeouts {
                connect: t.connect.min(cap),
                reply: t.reply.min(cap),
            })
            .collect()
    }

    /// One Redlock attempt with this token.
    pub fn try_acquire(&self, key: &[u8], token: &str, ttl: Duration) -> Result<Attempt, Error> {
        let timeouts = self.timeouts_for(ttl);
        let ttl_ms = ttl.as_millis().max(1).to_string();
        let request = pack(&[
            b"SET",
            key,
            token.as_bytes(),
            b"NX",
            b"PX",
            ttl_ms.as_bytes(),
        ]);
        let start = Instant::now();
        let quorum = self.quorum();
        let granted = |r: &[Option<Reply>]| {
            r.iter()
                .filter(|r| matches!(r, Some(Reply::Value(v)) if is_ok(v)))
                .count()
                >= quorum
        };
        let replies = round_trip_with(self.fan_out, &self.nodes, &timeouts, &request, &granted);
        let elapsed = start.elapsed();

        let votes = replies
            .iter()
            .filter(|r| matches!(r, Reply::Value(v) if is_ok(v)))
            .count();
        let drift = ttl / 100 + Duration::from_millis(2);
        let validity = ttl.checked_sub(elapsed + drift);
        if votes >= self.quorum() {
            if let Some(validity) = validity.filter(|v| !v.is_zero()) {
                return Ok(Attempt::Granted { validity });
            }
        }

        let mut failures = Vec::new();
        // Masters that may hold our token: granted, or the command was sent and the answer lost.
        let mut maybe_ours = Vec::new();
        for (i, reply) in replies.into_iter().enumerate() {
            match reply {
                Reply::Value(v) if is_ok(&v) => maybe_ours.push(i),
                Reply::Value(Value::Nil) => {}
                Reply::Value(other) => failures.push(self.failure(i, unexpected(other))),
                Reply::Failed { sent, error } => {
                    if sent {
                        maybe_ours.push(i);
                    }
                    failures.push(self.failure(i, error));
                }
            }
        }
        if !maybe_ours.is_empty() {
            // Best effort: a failure here leaves at most a key that expires with its TTL.
            let _ = self.script_on(
                &maybe_ours,
                RELEASE_SCRIPT,
                RELEASE_SHA,
                key,
                &[token.as_bytes()],
                ttl,
            );
        }
        self.check_quorum_possible(&failures)?;
        Ok(Attempt::Busy)
    }

    /// Deletes the key on every master where it still holds this token. True when a quorum
    /// confirmed a deletion.
    pub fn release(&self, key: &[u8], token: &str) -> Result<bool, Error> {
        let all: Vec<usize> = (0..self.nodes.len()).collect();
        let replies = self.script_on(
            &all,
            RELEASE_SCRIPT,
            RELEASE_SHA,
            key,
            &[token.as_bytes()],
            Duration::MAX,
        )?;
        self.count_confirmations(replies)
    }

    /// Renews the key to `ttl` on every master where it still holds this token. Granted only with
    /// a quorum within the new validity; otherwise the lock is lost and is released everywhere.
    pub fn extend(
        &self,
        key: &[u8],
        token: &str,
        ttl: Duration,
    ) -> Result<Option<Duration>, Error> {
        let ttl_ms = ttl.as_millis().max(1).to_string();
        let all: Vec<usize> = (0..self.nodes.len()).collect();
        let start = Instant::now();
        let replies = self.script_on(
            &all,
            EXTEND_SCRIPT,
            EXTEND_SHA,
            key,
            &[token.as_bytes(), ttl_ms.as_bytes()],
            ttl,
        )?;
        let elapsed = start.elapsed();
        let confirmed = self.count_confirmations(replies);
        let drift = ttl / 100 + Duration::from_millis(2);
        let validity = ttl.checked_sub(elapsed + drift).filter(|v| !v.is_zero());
        match (confirmed, validity) {
            (Ok(true), Some(validity)) => Ok(Some(validity)),
            (result, _) => {
                let _ = self.release(key, token);
                result.map(|_| None)
            }
        }
    }

    fn count_confirmations(&self, replies: Vec<(usize, Reply)>) -> Result<bool, Error> {
        let mut confirmed = 0;
        let mut failures = Vec::new();
        for (i, reply) in replies {
            match reply {
                Reply::Value(Value::Int(1)) => confirmed += 1,
                Reply::Value(Value::Int(_)) => {}
                Reply::Value(other) => failures.push(self.failure(i, unexpected(other))),
                Reply::Failed { error, .. } => failures.push(self.failure(i, error)),
            }
        }
        if confirmed >= self.quorum() {
            return Ok(true);
        }
        self.check_quorum_possible(&failures)?;
        Ok(false)
    }

    /// Runs a script by EVALSHA on the given masters at once; masters that answer NOSCRIPT get
    /// the script itself by EVAL (one more round trip, once per server lifetime).
    fn script_on(
        &self,
        which: &[usize],
        script: &str,
        sha: &str,
        key: &[u8],
        args: &[&[u8]],
        ttl: Duration,
    ) -> Result<Vec<(usize, Reply)>, Error> {
        let timeouts = self.timeouts_for(ttl);
        let build = |verb: &str, body: &str| match args {
            [a] => pack(&[verb.as_bytes(), body.as_bytes(), b"1", key, a]),
            [a, b] => pack(&[verb.as_bytes(), body.as_bytes(), b"1", key, a, b]),
            _ => {
                let mut parts: Vec<&[u8]> = vec![verb.as_bytes(), body.as_bytes(), b"1", key];
                parts.extend_from_slice(args);
                pack(&parts)
            }
        };
        let evalsha = build("EVALSHA", sha);
        let subset: Vec<Node>;
        let (nodes, ts): (&[Node], Cow<'_, [Timeouts]>) = if which.len() == self.nodes.len() {
            (&self.nodes, timeouts)
        } else {
            subset = which.iter().map(|&i| self.nodes[i].clone()).collect();
            (&subset, which.iter().map(|&i| timeouts[i]).collect())
        };
        let decided = enough_yes(self.quorum(), is_one);
        let mut replies = round_trip_with(self.fan_out, nodes, &ts, &evalsha, &decided);

        let missing: Vec<usize> = replies
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, Reply::Value(v) if is_noscript(v)))
            .map(|(j, _)| j)
            .collect();
        if !missing.is_empty() {
            let confirmed_first = replies
                .iter()
                .filter(|r| matches!(r, Reply::Value(v) if is_one(v)))
                .count();
            let eval = build("EVAL", script);
            let retry_nodes: Vec<Node> = missing.iter().map(|&j| nodes[j].clone()).collect();
            let retry_ts: Vec<Timeouts> = missing.iter().map(|&j| ts[j]).collect();
            let again = round_trip_with(
                self.fan_out,
                &retry_nodes,
                &retry_ts,
                &eval,
                &enough_yes(self.quorum().saturating_sub(confirmed_first), is_one),
            );
            for (j, reply) in missing.into_iter().zip(again) {
                replies[j] = reply;
            }
        }
        Ok(which.iter().copied().zip(replies).collect())
    }

    fn failure(&self, i: usize, error: NodeError) -> NodeFailure {
        NodeFailure {
            node: self.nodes[i].to_string(),
            error,
        }
    }

    /// An error when so many masters failed that no quorum was possible. A reply left unawaited
    /// because the others had decided is no failure.
    fn check_quorum_possible(&self, failures: &[NodeFailure]) -> Result<(), Error> {
        let failed = failures
            .iter()
            .filter(|f| f.error != NodeError::NotAwaited)
            .count();
        if self.nodes.len() - failed < self.quorum() {
            return Err(Error::Unavailable {
                needed: self.quorum(),
                total: self.nodes.len(),
                failures: failures
                    .iter()
                    .filter(|f| f.error != NodeError::NotAwaited)
                    .cloned()
                    .collect(),
            });
        }
        Ok(())
    }
}

/// A round may stop awaiting replies once `needed` of them say yes: the outcome is then decided
/// without the slow masters (the command was written to them and still runs there). A round
/// that has not reached that waits for every reply or its timeout, so a NOSCRIPT answer is never
/// left without its EVAL retry.
fn enough_yes(needed: usize, yes: impl Fn(&Value) -> bool) -> impl Fn(&[Option<Reply>]) -> bool {
    move |replies| {
        replies
            .iter()
            .filter(|r| matches!(r, Some(Reply::Value(v)) if yes(v)))
            .count()
            >= needed
    }
}

fn is_one(value: &Value) -> bool {
    matches!(value, Value::Int(1))
}

fn is_noscript(value: &Value) -> bool {
    matches!(value, Value::ServerError(e) if e.code() == "NOSCRIPT")
}

fn is_ok(value: &Value) -> bool {
    matches!(value, Value::Okay) || matches!(value, Value::SimpleString(s) if s == "OK")
}

fn unexpected(value: Value) -> NodeError {
    match value {
        Value::ServerError(e) => NodeError::Reply(e.to_string()),
        other => NodeError::Protocol(format!("{other:?}")),
    }
}
