//! The two round trips of a waiting acquire on one server: an attempt that, when refused, says
//! how long the holder keeps the lock; and a `BLPOP` on the lock's wake list, which a release
//! pushes one wake-up to. Redis serves blocked clients in the order they blocked, so waiters are
//! woken in arrival order (among those whose current block has not run out: one that blocks
//! again queues behind the others), each in about a round trip of the release.

use std::time::Duration;

use redis::Value;

use super::clock;
use super::decide::unexpected;
use super::error::{Error, NodeError};
use super::fanout::{FanOut, Reply};
use super::node::Timeouts;
use super::redlock::Masters;
use super::route::round_trip;
use super::scripts::{
    self, ACQUIRE_WAIT_FENCED_SCRIPT, ACQUIRE_WAIT_FENCED_SHA, ACQUIRE_WAIT_SCRIPT,
    ACQUIRE_WAIT_SHA, FENCED_ACQUIRE_SCRIPT, FENCED_ACQUIRE_SHA, WAITING_TTL_MS,
};

/// How late Redis may end a timed-out BLPOP: one timer tick at the default `hz 10`.
pub const TICK: Duration = Duration::from_millis(100);

/// What a waiting attempt learned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waiting {
    /// The lock is ours for at least this long (with its fencing number, when asked for).
    Granted {
        validity: Duration,
        fence: Option<i64>,
    },
    /// Held by someone else, for at most this long (None: no expiry set yet, e.g. the blog-post
    /// class between its SETNX and EXPIRE); zero when it vanished meanwhile (try again now).
    Held { for_at_most: Option<Duration> },
}

impl Masters {
    /// One attempt of a waiting acquire (one server, see `waking`): `SET NX PX`, or the holder's
    /// remaining time, in one round trip. `fenced`: the grant also takes the next fencing number.
    pub fn try_acquire_or_wait(
        &self,
        key: &[u8],
        token: &str,
        ttl: Duration,
        fenced: bool,
    ) -> Result<Waiting, Error> {
        let ttl_ms = ttl.as_millis().max(1).to_string();
        let waiting = scripts::waiting_key(key);
        let fence = scripts::fence_key(key);
        let args: [&[u8]; 3] = [
            token.as_bytes(),
            ttl_ms.as_bytes(),
            WAITING_TTL_MS.as_bytes(),
        ];
        let (script, keys): (_, &[&[u8]]) = if fenced {
            (
                (ACQUIRE_WAIT_FENCED_SCRIPT, ACQUIRE_WAIT_FENCED_SHA),
                &[key, &waiting, &fence],
            )
        } else {
            ((ACQUIRE_WAIT_SCRIPT, ACQUIRE_WAIT_SHA), &[key, &waiting])
        };
        if fenced {
            self.check_fenceable()?;
        }
        self.single_attempt(key, token, ttl, script, keys, &args, false)
    }

    /// One attempt that takes the next fencing number with the lock (one server): no waiting.
    pub fn try_acquire_fenced(
        &self,
        key: &[u8],
        token: &str,
        ttl: Duration,
    ) -> Result<Waiting, Error> {
        self.check_fenceable()?;
        let ttl_ms = ttl.as_millis().max(1).to_string();
        let fence = scripts::fence_key(key);
        self.single_attempt(
            key,
            token,
            ttl,
            (FENCED_ACQUIRE_SCRIPT, FENCED_ACQUIRE_SHA),
            &[key, &fence],
            &[token.as_bytes(), ttl_ms.as_bytes()],
            true,
        )
    }

    /// Fencing numbers come from one counter: refused on a quorum.
    fn check_fenceable(&self) -> Result<(), Error> {
        if self.nodes.len() == 1 {
            return Ok(());
        }
        Err(Error::Config(format!(
            "fencing tokens need one Redis server, not a quorum of {}: independent counters on several masters cannot give one strictly increasing sequence",
            self.nodes.len()
        )))
    }

