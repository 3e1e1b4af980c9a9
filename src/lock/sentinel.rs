//! Redis Sentinel: which server is a service's master now. The sentinels are asked
//! (`SENTINEL get-master-addr-by-name`) one after another, the one that answered last first,
//! within the node's connect timeout in all (each sentinel gets an equal share of what is
//! left, so a dead one costs its share, not the whole); the server they name is checked with
//! `ROLE` before it is used (a sentinel cut off from the others may name an old master), and
//! that check is the new connection's first command, so the lock's round reuses it.
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
use std::time::{Duration, Instant};

use redis::Value;

use super::conn::Preload;
use super::decide::unexpected;
use super::error::{quote, NodeError};
use super::fanout::{round_trip, Reply};
use super::node::{Address, Node, Sentinels, Timeouts};
use super::pool;
use super::resp::pack;

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

/// A server the sentinels named that failed its `ROLE` check: not dialed again for the entry's
/// recheck (a dead host would cost every call its connect timeout until the failover); the
/// sentinels are still asked every call, so a new master is used as soon as they name it.
#[derive(Clone)]
struct Refusal {
    master: (String, u16),
    at: Instant,
    why: String,
}

static KNOWN: Mutex<Vec<Known>> = Mutex::new(Vec::new());
/// Sentinel connections carry no lock scripts.
static NO_PRELOAD: Preload = Preload {
    bytes: Vec::new(),
    replies: 0,
};

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
        Reply::Failed { error, .. } => !matches!(
            error,
            NodeError::NotAwaited | NodeError::Handshake(_) | NodeError::Reply(_)
        ),
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

/// `host:port` (`[v6]:port`), as messages show a master.
fn shown((host, port): &(String, u16)) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

fn tcp((host, port): &(String, u16)) -> Address {
    Address::Tcp {
        host: host.clone(),
        port: *port,
    }
}

/// `node` (a Sentinel entry) as its master at `master`.
fn at(node: &Node, master: &(String, u16)) -> Node {
    Node {
        address: tcp(master),
        ..node.clone()
    }
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

/// What is known before the sentinels are asked.
struct Asked<'a> {
    /// The master confirmed last (not checked again when they name it).
    cached: Option<&'a (String, u16)>,
    /// The sentinel asked first.
    preferred: usize,
    /// A server that failed its check recently (not dialed when they name it).
    refusal: Option<&'a Refusal>,
}

struct Failed {
    error: NodeError,
    /// No sentinel answered at all (connection errors and timeouts only).
    unreachable: bool,
    /// The first server named that failed its check now.
    refusal: Option<Refusal>,
}

