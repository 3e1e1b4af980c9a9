//! Redis Sentinel: which server is a service's master now. The sentinels are asked
//! (`SENTINEL get-master-addr-by-name`) one after another, the one that answered last first,
//! within the node's connect timeout in all (each sentinel gets an equal share of what is
//! left, so a dead one costs its share, not the whole); the server they name is checked with
//! `ROLE` before it is used (a sentinel cut off from the others may name an old master), and
//! that check is the new connection's first command, so the lock's round reuses it. (The asking and
//! the check are in `sentinel_ask`; what is remembered, and when to ask again, here.)
//!
//! The answer is cached per process and asked again:
//! - after a reply that says the master moved: a connection error or timeout, `-READONLY` (a
//!   replica now), `-LOADING`, `-UNBLOCKED` (`route` forgets it);
//! - when it is older than the entry's `recheck` (`redislock.sentinel_recheck`, 1 s by
//!   default). A failover does not end the old master's writes: after
//!   Sentinel switched (`+switch-master`) the old master stays a writable master until Sentinel
//!   reconfigures it, about 10 s later with Redis 7's defaults; without this recheck a process
//!   would keep locking there, beside the processes that asked again. Confirming an unchanged
//!   answer costs one round trip to a sentinel (on a pooled connection), no ROLE.
//!
//! When no sentinel can be reached at a recheck, the master they named last stays in use: no
//! failover can happen without them. When they answer but name no usable master, the call fails.
//! Connections to sentinels use their own credentials (`Sentinels`), never the master's.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use redis::Value;

use super::conn::Preload;
use super::error::NodeError;
use super::fanout::Reply;
use super::node::{Address, Node, Sentinels, Timeouts};
use super::pool;
use super::sentinel_ask::{at, discover, shown, tcp, Asked, Refusal};

/// Replies from the master after which the sentinels are asked again.
const MOVED_CODES: [&str; 3] = ["READONLY", "LOADING", "UNBLOCKED"];

struct Known {
    sentinels: Sentinels,
    /// `(host, port)` of the master they named; None once forgotten.
    master: Option<(String, u16)>,
    /// When the sentinels last confirmed it (or could not be reached).
    checked: Instant,
    /// The sentinel that answered last: asked first next time.
    preferred: usize,
    /// The last server they named that failed its check.
    refused: Option<Refusal>,
}

static KNOWN: Mutex<Vec<Known>> = Mutex::new(Vec::new());
/// The cache, also after a panic elsewhere (it holds plain data, always consistent).
fn known() -> MutexGuard<'static, Vec<Known>> {
    KNOWN.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The node to dial for a Sentinel entry now: its master (asked of the sentinels when not
/// known, or known for longer than its `recheck`) with the entry's database, credentials and
/// timeout. Bounded by `timeouts.connect` (the asking and the ROLE check together).
pub fn master_of(
    node: &Node,
    set: &Sentinels,
    timeouts: Timeouts,
    preload: &Preload,
) -> Result<Node, NodeError> {
    let (cached, preferred, fresh, refusal) =
        match known().iter().find(|k| k.sentinels.asks_alike(set)) {
            Some(k) => (
                k.master.clone(),
                k.preferred,
                k.checked.elapsed() < set.recheck,
                k.refused.clone().filter(|r| r.at.elapsed() < set.recheck),
            ),
            None => (None, 0, false, None),
        };
    if let (Some(master), true) = (&cached, fresh) {
        return Ok(at(node, master));
    }
    let asked = Asked {
        cached: cached.as_ref(),
        preferred,
        refusal: refusal.as_ref(),
    };
    match discover(node, set, asked, timeouts, preload) {
        Ok((master, answered_by)) => {
            let dial = at(node, &master);
            remember(set, Some(master), answered_by, None);
            Ok(dial)
        }
        Err(failed) => match cached {
            Some(master) if failed.unreachable => {
                remember(set, Some(master.clone()), preferred, refusal);
                Ok(at(node, &master))
            }
            _ => {
                remember(set, None, preferred, failed.refusal.or(refusal));
                Err(failed.error)
            }
        },
    }
}

/// Whether this reply from a service's master means the sentinels must be asked again.
pub fn means_moved(reply: &Reply) -> bool {
    match reply {
        Reply::Value(Value::ServerError(e)) => MOVED_CODES.contains(&e.code()),
        Reply::Failed { error, .. } => error.may_mean_moved(),
        Reply::Value(_) => false,
    }
}

/// Forgets the master of `set` if it is still `dialed` (a newer answer is kept).
pub fn forget(set: &Sentinels, dialed: &Address) {
    for k in known().iter_mut().filter(|k| k.sentinels.asks_alike(set)) {
        if k.master.as_ref().is_some_and(|m| tcp(m) == *dialed) {
            k.master = None;
        }
    }
}

/// The address of the master last named for `set`, if one is known.
pub fn current(set: &Sentinels) -> Option<Address> {
    known()
        .iter()
        .find(|k| k.sentinels.asks_alike(set))
        .and_then(|k| k.master.as_ref().map(tcp))
}

/// Every service this process asked about: its sentinels (shown without credentials) and its
/// master now (None: not known).
pub fn known_services() -> Vec<(String, Option<String>)> {
    known()
        .iter()
        .map(|k| {
            let master = k.master.as_ref().map(shown);
            (k.sentinels.to_string(), master)
        })
        .collect()
}

/// Stores what the sentinels said; a master they no longer name has its idle connections closed.
fn remember(
    set: &Sentinels,
    master: Option<(String, u16)>,
    preferred: usize,
    refused: Option<Refusal>,
) {
    let entry = Known {
        sentinels: set.clone(),
        master,
        checked: Instant::now(),
        preferred,
        refused,
    };
    let replaced = {
        let mut known = known();
        match known.iter_mut().find(|k| k.sentinels.asks_alike(set)) {
            Some(k) => std::mem::replace(k, entry).master,
            None => {
                known.push(entry);
                None
            }
        }
    };
    if let Some(old) = replaced {
        let old = tcp(&old);
        if current(set).as_ref() != Some(&old) {
            pool::close_to(&old);
        }
    }
}
