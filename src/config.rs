//! Settings: one documented constant per INI name, the limits on arguments, and the parsing of
//! server URLs and timeouts. No PHP types here, so all of it is tested by `cargo test`
//! (`tests/config.rs`). Values arrive as bytes (PHP strings): anything that is not valid UTF-8,
//! or holds a control byte, is refused with the value quoted escaped and masked.

use std::time::Duration;

use crate::lock::{mask_credentials, quote_masked, Address, Error, Node};

mod cluster;
mod sentinel;
pub use cluster::MAX_SEEDS;
pub use sentinel::{DEFAULT_SENTINEL_PORT, MAX_SENTINELS};

/// Server URL(s): `redis://[user:pass@]host:port[/db]`, `rediss://` (TLS), `unix:///path`,
/// `redis+sentinel://[user:pass@]s1:26379,s2:26379/SERVICE[/db]` (a master found through
/// Sentinel) or `redis+cluster://[user:pass@]h1:7000,h2:7001` (a Redis Cluster; both also as
/// `rediss+`), comma-separated for a quorum of independent masters.
pub const INI_SERVERS: &str = "redislock.servers";
pub const DEFAULT_SERVERS: &str = "redis://127.0.0.1:6379";
/// Key prefix for `RedisLock`; the blog-post class's prefix, so both exclude each other.
pub const INI_PREFIX: &str = "redislock.prefix";
pub const DEFAULT_PREFIX: &str = "AGENT_ORDER_LOCK:";
/// Milliseconds to connect (and authenticate) to one server.
pub const INI_CONNECT_TIMEOUT: &str = "redislock.connect_timeout";
pub const DEFAULT_CONNECT_TIMEOUT_MS: u64 = 1000;
/// Milliseconds for one reply, with a single server.
pub const INI_TIMEOUT: &str = "redislock.timeout";
pub const DEFAULT_TIMEOUT_MS: u64 = 1000;
/// Milliseconds per master in a quorum, for servers that give none of their own.
pub const INI_NODE_TIMEOUT: &str = "redislock.node_timeout";
pub const DEFAULT_NODE_TIMEOUT_MS: u64 = 50;
/// 1: locks a request took and did not release are released when the request ends.
pub const INI_AUTO_RELEASE: &str = "redislock.auto_release";
pub const DEFAULT_AUTO_RELEASE: bool = false;

/// 1: locks live a lease in Redis and a thread of the process renews them while it holds them
/// (up to their own TTL); a holder that dies frees them within one lease.
pub const INI_WATCHDOG: &str = "redislock.watchdog";
pub const DEFAULT_WATCHDOG: bool = false;
/// Milliseconds a watched lock lives in Redis between renewals (renewed every third of it).
pub const INI_WATCHDOG_LEASE: &str = "redislock.watchdog_lease";
pub const DEFAULT_WATCHDOG_LEASE_MS: u64 = 10_000;
/// Shortest and longest lease (1 day: a longer one frees a dead holder's lock no sooner than a TTL).
pub const MIN_WATCHDOG_LEASE_MS: u64 = 10;
pub const MAX_WATCHDOG_LEASE_MS: u64 = 86_400_000;

/// PEM file of the CA(s) a `rediss://` server's certificate must chain to (empty: the system's
/// trusted roots).
pub const INI_TLS_CA_FILE: &str = "redislock.tls_ca_file";
/// PEM files of the client certificate (chain) and its key, for servers that ask for one.
pub const INI_TLS_CERT_FILE: &str = "redislock.tls_cert_file";
pub const INI_TLS_KEY_FILE: &str = "redislock.tls_key_file";
/// 0: no verification of `rediss://` servers' certificates at all (development only).
pub const INI_TLS_VERIFY: &str = "redislock.tls_verify";
pub const DEFAULT_TLS_VERIFY: bool = true;

/// Milliseconds a Sentinel service's master is used before the sentinels are asked to confirm
/// it (after a failover the old master stays writable until Sentinel reconfigures it).
pub const INI_SENTINEL_RECHECK: &str = "redislock.sentinel_recheck";
pub const DEFAULT_SENTINEL_RECHECK_MS: u64 = 1000;

