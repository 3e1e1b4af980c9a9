//! Settings: one documented constant per INI name, the limits on arguments, and the parsing of
//! server URLs. No PHP types here, so all of it is tested by `cargo test`.

use std::path::PathBuf;
use std::time::Duration;

use crate::error::Error;
use crate::lock::{Address, Node};

/// Server URL(s): `redis://[user:pass@]host:port[/db]` or `unix:///path`, comma-separated for a
/// quorum of independent masters.
pub const INI_SERVERS: &str = "redislock.servers";
pub const DEFAULT_SERVERS: &str = "redis://127.0.0.1:6379";
/// Key prefix for `RedisLock`; the old PHP class's prefix, so both exclude each other.
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

/// Longest lock name, in bytes (Redis keys may be larger; lock names this long are a bug).
pub const MAX_NAME_BYTES: usize = 1024;
/// Longest `$acquire_time`, in seconds (one day).
pub const MAX_ACQUIRE_TIME_S: i64 = 86_400;
/// Longest `$lock_timeout`, in seconds (30 days).
pub const MAX_LOCK_TIMEOUT_S: i64 = 2_592_000;
/// Timeout settings accept 1 ms to 1 minute.
pub const MAX_TIMEOUT_MS: u64 = 60_000;

/// Parses one server URL. Error messages never contain the password.
pub fn parse_server_url(url: &str) -> Result<Node, String> {
    let url = url.trim();
    if let Some(path) = url.strip_prefix("unix://") {
        if path.is_empty() || !path.starts_with('/') {
            return Err(format!(
                "'{}': expected unix:///absolute/path/to/redis.sock",
                redact_url(url)
            ));
        }
        let mut node = Node::tcp("", 0);
        node.address = Address::Unix(PathBuf::from(path));
        return Ok(node);
    }
    if url.starts_with("rediss://") {
        return Err(format!(
            "'{}': TLS (rediss://) is not supported yet; use redis:// or unix://",
            redact_url(url)
        ));
    }
    let Some(rest) = url.strip_prefix("redis://") else {
        return Err(format!(
            "'{}': expected redis://[user:pass@]host:port[/db] or unix:///path",
            redact_url(url)
        ));
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
                    "'{}': database '{db}' is not a number >= 0",
                    redact_url(url)
                )
            })?,
        ),
        None => (hostpart, 0),
    };
    let (host, port) =
        split_host_port(hostport).map_err(|e| format!("'{}': {e}", redact_url(url)))?;
    let mut node = Node::tcp(host, port);
    node.db = db;
    if let Some(info) = userinfo {
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
    Ok(node)
}

fn split_host_port(hostport: &str) -> Result<(String, u16), String> {
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
    let port = match port {
        None => 6379,
        Some(p) => p
            .parse::<u16>()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(|| format!("port '{p}' is not a number from 1 to 65535"))?,
    };
    Ok((host.to_string(), port))
}

