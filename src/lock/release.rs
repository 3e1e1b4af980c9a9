//! The rounds that end or renew a lock: release (compare-and-delete), extend
//! (compare-and-PEXPIRE), and the script round both use, with EVAL after a NOSCRIPT.

use std::borrow::Cow;
use std::time::Duration;

use redis::Value;

use super::clock;
use super::decide::{
    cleanup_done, counts_as_failure, grace_after, is_noscript, is_one, matches_after, unexpected,
};
use super::error::{Error, NodeError};
use super::fanout::{Reply, StopAt};
use super::node::{Node, Timeouts};
use super::redlock::Masters;
use super::replicas::Replicas;
use super::resp::pack;
use super::route::round_trip;
use super::rw_scripts::{read_waiting_key, read_wake_key};
use super::scripts::{
    self, EXTEND_SCRIPT, EXTEND_SHA, RELEASE_SCRIPT, RELEASE_SHA, RELEASE_WAKE_SCRIPT,
    RELEASE_WAKE_SHA, WAKE_TTL_MS,
};

/// What a watchdog renewal found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renewal {
    Renewed,
    Lost,
}

impl Masters {
    /// Deletes the key on every master where it still holds this token. True when a quorum
    /// confirmed a deletion.
    pub fn release(&self, key: &[u8], token: &str) -> Result<bool, Error> {
        self.release_avoiding(key, token, &mut Vec::new())
    }

    /// `release`, skipping the masters in `dead` (counted as failed) and adding to it those that
    /// fail now: releasing many locks costs each dead server its timeout once.
    pub fn release_avoiding(
        &self,
        key: &[u8],
        token: &str,
        dead: &mut Vec<(Node, NodeError)>,
    ) -> Result<bool, Error> {
        self.check_distinct()?;
        let mut skipped = Vec::new();
        let mut ask = Vec::new();
        for (i, node) in self.nodes.iter().enumerate() {
            // A dead server is dead for every database and credentials it is used with.
            match dead.iter().find(|(d, _)| d.address == node.address) {
                Some((_, e)) => skipped.push((
                    i,
                    Reply::Failed {
                        sent: false,
                        error: e.clone(),
                    },
                )),
                None => ask.push(i),
            }
        }
        let mut replies = if ask.is_empty() {
            Vec::new()
        } else if self.wake {
            // Waiters block on the wake list: the delete pushes them one wake-up.
            let (waiting, wake) = (scripts::waiting_key(key), scripts::wake_key(key));
            let (rwaiting, rwake) = (read_waiting_key(key), read_wake_key(key));
            self.script_on(
                &ask,
                (RELEASE_WAKE_SCRIPT, RELEASE_WAKE_SHA),
                &[key, &waiting, &wake, &rwaiting, &rwake],
                &[token.as_bytes(), WAKE_TTL_MS.as_bytes()],
                Duration::MAX,
                None,
            )
        } else {
            self.script_on(
                &ask,
                (RELEASE_SCRIPT, RELEASE_SHA),
                &[key],
                &[token.as_bytes()],
                Duration::MAX,
                None,
            )
        };
        for (i, reply) in &replies {
            if let Reply::Failed { error, .. } = reply {
                if *error != NodeError::NotAwaited {
                    dead.push((self.nodes[*i].clone(), error.clone()));
                }
            }
        }
        replies.extend(skipped);
        self.count_confirmations(replies)
    }

    /// Renews the key to `ttl` on every master where it still holds this token. Some(validity)
    /// with a quorum within the new validity. None (false) when the masters that answered decide
    /// the lock is not ours (or too late): it is released where it is still ours. An error when
    /// failed masters leave it undecided: then nothing is released (a release could land after
    /// the caller's validity check); masters that got the renewal keep it, so the lock may live
    /// up to the new ttl there, and at least its old validity.
    pub fn extend(
        &self,
        key: &[u8],
        token: &str,
        ttl: Duration,
    ) -> Result<Option<Duration>, Error> {
        self.check_distinct()?;
        let ttl_ms = ttl.as_millis().max(1).to_string();
        let all: Vec<usize> = (0..self.nodes.len()).collect();
        let start = clock::now();
        let args = [token.as_bytes(), ttl_ms.as_bytes()];
        let replies = self.script_on(&all, (EXTEND_SCRIPT, EXTEND_SHA), &[key], &args, ttl, None);
        let elapsed = start.elapsed();
        let (confirmed, failed) = tally(replies, &self.capped(ttl));
        let validity = self.validity_after(ttl, elapsed);
        if confirmed >= self.quorum() {
            if let Some(validity) = validity {
                return Ok(Some(validity));
            }
        } else if confirmed + failed.len() >= self.quorum() {
            return Err(self.unavailable(failed));
        }
        let _ = self.release(key, token);
        Ok(None)
    }

