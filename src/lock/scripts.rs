//! The lock's Lua scripts and their SHA1s, and what a new connection loads first. Given to the
//! connection layer as data (it never imports this file).

use std::sync::OnceLock;

use super::conn::Preload;
use super::resp::pack;

/// Compare-and-delete: deletes the key only while it still holds this token.
pub const RELEASE_SCRIPT: &str =
    "if redis.call('get',KEYS[1]) == ARGV[1] then return redis.call('del',KEYS[1]) else return 0 end";
/// SHA1 of [`RELEASE_SCRIPT`] (checked against Redis's `SCRIPT LOAD` in the tests).
pub const RELEASE_SHA: &str = "ae3671744a5dbb24ea37ef607b8b10ac7856d43e";
/// Compare-and-PEXPIRE: renews the key only while it still holds this token.
pub const EXTEND_SCRIPT: &str =
    "if redis.call('get',KEYS[1]) == ARGV[1] then return redis.call('pexpire',KEYS[1],ARGV[2]) else return 0 end";
/// SHA1 of [`EXTEND_SCRIPT`].
pub const EXTEND_SHA: &str = "0be193f9697b4b30826e1bc553c0064e0e04668c";

/// `SCRIPT LOAD` of every script, sent ahead of the first command on each new connection (a
/// restarted server has none), so EVALSHA finds them. A refusal (an ACL without +script) is
/// harmless: EVAL is the fallback.
pub fn preload() -> &'static Preload {
    static PRELOAD: OnceLock<Preload> = OnceLock::new();
    PRELOAD.get_or_init(|| {
        let scripts = [RELEASE_SCRIPT, EXTEND_SCRIPT];
        Preload {
            bytes: scripts
                .iter()
                .flat_map(|s| pack(&[b"SCRIPT", b"LOAD", s.as_bytes()]))
                .collect(),
            replies: scripts.len(),
        }
    })
}

/// A packed `EVALSHA sha 1 key args...` (or `EVAL script 1 key args...` with the body).
pub fn call(verb: &[u8], body: &[u8], key: &[u8], args: &[&[u8]]) -> Vec<u8> {
    match args {
        // The lock's own calls, packed without a temporary list.
        [a] => pack(&[verb, body, b"1", key, a]),
        [a, b] => pack(&[verb, body, b"1", key, a, b]),
        _ => {
            let mut parts: Vec<&[u8]> = vec![verb, body, b"1", key];
            parts.extend_from_slice(args);
            pack(&parts)
        }
    }
}