fn percent_decode(s: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
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

/// The URL with its password replaced by `***`, for messages and phpinfo().
pub fn redact_url(url: &str) -> String {
    redact_url_with(url, "***")
}

/// The URL with its password replaced by `mask`.
/// Everything before the last `@` is credentials, as `parse_server_url` reads it (a password may
/// contain `/`, `,` or `@`).
pub fn redact_url_with(url: &str, mask: &str) -> String {
    let Some(scheme_end) = url.find("://") else {
        return url.to_string();
    };
    let after = &url[scheme_end + 3..];
    match after.rfind('@') {
        Some(at) => {
            let info = &after[..at];
            let masked = match info.split_once(':') {
                Some((user, _)) => format!("{user}:{mask}"),
                None => mask.to_string(),
            };
            format!("{}{masked}{}", &url[..scheme_end + 3], &after[at..])
        }
        None => url.to_string(),
    }
}

/// A comma-separated server list, each entry redacted.
pub fn redact_servers(list: &str) -> String {
    redact_servers_with(list, "***")
}

/// A comma-separated server list, each password replaced by `mask`.
pub fn redact_servers_with(list: &str, mask: &str) -> String {
    split_servers(list)
        .into_iter()
        .map(|s| redact_url_with(s, mask))
        .collect::<Vec<_>>()
        .join(",")
}

/// Splits a server list at the commas that start another URL (`redis://`, `rediss://`,
/// `unix://` after the comma): a comma inside a password stays part of it.
pub fn split_servers(list: &str) -> Vec<&str> {
    const SCHEMES: [&str; 3] = ["redis://", "rediss://", "unix://"];
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

/// The index of an earlier entry naming the same server and database as `nodes[i]`: a server
/// listed twice would count twice toward a quorum it can never give.
pub fn earlier_duplicate(nodes: &[Node], i: usize) -> Option<usize> {
    nodes[..i]
        .iter()
        .position(|n| n.address == nodes[i].address && n.db == nodes[i].db)
}

/// Parses `redislock.servers`: one URL, or several separated by commas.
pub fn parse_servers(list: &str) -> Result<Vec<Node>, Error> {
    let nodes = split_servers(list)
        .into_iter()
        .map(|s| {
            parse_server_url(s).map_err(|e| Error::Config(format!("invalid {INI_SERVERS} {e}")))
        })
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
pub fn parse_ms(name: &str, raw: &str) -> Result<Duration, Error> {
    raw.trim()
        .parse::<u64>()
        .ok()
        .filter(|ms| (1..=MAX_TIMEOUT_MS).contains(ms))
        .map(Duration::from_millis)
        .ok_or_else(|| {
            Error::Config(format!(
                "invalid {name} '{raw}': expected milliseconds from 1 to {MAX_TIMEOUT_MS}"
            ))
        })
}

/// PHP's reading of a boolean INI value ("1", "On", "yes", "true").
pub fn parse_bool(raw: &str) -> bool {
    let v = raw.trim();
    ["on", "yes", "true"]
        .iter()
        .any(|t| v.eq_ignore_ascii_case(t))
        || v.parse::<i64>().map(|n| n != 0).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_host_port_db_and_credentials() {
        let n = parse_server_url("redis://locker:p%40ss@10.0.0.5:6380/3").unwrap();
        assert_eq!(
            n.address,
            Address::Tcp {
                host: "10.0.0.5".into(),
                port: 6380
            }
        );
        assert_eq!(n.db, 3);
        assert_eq!(n.username.as_deref(), Some("locker"));
        assert_eq!(n.password.as_deref(), Some("p@ss"));
        assert_eq!(n.to_string(), "10.0.0.5:6380/3");
    }

    #[test]
    fn password_only_forms() {
        let n = parse_server_url("redis://:s3cret@h:1").unwrap();
        assert_eq!((n.username, n.password.as_deref()), (None, Some("s3cret")));
        let n = parse_server_url("redis://s3cret@h:1").unwrap();
        assert_eq!((n.username, n.password.as_deref()), (None, Some("s3cret")));
    }

    #[test]
    fn defaults_port_and_parses_ipv6_and_unix() {
        assert_eq!(
            parse_server_url("redis://h").unwrap().address,
            Address::Tcp {
                host: "h".into(),
                port: 6379
            }
        );
        assert_eq!(
            parse_server_url("redis://[::1]:7000").unwrap().address,
            Address::Tcp {
                host: "::1".into(),
                port: 7000
            }
        );
        assert_eq!(
            parse_server_url("unix:///run/redis.sock").unwrap().address,
            Address::Unix("/run/redis.sock".into())
        );
    }

    #[test]
    fn rejects_tls_and_garbage_without_leaking_the_password() {
        let e = parse_server_url("rediss://u:s3cret@h:1").unwrap_err();
        assert!(
            e.contains("TLS (rediss://) is not supported yet") && !e.contains("s3cret"),
            "{e}"
        );
        for bad in [
            "http://h:1",
            "redis://",
            "redis://h:99999",
            "redis://h:abc",
            "redis://u:s3cret@h:0",
            "unix://rel",
        ] {
            let e = parse_server_url(bad).unwrap_err();
            assert!(!e.contains("s3cret"), "{e}");
        }
    }

    #[test]
    fn passwords_with_separators_are_masked_and_parsed() {
        for (url, pass) in [
            ("redis://:pa/ss@127.0.0.1:6380", "pa/ss"),
            ("redis://u:a,b@h:1", "a,b"),
            ("redis://u:x@y@h:1/2", "x@y"),
        ] {
            let n = parse_servers(url).unwrap();
            assert_eq!(n.len(), 1, "{url}");
            assert_eq!(n[0].password.as_deref(), Some(pass));
            let shown = redact_servers(url);
            assert!(!shown.contains(pass), "{shown}");
        }
        let e = parse_servers("redis://:pa/ss@127.0.0.1:abc")
            .unwrap_err()
            .to_string();
        assert!(!e.contains("pa/ss"), "{e}");
        let e = parse_server_url("unix://:s3cret@/x.sock").unwrap_err();
        assert!(!e.contains("s3cret"), "{e}");
        assert_eq!(
            split_servers("redis://a:1, redis://u:p,w@b:2 ,unix:///s"),
            ["redis://a:1", "redis://u:p,w@b:2", "unix:///s"]
        );
    }

    #[test]
    fn percent_decoding_works_on_bytes() {
        assert_eq!(
            parse_server_url("redis://u:%41%2f@h:1")
                .unwrap()
                .password
                .as_deref(),
            Some("A/")
        );
        // A multi-byte character after % is kept as it is (no panic), and %+1 is not hex.
        assert_eq!(
            parse_server_url("redis://u:%aé@h:1")
                .unwrap()
                .password
                .as_deref(),
            Some("%aé")
        );
        assert_eq!(
            parse_server_url("redis://u:%+1@h:1")
                .unwrap()
                .password
                .as_deref(),
            Some("%+1")
        );
    }

    #[test]
    fn redacts_passwords_in_lists() {
        assert_eq!(
            redact_servers("redis://u:s3cret@h:1, redis://:x@h:2,redis://h:3"),
            "redis://u:***@h:1,redis://:***@h:2,redis://h:3"
        );
        assert_eq!(redact_url("redis://s3cret@h:1/2"), "redis://***@h:1/2");
    }

    #[test]
    fn parses_lists_and_settings() {
        assert_eq!(
            parse_servers("redis://a:1,redis://b:2 , redis://c:3")
                .unwrap()
                .len(),
            3
        );
        assert!(parse_servers(" , ").is_err());
        let e = parse_servers("redis://a:1,redis://b:2,redis://u:p@a:1")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("a:1 is listed twice") && !e.contains(":p@"),
            "{e}"
        );
        assert!(
            parse_servers("redis://a:1/1,redis://a:1/2").is_ok(),
            "another database is another lock space"
        );
        assert_eq!(parse_ms("t", "250").unwrap(), Duration::from_millis(250));
        for bad in ["0", "-1", "abc", "60001", ""] {
            assert!(parse_ms("t", bad).is_err(), "{bad}");
        }
        assert!(
            parse_bool("On")
                && parse_bool("1")
                && parse_bool("yes")
                && !parse_bool("0")
                && !parse_bool("off")
                && !parse_bool("")
        );
    }
}
