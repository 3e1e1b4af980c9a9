//! The core's one error type, the per-server failure it carries, and the quoting every message
//! uses for a value it shows: one line, bounded, control and non-UTF-8 bytes escaped, and
//! credentials masked before anything is shown.

use std::fmt;

/// Why one server gave no usable answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeError {
    /// Could not connect, or the connection broke.
    Io(String),
    /// The TCP/Unix connect, or the AUTH/SELECT handshake, did not finish in time (ms).
    ConnectTimeout(u128),
    /// A command was sent and its reply did not come in time (ms).
    Timeout(u128),
    /// AUTH or SELECT was refused (the server's text, without the arguments it echoes).
    Handshake(String),
    /// The server answered with an error.
    Reply(String),
    /// The server answered something that is not a reply the lock can use.
    Protocol(String),
    /// The TLS handshake or a TLS record failed (the cause, without secrets).
    Tls(String),
    /// The TCP connect succeeded but the TLS handshake did not finish in time (ms).
    TlsTimeout(u128),
    /// Its reply was not awaited: the other servers had already decided the outcome.
    NotAwaited,
    /// A Sentinel service's master could not be found (what each sentinel said).
    Sentinel(String),
    /// A lock was granted but fewer replicas than `redislock.wait_replicas` acknowledged it.
    Replicas { acknowledged: i64, wanted: u32 },
    /// A Cluster entry's slot map could not be read, or names no master for the key's slot.
    Cluster(String),
}

impl fmt::Display for NodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NodeError::Io(e) => write!(f, "{e}"),
            NodeError::ConnectTimeout(ms) => write!(f, "connect timed out after {ms} ms"),
            NodeError::Timeout(ms) => write!(f, "no reply within {ms} ms"),
            NodeError::Handshake(e) => {
                write!(f, "authentication or database selection failed: {e}")
            }
            NodeError::Reply(e) => write!(f, "error reply: {e}"),
            NodeError::Protocol(e) => write!(f, "unexpected reply: {e}"),
            NodeError::Tls(e) => write!(f, "TLS: {e}"),
            NodeError::TlsTimeout(ms) => write!(
                f,
                "TLS: no handshake answer within {ms} ms (a plain redis:// port on a rediss:// URL?)"
            ),
            NodeError::NotAwaited => write!(f, "reply not awaited (the others decided)"),
            NodeError::Sentinel(e) | NodeError::Cluster(e) => write!(f, "{e}"),
            NodeError::Replicas {
                acknowledged,
                wanted,
            } => write!(
                f,
                "granted, but {acknowledged} of the {wanted} replica(s) redislock.wait_replicas asks for acknowledged it in time"
            ),
        }
    }
}

impl NodeError {
    /// Whether this failure may mean the server went away or changed role (a connection error
    /// or a timeout), not an answer it gave: a Sentinel entry asks its sentinels again, a
    /// Cluster entry reads its slot map again.
    pub fn may_mean_moved(&self) -> bool {
        !matches!(
            self,
            NodeError::NotAwaited | NodeError::Handshake(_) | NodeError::Reply(_)
        )
    }
}

/// One server's failure, the server named without credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeFailure {
    pub node: String,
    pub error: NodeError,
}

/// Every error of the extension. The PHP side turns it into an exception in one place.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A caller's argument is out of range or malformed (PHP `ValueError`).
    #[error("{0}")]
    InvalidValue(String),
    /// A setting (INI value or server list) cannot be used (PHP `RedisLockException`).
    #[error("{0}")]
    Config(String),
    /// Too many servers failed for the operation to be decided (PHP `RedisLockException`).
    #[error("{}", unavailable_message(*needed, *total, failures))]
    Unavailable {
        needed: usize,
        total: usize,
        failures: Vec<NodeFailure>,
    },
    /// Not acquired within the time given (PHP `RedisLockTimeoutException`).
    #[error("{0}")]
    NotAcquired(String),
    /// The lock had expired (or been taken) before its holder released it (PHP
    /// `RedisLockLostException`).
    #[error("{0}")]
    Lost(String),
    /// Misuse that is neither a value nor Redis (an object whose constructor did not run; PHP `Error`).
    #[error("{0}")]
    Usage(String),
}

fn unavailable_message(needed: usize, total: usize, failures: &[NodeFailure]) -> String {
    let list = failures
        .iter()
        .map(|f| format!("{}: {}", f.node, f.error))
        .collect::<Vec<_>>()
        .join("; ");
    if total == 1 {
        format!("Redis server {list}")
    } else {
        format!(
            "no quorum possible ({needed} of {total} Redis servers needed, {} failed): {list}",
            failures.len()
        )
    }
}

/// Most bytes of a value a message quotes.
pub const QUOTE_MAX_BYTES: usize = 200;

/// A value as messages show it: at most [`QUOTE_MAX_BYTES`] bytes (then `...`), bytes below 0x20,
/// 0x7f and invalid UTF-8 as `\xNN`, so a message stays one printable line whatever it quotes.
pub fn quote(value: &[u8]) -> String {
    let (shown, cut) = if value.len() > QUOTE_MAX_BYTES {
        (&value[..QUOTE_MAX_BYTES], true)
    } else {
        (value, false)
    };
    let mut out = String::with_capacity(shown.len() + 8);
    for chunk in shown.utf8_chunks() {
        for c in chunk.valid().chars() {
            if (c as u32) < 0x20 || c == '\x7f' {
                out.push_str(&format!("\\x{:02x}", c as u32));
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    if cut {
        out.push_str("...");
    }
    out
}

/// [`quote`] of a value that may hold credentials: everything up to its last `@` is masked
/// (a well-formed `scheme://user:pass@` keeps its scheme and user name), malformed or not.
pub fn quote_masked(value: &[u8]) -> String {
    quote(&mask_credentials(value, b"***"))
}

/// `value` with its credentials replaced by `mask`: the part before the last `@`. After a
/// `scheme://`, a user name before the first `:` stays visible (`redis://user:***@host`).
pub fn mask_credentials(value: &[u8], mask: &[u8]) -> Vec<u8> {
    let Some(at) = value.iter().rposition(|&b| b == b'@') else {
        return mask_query(value.to_vec(), mask);
    };
    let scheme_end = value
        .windows(3)
        .position(|w| w == b"://")
        .map(|p| p + 3)
        .filter(|&p| p <= at);
    let mut out = Vec::with_capacity(value.len());
    if let Some(start) = scheme_end {
        out.extend_from_slice(&value[..start]);
        let info = &value[start..at];
        if let Some(colon) = info.iter().position(|&b| b == b':') {
            out.extend_from_slice(&info[..=colon]);
        }
    }
    out.extend_from_slice(mask);
    out.extend_from_slice(&value[at..]);
    mask_query(out, mask)
}

/// A `?query` may carry credentials (`?password=...`, as some clients write them): masked whole.
fn mask_query(mut value: Vec<u8>, mask: &[u8]) -> Vec<u8> {
    if let Some(q) = value.iter().position(|&b| b == b'?') {
        value.truncate(q + 1);
        value.extend_from_slice(mask);
    }
    value
}
