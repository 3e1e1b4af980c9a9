//! Shared (read) locks on one server: many readers, each with its own identifier and TTL, or one
//! writer, which is the exclusive lock of the same name (so `acquireLock` and readers exclude
//! each other). Upgrade (read to write) and downgrade (write to read) keep the identifier, as
//! Symfony's `SharedLockStoreInterface` defines them. Each operation is one script
//! (`rw_scripts`); waiting readers and writers block on wake lists like exclusive waiters.
//!
//! One server only: a quorum's independent sorted sets of readers cannot be decided as one
//! (as for fencing). No writer preference: while readers keep coming, a writer waits (up to its
//! `wait`), as with Redisson's and Symfony's read/write locks.

use std::time::{Duration, Instant};

use redis::Value;

use super::clock;
use super::decide::unexpected;
use super::error::{Error, NodeError};
use super::fanout::Reply;
use super::redlock::Masters;
use super::rw_scripts::{
    read_waiting_key, read_wake_key, readers_key, ACQUIRE_SHARED_SCRIPT, ACQUIRE_SHARED_SHA,
    DOWNGRADE_SCRIPT, DOWNGRADE_SHA, EXTEND_SHARED_SCRIPT, EXTEND_SHARED_SHA, FORCE_RELEASE_SCRIPT,
    FORCE_RELEASE_SHA, IS_HELD_SHARED_SCRIPT, IS_HELD_SHARED_SHA, RELEASE_SHARED_SCRIPT,
    RELEASE_SHARED_SHA, UPGRADE_SCRIPT, UPGRADE_SHA,
};
use super::scripts::{waiting_key, wake_key, WAITING_TTL_MS, WAKE_TTL_MS};
use super::wait::{block_on, new_token, Grant};

/// What one read or upgrade attempt found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Ours, for at least this long.
    Granted(Duration),
    /// The other side holds it, for at most this long (None: no expiry).
    Held(Option<Duration>),
    /// An upgrade whose identifier holds nothing (expired, released, never ours).
    Lost,
    /// Granted, but with no time left when the reply came.
    Late,
}

impl Masters {
    /// Shared locks (and forceRelease) need one server.
    fn check_shareable(&self) -> Result<(), Error> {
        self.check_one_server("shared (read) locks")
    }

    fn check_one_server(&self, what: &str) -> Result<(), Error> {
        if self.nodes.len() == 1 {
            return Ok(());
        }
        Err(Error::Config(format!(
            "{what} need one Redis server, not a quorum of {}: independent sets of readers on several masters cannot be decided as one",
            self.nodes.len()
        )))
    }

    /// Deletes the lock whoever holds it (the writer or every reader) and wakes waiters: true
    /// when something was held. For administration and framework contracts (Laravel's
    /// `forceRelease`); one server only.
    pub fn force_release(&self, key: &[u8]) -> Result<bool, Error> {
        self.check_one_server("forced releases")?;
        let keys = [
            readers_key(key),
            waiting_key(key),
            wake_key(key),
            read_waiting_key(key),
            read_wake_key(key),
        ];
        let [readers, waiting, wake, rwaiting, rwake] = &keys;
        self.shared_yes_no(
            (FORCE_RELEASE_SCRIPT, FORCE_RELEASE_SHA),
            &[key, readers, waiting, wake, rwaiting, rwake],
            &[WAKE_TTL_MS.as_bytes()],
        )
    }

    /// One script on the one server: its reply, or the error (`sent`: it may have run).
    fn shared_script(
        &self,
        script: (&str, &str),
        keys: &[&[u8]],
        args: &[&[u8]],
    ) -> Result<Value, (bool, Error)> {
        match self
            .script_on(&[0], script, keys, args, Duration::MAX, None)
            .pop()
        {
            Some((_, Reply::Value(Value::ServerError(e)))) => {
                let error = unexpected(&Value::ServerError(e));
                Err((true, self.unavailable(vec![(0, error)])))
            }
            Some((_, Reply::Value(v))) => Ok(v),
            Some((_, Reply::Failed { sent, error })) => {
                Err((sent, self.unavailable(vec![(0, error)])))
            }
            None => Err((false, Error::Config("no Redis server configured".into()))),
        }
    }