/// Replicas that must acknowledge a new lock (`WAIT`) before it counts as acquired; 0: none
/// (replication is asynchronous: a failover may lose a lock no replica had yet).
pub const INI_WAIT_REPLICAS: &str = "redislock.wait_replicas";
pub const DEFAULT_WAIT_REPLICAS: u32 = 0;
pub const MAX_WAIT_REPLICAS: u32 = 64;

/// Longest lock name, in bytes (Redis keys may be larger; lock names this long are a bug).
pub const MAX_NAME_BYTES: usize = 1024;
/// Longest `$acquire_time`, in seconds (one day).
pub const MAX_ACQUIRE_TIME_S: i64 = 86_400;
/// Longest `$lock_timeout`, in seconds (30 days).
pub const MAX_LOCK_TIMEOUT_S: i64 = 2_592_000;
/// Shortest `$lock_timeout`: 1 ms (`0.001` seconds).
pub const MIN_LOCK_TIMEOUT_MS: u64 = 1;
/// Timeout settings accept 1 ms to 1 minute.
pub const MAX_TIMEOUT_MS: u64 = 60_000;

/// The value as text, refused (quoted, masked) when it is not UTF-8 or holds a control byte.
fn text(raw: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(raw)
        .ok()
        .filter(|s| !s.chars().any(char::is_control))
        .ok_or_else(|| {
            format!(
                "'{}': contains a NUL, control or non-UTF-8 byte",
                quote_masked(raw)
            )
        })
}

/// Parses one server URL. Error messages never contain the password.
pub fn parse_server_url(raw: &[u8]) -> Result<Node, String> {
    let url = text(raw)?.trim();
    let shown = || quote_masked(url.as_bytes());
    if let Some(path) = url.strip_prefix("unix://") {
        if !path.starts_with('/') || path.contains('@') {
            return Err(format!(
                "'{}': expected unix:///absolute/path/to/redis.sock",
                shown()
            ));
        }
        check_socket_path(path)?;
        return Ok(Node::unix(path));
    }
    if let Some(rest) = url.strip_prefix("redis+sentinel://") {
        return sentinel::parse(url, rest, false);
    }
    if let Some(rest) = url.strip_prefix("rediss+sentinel://") {
        return sentinel::parse(url, rest, true);
    }
    if let Some(rest) = url.strip_prefix("redis+cluster://") {
        return cluster::parse(url, rest, false);
    }
    if let Some(rest) = url.strip_prefix("rediss+cluster://") {
        return cluster::parse(url, rest, true);
    }
    let (rest, tls) = match (url.strip_prefix("redis://"), url.strip_prefix("rediss://")) {
        (Some(rest), _) => (rest, false),
        (_, Some(rest)) => (rest, true),
        _ => {
            return Err(format!(
            "'{}': expected redis://[user:pass@]host:port[/db], rediss:// (TLS), unix:///path, redis+sentinel://host:port,.../SERVICE or redis+cluster://host:port,...",
            shown()
        ))
        }
    };
    let (userinfo, hostpart) = match rest.rfind('@') {
        Some(at) => (Some(&rest[..at]), &rest[at + 1..]),
        None => (None, rest),
    };
    let (hostport, db) = match hostpart.split_once('/') {
        Some((hp, "")) => (hp, 0),
        Some((hp, db)) => (
            hp,
            db.parse::<i64>().ok().filter(|d| *d >= 0).ok_or_else(|| {
                format!(
                    "'{}': database '{}' is not a number >= 0",
                    shown(),
                    quote_masked(db.as_bytes())
                )
            })?,
        ),
        None => (hostpart, 0),
    };
    let (host, port) =
        split_host_port(hostport, 6379).map_err(|e| format!("'{}': {e}", shown()))?;
    let mut node = Node::tcp(host, port);
    node.db = db;
    node.tls = tls;
    if let Some(info) = userinfo {
        set_userinfo(&mut node, info);
    }
    Ok(node)
}

