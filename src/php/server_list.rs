//! The `$servers` argument of `new RedLock()`: `[host, port, timeout_seconds]` arrays (the
//! ronnylt shape) or `redis://` / `unix://` URL strings, mixed. Every refusal is a ValueError
//! naming the entry, with the value quoted escaped and masked.

use std::time::Duration;

use ext_php_rs::exception::PhpException;
use ext_php_rs::types::{ZendHashTable, Zval};

use super::{arg_value_error, Caller};
use crate::config;
use crate::lock::{quote_masked, Node};

/// Most masters one RedLock may use.
pub const MAX_SERVERS: usize = 64;

/// `[host, port, timeout_seconds]` arrays (ronnylt's shape) or `redis://` / `unix://` URL strings.
pub fn parse_server_list(servers: &ZendHashTable, func: Caller) -> Result<Vec<Node>, PhpException> {
    if servers.is_empty() {
        return Err(arg_value_error(func, 1, "servers", "must not be empty"));
    }
    if servers.len() > MAX_SERVERS {
        return Err(arg_value_error(
            func,
            1,
            "servers",
            &format!("must have at most {MAX_SERVERS} entries"),
        ));
    }
    let mut nodes = Vec::with_capacity(servers.len());
    let mut keys = Vec::with_capacity(servers.len());
    // Keys read as zvals: a string key need not be UTF-8 (ext-php-rs's `iter()` would panic).
    let mut entries = servers.iter();
    while let Some((key, entry)) = entries.next_zval() {
        let key = match key.zend_str() {
            Some(k) => quote_masked(k.as_bytes()),
            None => key.long().map(|n| n.to_string()).unwrap_or_default(),
        };
        let bad = |why: &str| arg_value_error(func, 1, "servers", &format!("entry [{key}] {why}"));
        let node = if let Some(url) = entry.zend_str() {
            config::parse_server_url(url.as_bytes())
                .map_err(|e| bad(&format!("is not a valid server URL: {e}")))?
        } else if let Some(parts) = entry.array() {
            let values: Vec<&Zval> = parts.values().collect();
            if values.len() < 2 || values.len() > 3 {
                return Err(bad("must be [host, port] or [host, port, timeout_seconds]"));
            }
            let host = values[0]
                .zend_str()
                .map(|h| h.as_bytes())
                .filter(|h| !h.is_empty())
                .ok_or_else(|| bad("must have a host string first"))?;
            let host = std::str::from_utf8(host).map_err(|_| {
                bad(&format!(
                    "is invalid: host '{}' is not a host name or IP address",
                    quote_masked(host)
                ))
            })?;
            // A Unix socket path (`['/run/redis.sock', 0]`) has no port: the second element is
            // ignored there, as phpredis ignores it.
            let port = if host.starts_with('/') {
                0
            } else {
                values[1]
                    .long()
                    .or_else(|| values[1].str().and_then(|s| s.parse().ok()))
                    .filter(|p| (1..=65535).contains(p))
                    .ok_or_else(|| bad("must have a port from 1 to 65535 as its second element"))?
            };
            let mut node = config::entry_node(host, port as u16)
                .map_err(|e| bad(&format!("is invalid: {e}")))?;
            if let Some(t) = values.get(2) {
                let secs = t
                    .double()
                    .or_else(|| t.long().map(|l| l as f64))
                    .or_else(|| t.str().and_then(|s| s.parse().ok()))
                    .filter(|s: &f64| s.is_finite() && *s >= 0.0 && *s <= 60.0)
                    .ok_or_else(|| {
                        bad("has a timeout that is not a number of seconds from 0 to 60")
                    })?;
                // 0 means "no timeout of its own" (phpredis's 0 is unlimited, never right here).
                if secs > 0.0 {
                    node.timeout =
                        Some(Duration::from_secs_f64(secs).max(Duration::from_millis(1)));
                }
            }
            node
        } else {
            return Err(bad(
                "must be a redis:// URL string or a [host, port, timeout] array",
            ));
        };
        nodes.push(node);
        keys.push(key.clone());
        if let Some(first) = config::earlier_duplicate(&nodes, nodes.len() - 1) {
            return Err(bad(&format!(
                "names the same server as entry [{}]",
                keys[first]
            )));
        }
    }
    Ok(nodes)
}
