//! Asking the sentinels of a service which server is its master, and checking that server with
//! `ROLE`: one round trip at a time through the fan-out (its pooled connections and deadlines),
//! all of it within the time it is given. What is asked when, and what is remembered, is
//! `sentinel`'s.

use std::time::{Duration, Instant};

use redis::Value;

use super::conn::Preload;
use super::decide::unexpected;
use super::error::{quote, NodeError};
use super::fanout::{round_trip, Reply};
use super::node::{Address, Node, Sentinels, Timeouts};
use super::resp::pack;

/// A server the sentinels named that failed its `ROLE` check: not dialed again for the entry's
/// recheck (a dead host would cost every call its connect timeout until the failover); the
/// sentinels are still asked every call, so a new master is used as soon as they name it.
#[derive(Clone)]
pub struct Refusal {
    pub master: (String, u16),
    pub at: Instant,
    pub why: String,
}

/// Sentinel connections carry no lock scripts.
static NO_PRELOAD: Preload = Preload {
    bytes: Vec::new(),
    replies: 0,
};

/// `host:port` (`[v6]:port`), as messages show a master.
pub fn shown((host, port): &(String, u16)) -> String {
    if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    }
}

pub fn tcp((host, port): &(String, u16)) -> Address {
    Address::Tcp {
        host: host.clone(),
        port: *port,
    }
}

/// `node` (a Sentinel entry) as its master at `master`.
pub fn at(node: &Node, master: &(String, u16)) -> Node {
    Node {
        address: tcp(master),
        ..node.clone()
    }
}

/// What is known before the sentinels are asked.
pub struct Asked<'a> {
    /// The master confirmed last (not checked again when they name it).
    pub cached: Option<&'a (String, u16)>,
    /// The sentinel asked first.
    pub preferred: usize,
    /// A server that failed its check recently (not dialed when they name it).
    pub refusal: Option<&'a Refusal>,
}

pub struct Failed {
    pub error: NodeError,
    /// No sentinel answered at all (connection errors and timeouts only).
    pub unreachable: bool,
    /// The first server named that failed its check now.
    pub refusal: Option<Refusal>,
}

/// Asks the sentinels in turn, from `preferred` on, for the master; the first that names a
/// server that confirms it is a master (`ROLE`) wins. A server already confirmed is not checked
/// again, one refused recently is not dialed. All of it within `timeouts.connect`.
pub fn discover(
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
        let sentinel = sentinel_node(node, set, i);
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
/// The `i`th sentinel of `entry`'s service, with the sentinels' credentials and the entry's
/// TLS (a `rediss+sentinel://` entry speaks TLS to its sentinels and its master alike).
fn sentinel_node(entry: &Node, set: &Sentinels, i: usize) -> Node {
    let (host, port) = &set.sentinels[i];
    let mut node = Node::tcp(host.clone(), *port);
    node.username = set.username.clone();
    node.password = set.password.clone();
    node.tls = entry.tls;
    node.tls_config = entry.tls_config.clone();
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
