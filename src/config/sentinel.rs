//! `redis+sentinel://` server entries: a master found through Redis Sentinel.
//!
//! `redis+sentinel://[user:pass@]host[:port],host[:port],.../SERVICE[/db][?sentinel_user=U&sentinel_password=P]`
//! (`rediss+sentinel://`: TLS to the sentinels and to the master, with the `redislock.tls_*` settings)
//!
//! One entry: the commas inside it list the sentinels of one deployment (port 26379 when none
//! is given), not masters of a quorum. The userinfo is the *master's* ACL user and password, as
//! in `redis://`; the sentinels' own credentials (`requirepass` or an ACL user set on the
//! sentinels) go in the query, so the two never mix. Every part is percent-decoded; `@`, `?`,
//! `&`, `%` in a query value must be percent-escaped (`%40`, `%3F`, `%26`, `%25`). Messages show
//! the entry masked: the userinfo and the whole query are replaced (`error::mask_credentials`).

use crate::lock::{quote_masked, Address, Node, Sentinels};

use super::{percent_decode, split_host_port};

/// The port a sentinel listens on when its entry gives none.
pub const DEFAULT_SENTINEL_PORT: u16 = 26379;
/// Most sentinels one entry may list.
pub const MAX_SENTINELS: usize = 16;
/// Longest service name, in bytes.
pub const MAX_SERVICE_BYTES: usize = 256;

/// Parses what follows `redis+sentinel://` or `rediss+sentinel://` (`tls`; `url` is the whole
/// entry, for messages).
pub(super) fn parse(url: &str, rest: &str, tls: bool) -> Result<Node, String> {
    let shown = || quote_masked(url.as_bytes());
    let bad = |why: String| format!("'{}': {why}", shown());
    let (userinfo, after) = match rest.rfind('@') {
        Some(at) => (Some(&rest[..at]), &rest[at + 1..]),
        None => (None, rest),
    };
    let (path, query) = match after.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (after, None),
    };
    let Some((hosts, service_db)) = path.split_once('/') else {
        return Err(bad(
            "expected redis+sentinel://[user:pass@]host:port,host:port/SERVICE[/db]: the service name is missing".into(),
        ));
    };
    let (service, db) = match service_db.split_once('/') {
        Some((s, "")) => (s, 0),
        Some((s, db)) => (
            s,
            db.parse::<i64>().ok().filter(|d| *d >= 0).ok_or_else(|| {
                bad(format!(
                    "database '{}' is not a number >= 0",
                    quote_masked(db.as_bytes())
                ))
            })?,
        ),
        None => (service_db, 0),
    };
    let service = percent_decode(service);
    if service.is_empty() || service.len() > MAX_SERVICE_BYTES {
        return Err(bad(format!(
            "the service name must have 1 to {MAX_SERVICE_BYTES} bytes"
        )));
    }
    let mut sentinels = Vec::new();
    for hostport in hosts.split(',').map(str::trim) {
        let (host, port) = split_host_port(hostport, DEFAULT_SENTINEL_PORT)
            .map_err(|e| bad(format!("sentinel {e}")))?;
        if !sentinels.contains(&(host.clone(), port)) {
            sentinels.push((host, port));
        }
    }
    if sentinels.len() > MAX_SENTINELS {
        return Err(bad(format!("more than {MAX_SENTINELS} sentinels")));
    }
    let mut set = Sentinels {
        sentinels,
        service,
        username: None,
        password: None,
        recheck: std::time::Duration::from_millis(super::DEFAULT_SENTINEL_RECHECK_MS),
    };
    for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let slot = match key {
            "sentinel_user" => &mut set.username,
            "sentinel_password" => &mut set.password,
            _ => {
                return Err(bad(format!(
                    "unknown parameter '{}' (expected sentinel_user, sentinel_password)",
                    quote_masked(key.as_bytes())
                )))
            }
        };
        if slot.is_some() {
            return Err(bad(format!("parameter '{key}' given twice")));
        }
        *slot = Some(percent_decode(value)).filter(|v| !v.is_empty());
    }
    if set.username.is_some() && set.password.is_none() {
        return Err(bad(
            "sentinel_user needs sentinel_password (AUTH takes both)".into(),
        ));
    }
    let mut node = Node {
        address: Address::Sentinel(Box::new(set)),
        ..Node::tcp("", 0)
    };
    node.db = db;
    node.tls = tls;
    if let Some(info) = userinfo {
        super::set_userinfo(&mut node, info);
    }
    Ok(node)
}
