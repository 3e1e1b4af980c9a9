//! `redis+cluster://` server entries: a Redis Cluster, known by seed nodes.
//!
//! `redis+cluster://[user:pass@]host[:port],host[:port],...` (`rediss+cluster://`: TLS to every
//! node, with the `redislock.tls_*` settings). One entry: the commas list seeds of one cluster
//! (port 6379 when none is given), where the slot map is first asked; every node is then used
//! with the entry's ACL user and password (percent-decoded, as in `redis://`). A cluster has
//! only database 0: a path is refused.

use crate::lock::{quote_masked, Address, Node, Seeds};

use super::split_host_port;

/// Most seeds one entry may list.
pub const MAX_SEEDS: usize = 64;

/// Parses what follows `redis+cluster://` or `rediss+cluster://` (`url` is the whole entry, for
/// messages).
pub(super) fn parse(url: &str, rest: &str, tls: bool) -> Result<Node, String> {
    let bad = |why: String| format!("'{}': {why}", quote_masked(url.as_bytes()));
    let (userinfo, hosts) = match rest.rfind('@') {
        Some(at) => (Some(&rest[..at]), &rest[at + 1..]),
        None => (None, rest),
    };
    let hosts = match hosts.split_once('/') {
        Some((h, "")) | Some((h, "0")) => h,
        Some(_) => {
            return Err(bad(
                "a Redis Cluster has only database 0: expected redis+cluster://[user:pass@]host:port,host:port".into(),
            ))
        }
        None => hosts,
    };
    if hosts.contains('?') {
        return Err(bad("redis+cluster:// takes no parameters".into()));
    }
    let mut seeds = Vec::new();
    for hostport in hosts.split(',').map(str::trim) {
        let (host, port) = split_host_port(hostport, 6379).map_err(|e| bad(format!("seed {e}")))?;
        if !seeds.contains(&(host.clone(), port)) {
            seeds.push((host, port));
        }
    }
    if seeds.len() > MAX_SEEDS {
        return Err(bad(format!("more than {MAX_SEEDS} seeds")));
    }
    let mut node = Node {
        address: Address::Cluster(Box::new(Seeds { seeds })),
        ..Node::tcp("", 0)
    };
    node.tls = tls;
    if let Some(info) = userinfo {
        super::set_userinfo(&mut node, info);
    }
    Ok(node)
}