    /// Whether a quorum of masters holds the key under this token now (one `GET` each, compared
    /// here: read-only, so it works with a read-only ACL too). An error when so many masters
    /// failed that a quorum could not have confirmed.
    pub fn is_held(&self, key: &[u8], token: &str) -> Result<bool, Error> {
        self.check_distinct()?;
        let request = pack(&[b"GET", key]);
        let rule = matches_after(self.quorum(), token.as_bytes());
        let replies = round_trip(
            self.fan_out,
            &self.nodes,
            &self.timeouts,
            &request,
            scripts::preload(),
            &rule,
        );
        let replies = replies
            .into_iter()
            .map(|reply| match reply {
                Reply::Value(Value::BulkString(b)) => {
                    Reply::Value(Value::Int(i64::from(b == token.as_bytes())))
                }
                Reply::Value(Value::Nil) => Reply::Value(Value::Int(0)),
                other => other,
            })
            .enumerate()
            .collect();
        self.count_confirmations(replies)
    }

    /// The watchdog's renewal: the key's TTL set to `ttl` where it still holds this token.
    /// Renewed with a quorum of confirmations; Lost when the masters that answered leave no
    /// quorum holding it (nothing is revived or released here); an error when failures leave
    /// it undecided (a renewal retried soon may still find it ours).
    pub fn renew(&self, key: &[u8], token: &str, ttl: Duration) -> Result<Renewal, Error> {
        self.check_distinct()?;
        let ttl_ms = ttl.as_millis().max(1).to_string();
        let all: Vec<usize> = (0..self.nodes.len()).collect();
        let args = [token.as_bytes(), ttl_ms.as_bytes()];
        // A tenth of the lease per server (at least 50 ms, what a new connection may need), one
        // server too: the watchdog renews its locks one after another, and a dead server must
        // not hold up the others' renewals (nor a fork, which waits for the renewal in flight).
        let cap = (ttl / 10).max(Duration::from_millis(50));
        let timeouts: Vec<Timeouts> = self
            .timeouts
            .iter()
            .map(|t| Timeouts {
                connect: t.connect.min(cap),
                reply: t.reply.min(cap),
            })
            .collect();
        let replies = self.script_timed(
            &all,
            (EXTEND_SCRIPT, EXTEND_SHA),
            &[key],
            &args,
            Cow::Owned(timeouts),
            None,
            None,
        );
        // Every failure counts here, a timeout cut to the ttl too: only a "no" means lost.
        let (confirmed, failed) = tally(replies, &[]);
        if confirmed >= self.quorum() {
            Ok(Renewal::Renewed)
        } else if confirmed + failed.len() >= self.quorum() {
            Err(self.unavailable(failed))
        } else {
            Ok(Renewal::Lost)
        }
    }

    fn count_confirmations(&self, replies: Vec<(usize, Reply)>) -> Result<bool, Error> {
        let (confirmed, failed) = tally(replies, &[]);
        if confirmed >= self.quorum() {
            return Ok(true);
        }
        if self.nodes.len() - failed.len() < self.quorum() {
            return Err(self.unavailable(failed));
        }
        Ok(false)
    }

    /// Runs a script by EVALSHA on the given masters at once; masters that answer NOSCRIPT get
    /// the script itself by EVAL (one more round trip, once per server lifetime).
    pub(super) fn script_on(
        &self,
        which: &[usize],
        script: (&str, &str),
        keys: &[&[u8]],
        args: &[&[u8]],
        ttl: Duration,
        cleanup_of: Option<Vec<bool>>,
    ) -> Vec<(usize, Reply)> {
        let timeouts = self.timeouts_for(ttl);
        self.script_timed(which, script, keys, args, timeouts, cleanup_of, None)
    }