/// The user and password of a URL's `user:pass` (percent-decoded) on `node`.
fn set_userinfo(node: &mut Node, info: &str) {
    let (user, pass) = match info.split_once(':') {
        Some((u, p)) => (u, Some(p)),
        None => (info, None),
    };
    let user = percent_decode(user);
    match pass {
        // `redis://secret@host`: a bare userinfo is the password, as in phpredis and redis-rs.
        None => node.password = Some(user).filter(|p| !p.is_empty()),
        Some(p) => {
            node.username = Some(user).filter(|u| !u.is_empty());
            node.password = Some(percent_decode(p));
        }
    }
}

/// Checks a host name (at most 253 bytes, as DNS), IPv4 or IPv6 address (the bracket-less
/// form); the reason when it is none.
pub fn check_host(host: &str) -> Result<(), String> {
    let ok = !host.is_empty()
        && host.len() <= 253
        && (host.parse::<std::net::IpAddr>().is_ok()
            || host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_')));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "host '{}' is not a host name or IP address",
            quote_masked(host.as_bytes())
        ))
    }
}

fn split_host_port(hostport: &str, default_port: u16) -> Result<(String, u16), String> {
    let (host, port) = if let Some(v6) = hostport.strip_prefix('[') {
        let (host, after) = v6.split_once(']').ok_or("unterminated [IPv6] address")?;
        (host, after.strip_prefix(':'))
    } else {
        match hostport.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (hostport, None),
        }
    };
    if host.is_empty() {
        return Err("missing host".into());
    }
    check_host(host)?;
    let port = match port {
        None => default_port,
        Some(p) => p.parse::<u16>().ok().filter(|p| *p > 0).ok_or_else(|| {
            format!(
                "port '{}' is not a number from 1 to 65535",
                quote_masked(p.as_bytes())
            )
        })?,
    };
    Ok((host.to_string(), port))
}

fn percent_decode(s: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(h << 4 | l);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A server list as it may be shown: each entry's credentials replaced by `mask`, malformed
/// entries too (everything up to an entry's last `@`).
pub fn redact_servers_with(list: &[u8], mask: &str) -> Vec<u8> {
    let list = String::from_utf8_lossy(list);
    split_servers(&list)
        .into_iter()
        .map(|s| mask_credentials(s.as_bytes(), mask.as_bytes()))
        .collect::<Vec<_>>()
        .join(&b","[..])
}

/// `redact_servers_with` with `***`.
pub fn redact_servers(list: &[u8]) -> Vec<u8> {
    redact_servers_with(list, "***")
}

/// Splits a server list at the commas that start another URL (`redis://`, `rediss://`,
/// `unix://`, `redis+sentinel://`, `redis+cluster://` after the comma): a comma inside a
/// password stays part of it, and so do the commas between a Sentinel entry's sentinels or a
/// Cluster entry's seeds.
pub fn split_servers(list: &str) -> Vec<&str> {
    const SCHEMES: [&str; 7] = [
        "redis://",
        "rediss://",
        "unix://",
        "redis+sentinel://",
        "rediss+sentinel://",
        "redis+cluster://",
        "rediss+cluster://",
    ];
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, _) in list.match_indices(',') {
        let next = list[i + 1..].trim_start();
        if SCHEMES.iter().any(|s| next.starts_with(s)) {
            parts.push(list[start..i].trim());
            start = i + 1;
        }
    }
    parts.push(list[start..].trim());
    parts.retain(|p| !p.is_empty());
    parts
}

/// The index of an earlier entry naming the same server as `nodes[i]` (another database of it
/// too: one failure domain): it would count twice toward a quorum it can never give. Aliases
/// (a name and its IP, a Unix socket) are found when connected (`lock::identity`). Two Sentinel
/// entries of one service with a sentinel in common are one master; two Cluster entries with a
/// seed in common are one cluster.
pub fn earlier_duplicate(nodes: &[Node], i: usize) -> Option<usize> {
    nodes[..i]
        .iter()
        .position(|n| match (&n.address, &nodes[i].address) {
            (Address::Sentinel(a), Address::Sentinel(b)) => a.same_service(b),
            (Address::Cluster(a), Address::Cluster(b)) => a.same_cluster(b),
            (a, b) => a == b,
        })
}