    /// A script that answers 1 or 0.
    fn shared_yes_no(
        &self,
        script: (&str, &str),
        keys: &[&[u8]],
        args: &[&[u8]],
    ) -> Result<bool, Error> {
        self.check_shareable()?;
        match self.shared_script(script, keys, args).map_err(|(_, e)| e)? {
            Value::Int(n) => Ok(n == 1),
            other => Err(self.unavailable(vec![(0, unexpected(&other))])),
        }
    }

    /// What a read or upgrade attempt's reply means (`+OK`, a PTTL, `+LOST`).
    fn step(&self, reply: Value, ttl: Duration, elapsed: Duration) -> Result<Step, NodeError> {
        let granted = || {
            self.validity_after(ttl, elapsed)
                .map_or(Step::Late, Step::Granted)
        };
        match reply {
            Value::Okay => Ok(granted()),
            Value::SimpleString(s) if s == "OK" => Ok(granted()),
            Value::SimpleString(s) if s == "LOST" => Ok(Step::Lost),
            Value::Int(-1) => Ok(Step::Held(None)),
            Value::Int(ms) if ms < 0 => Ok(Step::Held(Some(Duration::ZERO))),
            Value::Int(ms) => Ok(Step::Held(Some(Duration::from_millis(ms as u64)))),
            other => Err(unexpected(&other)),
        }
    }

    /// One read attempt for `token`; `mark`: a refusal marks that a reader waits.
    fn read_attempt(
        &self,
        key: &[u8],
        token: &str,
        ttl: Duration,
        mark: bool,
    ) -> Result<Step, Error> {
        let (readers, rwaiting, rwake) =
            (readers_key(key), read_waiting_key(key), read_wake_key(key));
        let ttl_ms = ttl.as_millis().max(1).to_string();
        let mark: &[u8] = if mark { b"1" } else { b"0" };
        let args: [&[u8]; 5] = [
            token.as_bytes(),
            ttl_ms.as_bytes(),
            WAITING_TTL_MS.as_bytes(),
            mark,
            WAKE_TTL_MS.as_bytes(),
        ];
        let start = clock::now();
        let reply = self.shared_script(
            (ACQUIRE_SHARED_SCRIPT, ACQUIRE_SHARED_SHA),
            &[key, &readers, &rwaiting, &rwake],
            &args,
        );
        let elapsed = start.elapsed();
        let step = match reply {
            Ok(v) => self.step(v, ttl, elapsed),
            Err((sent, e)) => {
                if sent {
                    let _ = self.release_shared(key, token);
                }
                return Err(e);
            }
        };
        match step {
            Ok(Step::Late) => {
                // Granted too late to be of use: give it back, and try again.
                let _ = self.release_shared(key, token);
                Ok(Step::Held(Some(Duration::ZERO)))
            }
            Ok(step) => Ok(step),
            Err(error) => {
                let _ = self.release_shared(key, token);
                Err(self.unavailable(vec![(0, error)]))
            }
        }
    }

    /// A read lock within `wait` (zero: one attempt): a fresh identifier, or None.
    pub fn acquire_shared(
        &self,
        key: &[u8],
        ttl: Duration,
        wait: Duration,
    ) -> Result<Option<Grant>, Error> {
        self.check_shareable()?;
        let deadline = Instant::now() + wait;
        let token = new_token();
        let wake = read_wake_key(key);
        // The first attempt marks no waiter: an uncontended read writes no waiting mark.
        let mut mark = false;
        loop {
            match self.read_attempt(key, &token, ttl, mark)? {
                Step::Granted(validity) => {
                    return Ok(Some(Grant {
                        token,
                        validity,
                        fence: None,
                    }))
                }
                // Refused unmarked: the next attempt marks the waiter before any block, so a
                // release in between wakes it.
                Step::Held(_) if !mark && !wait.is_zero() => {}
                Step::Held(held_for) => {
                    if !block_on(self, &wake, held_for, deadline)? {
                        return Ok(None);
                    }
                }
                Step::Lost | Step::Late => return Ok(None),
            }
            mark = true;
        }
    }