/// Asks the sentinels in turn, from `preferred` on, for the master; the first that names a
/// server that confirms it is a master (`ROLE`) wins. A server already confirmed is not checked
/// again, one refused recently is not dialed. All of it within `timeouts.connect`.
fn discover(
    node: &Node,
    set: &Sentinels,
    asked: Asked<'_>,
    timeouts: Timeouts,
    preload: &Preload,
) -> Result<((String, u16), usize), Failed> {
    let Asked {
        cached,
        preferred,
        refusal,
    } = asked;
    let deadline = Instant::now() + timeouts.connect;
    let ask = pack(&[
        b"SENTINEL",
        b"get-master-addr-by-name",
        set.service.as_bytes(),
    ]);
    let count = set.sentinels.len();
    let mut said = Vec::new();
    let mut refused: Vec<(String, u16)> = Vec::new();
    let mut first_refusal = None;
    let mut answered = false;
    for k in 0..count {
        let i = (preferred + k) % count;
        let sentinel = sentinel_node(set, i);
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            said.push(format!(
                "{sentinel}: not asked (the connect timeout was spent)"
            ));
            continue;
        }
        // An equal share of what is left for each sentinel not asked yet.
        let share = (left / (count - k) as u32).max(Duration::from_millis(1));
        let t = Timeouts {
            connect: share,
            reply: share,
        };
        let reply = round_trip(
            std::slice::from_ref(&sentinel),
            &[t],
            &ask,
            &NO_PRELOAD,
            &|_, _| None,
        )
        .pop();
        let master = match reply {
            Some(Reply::Value(Value::Array(a))) => match master_addr(&a) {
                Some(m) => m,
                None => {
                    answered = true;
                    let e = unexpected(&Value::Array(a));
                    said.push(format!("{sentinel}: {e}"));
                    continue;
                }
            },
            Some(Reply::Value(Value::Nil)) => {
                answered = true;
                said.push(format!(
                    "{sentinel}: does not monitor a service '{}'",
                    quote(set.service.as_bytes())
                ));
                continue;
            }
            Some(Reply::Value(other)) => {
                answered = true;
                said.push(format!("{sentinel}: {}", unexpected(&other)));
                continue;
            }
            Some(Reply::Failed { error, .. }) => {
                answered |= matches!(error, NodeError::Handshake(_));
                said.push(format!("{sentinel}: {error}"));
                continue;
            }
            None => continue,
        };
        answered = true;
        if cached == Some(&master) {
            return Ok((master, i));
        }
        let named = shown(&master);
        if refused.contains(&master) {
            said.push(format!("{sentinel}: names {named} too"));
            continue;
        }
        if let Some(r) = refusal.filter(|r| r.master == master) {
            said.push(format!(
                "{sentinel}: names {named}, which failed its check {} ms ago: {}",
                r.at.elapsed().as_millis(),
                r.why
            ));
            refused.push(master);
            continue;
        }
        let left = deadline.saturating_duration_since(Instant::now());
        match check_role(node, &master, left, preload) {
            Ok(()) => return Ok((master, i)),
            Err(e) => {
                said.push(format!("{sentinel}: names {named}, but {e}"));
                first_refusal.get_or_insert(Refusal {
                    master: master.clone(),
                    at: Instant::now(),
                    why: e,
                });
                refused.push(master);
            }
        }
    }
    Err(Failed {
        error: NodeError::Sentinel(format!(
            "no usable master for service '{}' ({})",
            quote(set.service.as_bytes()),
            said.join("; ")
        )),
        unreachable: !answered,
        refusal: first_refusal,
    })
}

/// A sentinel as a node: its address and the sentinels' own credentials.
fn sentinel_node(set: &Sentinels, i: usize) -> Node {
    let (host, port) = &set.sentinels[i];
    let mut node = Node::tcp(host.clone(), *port);
    node.username = set.username.clone();
    node.password = set.password.clone();
    node
}

/// `[host, port]` as `SENTINEL get-master-addr-by-name` answers.
fn master_addr(reply: &[Value]) -> Option<(String, u16)> {
    let [Value::BulkString(host), Value::BulkString(port)] = reply else {
        return None;
    };
    let host = std::str::from_utf8(host).ok()?;
    let port = std::str::from_utf8(port).ok()?.parse::<u16>().ok()?;
    let plausible = !host.is_empty()
        && host.len() <= 253
        && port > 0
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b':'));
    plausible.then(|| (host.to_string(), port))
}

/// Whether the server at `master` says it is a master (`ROLE`), asked with the entry's
/// credentials and database, within `left`. A user whose ACL forbids ROLE is taken at the
/// sentinels' word (a replica would still answer the lock's write with `-READONLY`).
fn check_role(
    node: &Node,
    master: &(String, u16),
    left: Duration,
    preload: &Preload,
) -> Result<(), String> {
    if left.is_zero() {
        return Err("the connect timeout was spent before ROLE".into());
    }
    let t = Timeouts {
        connect: left,
        reply: left,
    };
    let reply = round_trip(
        &[at(node, master)],
        &[t],
        &pack(&[b"ROLE"]),
        preload,
        &|_, _| None,
    )
    .pop();
    match reply {
        Some(Reply::Value(Value::Array(a))) => match a.first() {
            Some(Value::BulkString(role)) if role == b"master" => Ok(()),
            Some(Value::BulkString(role)) => Err(format!("it is a {} (ROLE)", quote(role))),
            _ => Err(unexpected(&Value::Array(a)).to_string()),
        },
        Some(Reply::Value(Value::ServerError(e))) if e.code() == "NOPERM" => Ok(()),
        Some(Reply::Value(other)) => Err(unexpected(&other).to_string()),
        Some(Reply::Failed { error, .. }) => Err(error.to_string()),
        None => Err("no reply".into()),
    }
}