/// Parses `redislock.servers`: one URL, or several separated by commas.
pub fn parse_servers(raw: &[u8]) -> Result<Vec<Node>, Error> {
    let invalid = |e: String| Error::Config(format!("invalid {INI_SERVERS} {e}"));
    let list = text(raw).map_err(invalid)?;
    let nodes = split_servers(list)
        .into_iter()
        .map(|s| parse_server_url(s.as_bytes()).map_err(invalid))
        .collect::<Result<Vec<_>, _>>()?;
    if nodes.is_empty() {
        return Err(Error::Config(format!("{INI_SERVERS} is empty")));
    }
    if let Some(i) = (0..nodes.len()).find(|&i| earlier_duplicate(&nodes, i).is_some()) {
        return Err(Error::Config(format!(
            "invalid {INI_SERVERS}: {} is listed twice",
            nodes[i]
        )));
    }
    Ok(nodes)
}

/// Parses a millisecond setting (1 to [`MAX_TIMEOUT_MS`]).
pub fn parse_ms(name: &str, raw: &[u8]) -> Result<Duration, Error> {
    std::str::from_utf8(raw)
        .ok()
        .and_then(|s| s.trim_matches(' ').parse::<u64>().ok())
        .filter(|ms| (1..=MAX_TIMEOUT_MS).contains(ms))
        .map(Duration::from_millis)
        .ok_or_else(|| {
            Error::Config(format!(
                "invalid {name} '{}': expected milliseconds from 1 to {MAX_TIMEOUT_MS}",
                quote_masked(raw)
            ))
        })
}

/// `redislock.watchdog_lease`: milliseconds from 10 to 86400000.
pub fn parse_lease(raw: &[u8]) -> Result<Duration, Error> {
    std::str::from_utf8(raw)
        .ok()
        .and_then(|s| s.trim_matches(' ').parse::<u64>().ok())
        .filter(|ms| (MIN_WATCHDOG_LEASE_MS..=MAX_WATCHDOG_LEASE_MS).contains(ms))
        .map(Duration::from_millis)
        .ok_or_else(|| {
            Error::Config(format!(
                "invalid {INI_WATCHDOG_LEASE} '{}': expected milliseconds from {MIN_WATCHDOG_LEASE_MS} to {MAX_WATCHDOG_LEASE_MS}",
                quote_masked(raw)
            ))
        })
}

/// A time in seconds as PHP code gives it (`int|float`, ms precision) in whole milliseconds,
/// when it lies in `min_ms..=max_s` seconds; None when not (NaN and infinities too). Fractions
/// below a millisecond are rounded to the nearest one.
pub fn seconds_to_ms(seconds: f64, min_ms: u64, max_s: i64) -> Option<Duration> {
    if !seconds.is_finite() || seconds * 1000.0 < min_ms as f64 || seconds > max_s as f64 {
        return None;
    }
    let ms = (seconds * 1000.0).round().max(min_ms as f64);
    Some(Duration::from_millis(ms as u64))
}

/// `redislock.tls_verify`: only a clear on or off word. Turning verification off by a typo
/// (`ture`, an empty value) must not happen silently, so anything else is refused.
pub fn parse_tls_verify(raw: &[u8]) -> Result<bool, Error> {
    let word = std::str::from_utf8(raw)
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match word.as_str() {
        "1" | "on" | "yes" | "true" => Ok(true),
        "0" | "off" | "no" | "false" => Ok(false),
        _ => Err(Error::Config(format!(
            "invalid {INI_TLS_VERIFY} '{}': expected 1 or 0 (on/off, yes/no, true/false)",
            quote_masked(raw)
        ))),
    }
}

