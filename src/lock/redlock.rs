//! The lock core: the Redlock algorithm over N independent masters. One server is the case N = 1
//! (quorum 1), so `RedisLock` and `RedLock` share this code and differ only in their faces.
//!
//! One attempt: `SET key token NX PX ttl` to every master at once; granted with votes >= N/2 + 1
//! and validity = ttl - elapsed - (1% ttl + 2 ms) > 0; otherwise the token is deleted everywhere it
//! may have been written. A master that fails is a missing vote; only when so many failed that no
//! quorum was possible is it an error. What an attempt's replies mean is decided in `decide.rs`,
//! by pure functions; this file feeds them.

use std::borrow::Cow;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use redis::Value;

use super::clock;
use super::decide::{decide, decided_attempt, single_validity, validity};
use super::error::{Error, NodeError, NodeFailure};
use super::fanout::{FanOut, Reply};
use super::identity::{self, same_server, Identity};
use super::node::{Node, Timeouts};
use super::replicas::Replicas;
use super::resp::pack;
use super::route::round_trip;
use super::scripts::{self, RELEASE_SCRIPT, RELEASE_SHA};
use super::sentinel;

/// The masters a lock lives on, and how long each may take.
#[derive(Debug)]
pub struct Masters {
    pub(super) nodes: Vec<Node>,
    pub(super) timeouts: Vec<Timeouts>,
    /// Redlock mode: timeouts never above ttl/10, so a dead master cannot eat the validity.
    pub(super) cap_to_ttl: bool,
    pub(super) fan_out: FanOut,
    /// The identity table's generation at which every master was known and no two were the
    /// same server (0: not yet).
    pub(super) distinct_at: AtomicU64,
    /// One server whose waiters block on a wake list (`RedisLock`): release wakes one.
    pub(super) wake: bool,
    /// Replicas that must acknowledge a new lock (`redislock.wait_replicas`; see `replicas`).
    pub(super) replicas: Option<Replicas>,
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
    /// `default` applies to every node without a timeout of its own. With one node the timeouts
    /// are used as given; with several (or `redlock` set) they are capped at ttl/10 per call.
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
        let nodes_len = nodes.len();
        Ok(Masters {
            nodes,
            timeouts,
            cap_to_ttl,
            fan_out: FanOut::Concurrent,
            distinct_at: AtomicU64::new(if nodes_len == 1 { u64::MAX } else { 0 }),
            wake: false,
            replicas: None,
        })
    }

    /// A lock counts only once `n` replicas acknowledged it (0: at once); see `replicas`.
    pub fn waiting_for_replicas(mut self, n: u32) -> Self {
        self.replicas = (n > 0).then_some(Replicas(n));
        self
    }

    /// Waiting acquires block until a release wakes them (one server only: a quorum's waiters
    /// could not block on several servers at once; they keep short random pauses).
    pub fn waking(mut self) -> Self {
        self.wake = self.nodes.len() == 1;
        self
    }

    /// Whether waiting acquires block on the wake list (see `waking`).
    pub fn wakes(&self) -> bool {
        self.wake
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

    /// The per-master timeout cap for this ttl (Redlock mode): a tenth of the ttl, at least 1 ms,
    /// so a dead master cannot eat the validity.
    fn cap(&self, ttl: Duration) -> Option<Duration> {
        self.cap_to_ttl
            .then(|| (ttl / 10).max(Duration::from_millis(1)))
    }

    pub(super) fn timeouts_for(&self, ttl: Duration) -> Cow<'_, [Timeouts]> {
        let Some(cap) = self.cap(ttl) else {
            return Cow::Borrowed(&self.timeouts);
        };
        self.timeouts
            .iter()
            .map(|t| Timeouts {
                connect: t.connect.min(cap),
                reply: t.reply.min(cap),
            })
            .collect()
    }

    /// Which masters' timeouts the cap cut for this ttl.
    /// Empty (no allocation) when nothing is capped: readers take a missing entry as false.
    pub(super) fn capped(&self, ttl: Duration) -> Vec<bool> {
        let Some(cap) = self.cap(ttl) else {
            return Vec::new();
        };
        self.timeouts
            .iter()
            .map(|t| cap < t.connect || cap < t.reply)
            .collect()
    }

    /// What is left of a lock of `ttl` granted in `elapsed`: Redlock's validity (drift allowed
    /// for) with a quorum; ttl - elapsed on one server.
    pub(super) fn validity_after(&self, ttl: Duration, elapsed: Duration) -> Option<Duration> {
        if self.cap_to_ttl {
            validity(ttl, elapsed)
        } else {
            single_validity(ttl, elapsed)
        }
    }

    /// An error when two entries are known to reach the same server (it would vote twice).
    /// Checked before each operation until every master's identity is known and distinct, and
    /// again whenever an identity changed (a server restarted, an alias connected).
    pub(super) fn check_distinct(&self) -> Result<(), Error> {
        let checked = self.distinct_at.load(Ordering::Relaxed);
        let generation = identity::generation();
        if checked == u64::MAX || checked == generation {
            return Ok(());
        }
        let known: Vec<Option<Identity>> = self
            .nodes
            .iter()
            .map(|n| match n.sentinels() {
                // A Sentinel service is the server it names now.
                Some(set) => sentinel::current(set).and_then(|a| identity::of(&a)),
                None => identity::of(&n.address),
            })
            .collect();
        for (i, a) in known.iter().enumerate() {
            for (j, b) in known.iter().enumerate().skip(i + 1) {
                if let Some(why) = a
                    .as_ref()
                    .zip(b.as_ref())
                    .and_then(|(a, b)| same_server(a, b))
                {
                    return Err(Error::Config(format!(
                        "{} and {} are the same Redis server ({why}): one server must not vote twice in a quorum; list each server once",
                        self.nodes[i], self.nodes[j]
                    )));
                }
            }
        }
        if known.iter().all(Option::is_some) {
            self.distinct_at.store(generation, Ordering::Relaxed);
        }
        Ok(())
    }

    /// One Redlock attempt with this token.
    pub fn try_acquire(&self, key: &[u8], token: &str, ttl: Duration) -> Result<Attempt, Error> {
        self.check_distinct()?;
        let timeouts = self.timeouts_for(ttl);
        let ttl_ms = ttl.as_millis().max(1).to_string();
        let mut request = pack(&[
            b"SET",
            key,
            token.as_bytes(),
            b"NX",
            b"PX",
            ttl_ms.as_bytes(),
        ]);
        if let Some(r) = self.replicas {
            let shortest = timeouts.iter().map(|t| t.reply).min().unwrap_or_default();
            request = r.behind(request, shortest);
        }
        let start = clock::now();
        let mut replies = round_trip(
            self.fan_out,
            &self.nodes,
            &timeouts,
            &request,
            scripts::preload(),
            &decided_attempt(self.quorum()),
        );
        if let Some(r) = self.replicas {
            // A grant too few replicas have is a vote lost (its key is deleted below).
            for reply in replies.iter_mut() {
                let (own, verdict) = r.split(std::mem::replace(reply, Reply::Value(Value::Nil)));
                *reply = match verdict {
                    Err(error) if matches!(&own, Reply::Value(v) if super::decide::is_ok(v)) => {
                        Reply::Failed { sent: true, error }
                    }
                    _ => own,
                };
            }
        }
        let elapsed = start.elapsed();
        let decision = decide(&replies, self.quorum(), ttl, elapsed, &self.capped(ttl));
        let validity = if self.cap_to_ttl {
            decision.validity
        } else {
            (decision.votes >= self.quorum())
                .then(|| single_validity(ttl, elapsed))
                .flatten()
        };
        // This round may have been the first to reach some masters: are they distinct?
        let distinct = self.check_distinct();
        if let (Some(validity), Ok(())) = (validity, &distinct) {
            return Ok(Attempt::Granted { validity });
        }
        if !decision.may_hold.is_empty() {
            // Awaited only as long as the masters that answered the attempt take: one that
            // failed is sent the delete but costs no second timeout. A failure here leaves at
            // most a key that expires with its TTL (this attempt's token: no later attempt's).
            let answered = decision
                .may_hold
                .iter()
                .map(|&i| matches!(replies[i], Reply::Value(_)))
                .collect();
            let _ = self.script_on(
                &decision.may_hold,
                (RELEASE_SCRIPT, RELEASE_SHA),
                &[key],
                &[token.as_bytes()],
                ttl,
                Some(answered),
            );
        }
        distinct?;
        if !decision.quorum_possible {
            return Err(self.unavailable(decision.failed));
        }
        Ok(Attempt::Busy)
    }

    pub(super) fn unavailable(&self, failed: Vec<(usize, NodeError)>) -> Error {
        Error::Unavailable {
            needed: self.quorum(),
            total: self.nodes.len(),
            failures: failed
                .into_iter()
                .map(|(i, error)| NodeFailure {
                    node: self.nodes[i].to_string(),
                    error,
                })
                .collect(),
        }
    }
}