    /// An acquire script on the one server and what its reply means: `+OK` or `{fence}` is
    /// granted, an integer PTTL or nil is held; `int_is_fence`: an integer is the granted fencing
    /// number instead.
    #[allow(clippy::too_many_arguments)]
    fn single_attempt(
        &self,
        key: &[u8],
        token: &str,
        ttl: Duration,
        script: (&str, &str),
        keys: &[&[u8]],
        args: &[&[u8]],
        int_is_fence: bool,
    ) -> Result<Waiting, Error> {
        let start = clock::now();
        let mut replies = self.acquire_script_on(&[0], script, keys, args, ttl);
        let elapsed = start.elapsed();
        let Some((_, reply)) = replies.pop() else {
            return Err(Error::Config("no Redis server configured".into()));
        };
        // With WAIT behind it: whether enough replicas have the lock if it is granted.
        let (reply, copies) = match self.replicas {
            Some(r) => r.split(reply),
            None => (reply, Ok(())),
        };
        let failed = |error: NodeError| Err(self.unavailable(vec![(0, error)]));
        let granted = |fence: Option<i64>| match self.validity_after(ttl, elapsed) {
            // Too few copies: a failover could lose it. Given back, and tried again while the
            // caller waits (then not acquired), as if it were busy.
            Some(_) if copies.is_err() => {
                let _ = self.release(key, token);
                Ok(Waiting::Held {
                    for_at_most: Some(Duration::ZERO),
                })
            }
            Some(validity) => Ok(Waiting::Granted { validity, fence }),
            // Ours, but too late to be of use: give it back, and try again.
            None => {
                let _ = self.release(key, token);
                Ok(Waiting::Held {
                    for_at_most: Some(Duration::ZERO),
                })
            }
        };
        match reply {
            Reply::Value(Value::Okay) => granted(None),
            Reply::Value(Value::Array(a)) if matches!(a.as_slice(), [Value::Int(_)]) => {
                let fence = match a.first() {
                    Some(Value::Int(n)) => Some(*n),
                    _ => None,
                };
                granted(fence)
            }
            Reply::Value(Value::Int(n)) if int_is_fence => granted(Some(n)),
            Reply::Value(Value::Nil) => Ok(Waiting::Held { for_at_most: None }),
            Reply::Value(Value::Int(ms)) => Ok(Waiting::Held {
                for_at_most: match ms {
                    -1 => None,
                    ms if ms < 0 => Some(Duration::ZERO),
                    ms => Some(Duration::from_millis(ms as u64)),
                },
            }),
            Reply::Value(other) => {
                // Not an answer this script gives: the SET may have run; take it back.
                let _ = self.release(key, token);
                failed(unexpected(&other))
            }
            Reply::Failed { sent, error } => {
                if sent {
                    let _ = self.release(key, token);
                }
                failed(error)
            }
        }
    }

    /// Blocks on the lock's wake list for at most `block` (`BLPOP`): returns when a release
    /// pushed a wake-up, or when `block` has passed. The reply is awaited for `block` plus a tick
    /// plus the server's reply timeout, so a frozen server is still an error within that bound.
    ///
    /// `precise`: the block ends at a moment that matters (the holder's expiry, the caller's
    /// last moment to wait). Redis ends a timed-out BLPOP only at its next timer tick (up to
    /// 100 ms late at the default `hz 10`), so then the reply is awaited only until `block` has
    /// passed, and the connection is dropped instead (which unblocks it on the server).
    pub fn await_wake(&self, key: &[u8], block: Duration, precise: bool) -> Result<(), Error> {
        self.await_list(&scripts::wake_key(key), block, precise)
    }

    /// `await_wake` on this list (a shared lock's readers block on their own).
    pub fn await_list(&self, wake: &[u8], block: Duration, precise: bool) -> Result<(), Error> {
        // BLPOP takes seconds with decimals; 0 would block for ever.
        let ms = block.as_millis().clamp(1, u64::MAX as u128);
        let seconds = format!("{}.{:03}", ms / 1000, ms % 1000);
        let command = super::resp::pack(&[b"BLPOP", wake, seconds.as_bytes()]);
        let t = self.timeouts[0];
        // Redis may answer a tick after the block: that is no slowness of the server.
        let timeouts = [Timeouts {
            connect: t.connect,
            reply: Duration::from_millis(ms as u64) + TICK + t.reply,
        }];
        let cut = Duration::from_millis(ms as u64);
        let on_time = |_: &[Option<Reply>], started| precise.then(|| started + cut);
        let replies = round_trip(
            FanOut::Concurrent,
            &self.nodes[..1],
            &timeouts,
            &command,
            scripts::preload(),
            &on_time,
        );
        match replies.into_iter().next() {
            Some(Reply::Value(Value::ServerError(e))) => {
                Err(self.unavailable(vec![(0, unexpected(&Value::ServerError(e)))]))
            }
            Some(Reply::Value(_)) => Ok(()),
            // Cut at the moment that mattered (`precise`): the connection is closed, not reused.
            Some(Reply::Failed {
                error: NodeError::NotAwaited,
                ..
            }) => Ok(()),
            Some(Reply::Failed { error, .. }) => Err(self.unavailable(vec![(0, error)])),
            None => Err(Error::Config("no Redis server configured".into())),
        }
    }
}