/// A TLS file setting: empty for none, else a path (no NUL or control byte).
pub fn tls_path(name: &str, raw: &[u8]) -> Result<Option<std::path::PathBuf>, Error> {
    if raw.is_empty() {
        return Ok(None);
    }
    text(raw)
        .map(|p| Some(std::path::PathBuf::from(p)))
        .map_err(|e| Error::Config(format!("invalid {name} {e}")))
}

/// Checks a key prefix: any bytes but NUL (Redis keys are binary; NUL is a bug somewhere).
pub fn check_prefix(raw: &[u8]) -> Result<(), Error> {
    if raw.contains(&0) {
        return Err(Error::Config(format!(
            "invalid {INI_PREFIX} '{}': must not contain any null bytes",
            quote_masked(raw)
        )));
    }
    Ok(())
}

/// PHP's reading of a boolean INI value ("1", "On", "yes", "true").
pub fn parse_bool(raw: &[u8]) -> bool {
    let v = String::from_utf8_lossy(raw);
    let v = v.trim();
    ["on", "yes", "true"]
        .iter()
        .any(|t| v.eq_ignore_ascii_case(t))
        || v.parse::<i64>().map(|n| n != 0).unwrap_or(false)
}

/// Parses `redislock.wait_replicas`: a whole number from 0 to `MAX_WAIT_REPLICAS`.
pub fn parse_wait_replicas(raw: &[u8]) -> Result<u32, Error> {
    let v = text(raw).map_err(|e| Error::Config(format!("invalid {INI_WAIT_REPLICAS} {e}")))?;
    v.trim()
        .parse::<u32>()
        .ok()
        .filter(|n| *n <= MAX_WAIT_REPLICAS)
        .ok_or_else(|| {
            Error::Config(format!(
                "invalid {INI_WAIT_REPLICAS} '{}': expected a whole number from 0 to {MAX_WAIT_REPLICAS}",
                quote_masked(v.as_bytes())
            ))
        })
}

/// Checks a value for the INI setting `name` (the refusal's message, when it is not valid).
pub fn check_setting(name: &str, raw: &[u8]) -> Result<(), Error> {
    match name {
        INI_SERVERS => parse_servers(raw).map(drop),
        INI_CONNECT_TIMEOUT | INI_TIMEOUT | INI_NODE_TIMEOUT | INI_SENTINEL_RECHECK => {
            parse_ms(name, raw).map(drop)
        }
        INI_PREFIX => check_prefix(raw),
        // Any word PHP reads as a boolean, but not bytes that cannot be one.
        INI_AUTO_RELEASE | INI_WATCHDOG => text(raw)
            .map(drop)
            .map_err(|e| Error::Config(format!("invalid {name} {e}"))),
        INI_WATCHDOG_LEASE => parse_lease(raw).map(drop),
        INI_WAIT_REPLICAS => parse_wait_replicas(raw).map(drop),
        INI_TLS_VERIFY => parse_tls_verify(raw).map(drop),
        INI_TLS_CA_FILE | INI_TLS_CERT_FILE | INI_TLS_KEY_FILE => tls_path(name, raw).map(drop),
        _ => Ok(()),
    }
}

/// Longest Unix socket path (`sun_path` holds 108 bytes with its NUL): a longer one can never
/// be connected to.
pub const MAX_SOCKET_PATH_BYTES: usize = 107;

fn check_socket_path(path: &str) -> Result<(), String> {
    if path.len() > MAX_SOCKET_PATH_BYTES {
        return Err(format!(
            "Unix socket path '{}' is longer than {MAX_SOCKET_PATH_BYTES} bytes",
            quote_masked(path.as_bytes())
        ));
    }
    Ok(())
}

/// The address of an `[host, port]` entry: a path starting with `/` is a Unix socket.
pub fn entry_node(host: &str, port: u16) -> Result<Node, String> {
    if host.starts_with('/') {
        if host.contains('@') || host.chars().any(char::is_control) {
            return Err(format!(
                "path '{}' is not a Unix socket path",
                quote_masked(host.as_bytes())
            ));
        }
        check_socket_path(host)?;
        return Ok(Node::unix(host));
    }
    check_host(host)?;
    Ok(Node::tcp(host, port))
}
