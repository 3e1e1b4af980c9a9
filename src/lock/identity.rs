//! Which Redis server each configured address really is. Two entries of one quorum that reach
//! the same server (`127.0.0.1:P` and `localhost:P`, a name and its IP, a Unix socket and a TCP
//! port) would give it two votes. A connection learns its server's `run_id` (from `INFO server`,
//! sent with its first command) and the address it is connected to; this process-wide table
//! keeps them by configured address, so a quorum can be checked for aliases. Where an ACL user
//! may not run INFO, only the connected addresses are compared: a Unix socket and a TCP port of
//! one server then look like two servers.

use std::sync::atomic::{AtomicU64, Ordering};

use parking_lot::Mutex;

use super::node::Address;

/// What a connection learned about its server.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identity {
    /// The server's `run_id` (new at every server start), when INFO was allowed.
    pub run_id: Option<String>,
    /// The address the connection reached (`ip:port` after DNS, or the socket path).
    pub peer: Option<String>,
}

static KNOWN: Mutex<Vec<(Address, Identity)>> = Mutex::new(Vec::new());
/// Counts the changes to the table, so a quorum checked once is checked again after one
/// (a restarted server has a new run_id; an alias learned later may match it).
static GENERATION: AtomicU64 = AtomicU64::new(1);

/// Remembers what a connection to `address` learned (a newer connection's answer replaces it).
pub fn learn(address: &Address, identity: Identity) {
    let mut known = KNOWN.lock();
    match known.iter_mut().find(|(a, _)| a == address) {
        Some((_, old)) if *old == identity => return,
        Some((_, old)) => *old = identity,
        None => known.push((address.clone(), identity)),
    }
    GENERATION.fetch_add(1, Ordering::Relaxed);
}

/// The table's version: it changes whenever an identity is learned or changes.
pub fn generation() -> u64 {
    GENERATION.load(Ordering::Relaxed)
}

/// What is known of the server at `address`.
pub fn of(address: &Address) -> Option<Identity> {
    KNOWN
        .lock()
        .iter()
        .find(|(a, _)| a == address)
        .map(|(_, i)| i.clone())
}

/// Why two identities are the same server, if they are: one run_id, or one address reached
/// (whatever the run_ids say: one may be from before a restart).
pub fn same_server(a: &Identity, b: &Identity) -> Option<&'static str> {
    if matches!((&a.run_id, &b.run_id), (Some(x), Some(y)) if x == y) {
        return Some("the same run_id");
    }
    if matches!((&a.peer, &b.peer), (Some(x), Some(y)) if x == y) {
        return Some("the same address after name resolution");
    }
    None
}

/// The `run_id` in an `INFO server` reply.
pub fn run_id_in(info: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(info).ok()?;
    let id = text
        .lines()
        .find_map(|line| line.strip_prefix("run_id:"))?
        .trim();
    (!id.is_empty() && id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric()))
        .then(|| id.to_string())
}