    /// An acquire script on the given masters (`script_on`), with `WAIT` behind it when
    /// `redislock.wait_replicas` asks for replicas: each reply is then `[own reply, WAIT's]`
    /// (`Replicas::split`).
    pub(super) fn acquire_script_on(
        &self,
        which: &[usize],
        script: (&str, &str),
        keys: &[&[u8]],
        args: &[&[u8]],
        ttl: Duration,
    ) -> Vec<(usize, Reply)> {
        let timeouts = self.timeouts_for(ttl);
        self.script_timed(which, script, keys, args, timeouts, None, self.replicas)
    }

    /// `script_on` with these timeouts (one per master), `wait`: see `acquire_script_on`.
    #[allow(clippy::too_many_arguments)]
    fn script_timed(
        &self,
        which: &[usize],
        (script, sha): (&str, &str),
        keys: &[&[u8]],
        args: &[&[u8]],
        timeouts: Cow<'_, [Timeouts]>,
        cleanup_of: Option<Vec<bool>>,
        wait: Option<Replicas>,
    ) -> Vec<(usize, Reply)> {
        let subset: Vec<Node>;
        let (nodes, ts): (&[Node], Cow<'_, [Timeouts]>) = if which.len() == self.nodes.len() {
            (&self.nodes, timeouts)
        } else {
            subset = which.iter().map(|&i| self.nodes[i].clone()).collect();
            (&subset, which.iter().map(|&i| timeouts[i]).collect())
        };
        let shortest = ts.iter().map(|t| t.reply).min().unwrap_or_default();
        let waited = |request: Vec<u8>| match wait {
            Some(w) => w.behind(request, shortest),
            None => request,
        };
        let evalsha = waited(scripts::call(b"EVALSHA", sha.as_bytes(), keys, args));
        // A quorum's round (release, extend) or a cleanup's (see `cleanup_done`).
        let quorum_rule = grace_after(self.quorum(), is_one);
        let cleanup_rule = cleanup_of.map(cleanup_done);
        let stop: StopAt<'_> = match &cleanup_rule {
            Some(rule) => rule,
            None => &quorum_rule,
        };
        let mut replies = round_trip(self.fan_out, nodes, &ts, &evalsha, scripts::preload(), stop);

        let missing: Vec<usize> = (0..replies.len())
            .filter(|&j| matches!(&replies[j], Reply::Value(v) if is_noscript(v)))
            .collect();
        if !missing.is_empty() {
            let confirmed_first = replies
                .iter()
                .filter(|r| matches!(r, Reply::Value(v) if is_one(v)))
                .count();
            let eval = waited(scripts::call(b"EVAL", script.as_bytes(), keys, args));
            let retry_nodes: Vec<Node> = missing.iter().map(|&j| nodes[j].clone()).collect();
            let retry_ts: Vec<Timeouts> = missing.iter().map(|&j| ts[j]).collect();
            let needed = self.quorum().saturating_sub(confirmed_first);
            let quorum_rule = grace_after(needed, is_one);
            let cleanup_rule = cleanup_rule
                .is_some()
                .then(|| cleanup_done(vec![true; missing.len()]));
            let stop: StopAt<'_> = match &cleanup_rule {
                Some(rule) => rule,
                None => &quorum_rule,
            };
            let again = round_trip(
                self.fan_out,
                &retry_nodes,
                &retry_ts,
                &eval,
                scripts::preload(),
                stop,
            );
            for (j, reply) in missing.into_iter().zip(again) {
                replies[j] = reply;
            }
        }
        which.iter().copied().zip(replies).collect()
    }
}

/// A script round's confirmations (`:1`) and the failures that count against a quorum (`capped`:
/// masters whose timeout was cut to the ttl, missing entries false).
fn tally(replies: Vec<(usize, Reply)>, capped: &[bool]) -> (usize, Vec<(usize, NodeError)>) {
    let mut confirmed = 0;
    let mut failed = Vec::new();
    for (i, reply) in replies {
        match reply {
            Reply::Value(Value::Int(1)) => confirmed += 1,
            Reply::Value(Value::Int(_)) => {}
            Reply::Value(other) => failed.push((i, unexpected(&other))),
            Reply::Failed { error, .. }
                if counts_as_failure(&error, capped.get(i).copied().unwrap_or(false)) =>
            {
                failed.push((i, error))
            }
            Reply::Failed { .. } => {}
        }
    }
    (confirmed, failed)
}