    /// Releases reader `token`: true when it was a live reader.
    pub fn release_shared(&self, key: &[u8], token: &str) -> Result<bool, Error> {
        let (readers, waiting, wake) = (readers_key(key), waiting_key(key), wake_key(key));
        self.shared_yes_no(
            (RELEASE_SHARED_SCRIPT, RELEASE_SHARED_SHA),
            &[key, &readers, &waiting, &wake],
            &[token.as_bytes(), WAKE_TTL_MS.as_bytes()],
        )
    }

    /// Renews reader `token` to `ttl` from now: false when it is no live reader.
    pub fn extend_shared(&self, key: &[u8], token: &str, ttl: Duration) -> Result<bool, Error> {
        let ttl_ms = ttl.as_millis().max(1).to_string();
        self.shared_yes_no(
            (EXTEND_SHARED_SCRIPT, EXTEND_SHARED_SHA),
            &[key, &readers_key(key)],
            &[token.as_bytes(), ttl_ms.as_bytes()],
        )
    }

    /// Whether `token` is a live reader now.
    pub fn is_held_shared(&self, key: &[u8], token: &str) -> Result<bool, Error> {
        self.shared_yes_no(
            (IS_HELD_SHARED_SCRIPT, IS_HELD_SHARED_SHA),
            &[key, &readers_key(key)],
            &[token.as_bytes()],
        )
    }

    /// Write to read: the writer `token` becomes a reader for `ttl` (waiting readers come in);
    /// a live reader `token` is renewed. False when `token` holds nothing. Never waits.
    pub fn downgrade(&self, key: &[u8], token: &str, ttl: Duration) -> Result<bool, Error> {
        let (readers, rwaiting, rwake) =
            (readers_key(key), read_waiting_key(key), read_wake_key(key));
        let ttl_ms = ttl.as_millis().max(1).to_string();
        self.shared_yes_no(
            (DOWNGRADE_SCRIPT, DOWNGRADE_SHA),
            &[key, &readers, &rwaiting, &rwake],
            &[
                token.as_bytes(),
                ttl_ms.as_bytes(),
                b"",
                b"",
                WAKE_TTL_MS.as_bytes(),
            ],
        )
    }

    /// Read to write within `wait`: the reader `token` becomes the writer (the exclusive lock,
    /// for `ttl`) once it is the only reader; a writer `token` is renewed. None when other
    /// readers stayed past `wait` (it is still a reader) or `token` holds nothing.
    pub fn upgrade(
        &self,
        key: &[u8],
        token: &str,
        ttl: Duration,
        wait: Duration,
    ) -> Result<Option<Grant>, Error> {
        self.check_shareable()?;
        let deadline = Instant::now() + wait;
        let (readers, waiting, wake) = (readers_key(key), waiting_key(key), wake_key(key));
        let ttl_ms = ttl.as_millis().max(1).to_string();
        let mut mark: &[u8] = b"0";
        loop {
            let args: [&[u8]; 4] = [
                token.as_bytes(),
                ttl_ms.as_bytes(),
                WAITING_TTL_MS.as_bytes(),
                mark,
            ];
            let start = clock::now();
            let reply = self
                .shared_script(
                    (UPGRADE_SCRIPT, UPGRADE_SHA),
                    &[key, &readers, &waiting],
                    &args,
                )
                .map_err(|(_, e)| e)?;
            let step = self
                .step(reply, ttl, start.elapsed())
                .map_err(|e| self.unavailable(vec![(0, e)]))?;
            match step {
                Step::Granted(validity) => {
                    return Ok(Some(Grant {
                        token: token.to_string(),
                        validity,
                        fence: None,
                    }))
                }
                Step::Lost => return Ok(None),
                // Ours too late: the next attempt finds it ours and renews it.
                Step::Late => {}
                Step::Held(_) if mark == b"0" && !wait.is_zero() => {}
                Step::Held(held_for) => {
                    if !block_on(self, &wake, held_for, deadline)? {
                        return Ok(None);
                    }
                }
            }
            mark = b"1";
        }
    }
}
