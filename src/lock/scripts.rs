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
/// A waiting acquire's attempt: `SET NX PX`, or else mark that someone waits (KEYS[2], for
/// ARGV[3] ms) and say how long the holder keeps the lock (PTTL, ms; -1 no expiry, -2 gone
/// meanwhile), in the same round trip.
pub const ACQUIRE_WAIT_SCRIPT: &str = "if redis.call('set',KEYS[1],ARGV[1],'NX','PX',ARGV[2]) then return redis.status_reply('OK') end redis.call('set',KEYS[2],'1','PX',ARGV[3]) return redis.call('pttl',KEYS[1])";
/// SHA1 of [`ACQUIRE_WAIT_SCRIPT`].
pub const ACQUIRE_WAIT_SHA: &str = "f3daf3955f14a417239b7924370be5aa11cc0ca6";
/// Compare-and-delete that wakes one waiter: when someone waits (KEYS[2] exists), the wake list
/// KEYS[3] gets one element if it has none (a waiter blocked on it takes it at once) and expires
/// after ARGV[2] ms; the same for a waiting reader of a shared lock (KEYS[4], KEYS[5]; see
/// `rw_scripts`). Without waiters it writes nothing, so an uncontended lock leaves no key.
pub const RELEASE_WAKE_SCRIPT: &str = "if redis.call('get',KEYS[1]) == ARGV[1] then redis.call('del',KEYS[1]) if redis.call('exists',KEYS[2]) == 1 and redis.call('llen',KEYS[3]) == 0 then redis.call('rpush',KEYS[3],'1') redis.call('pexpire',KEYS[3],ARGV[2]) end if redis.call('exists',KEYS[4]) == 1 and redis.call('llen',KEYS[5]) == 0 then redis.call('rpush',KEYS[5],'1') redis.call('pexpire',KEYS[5],ARGV[2]) end return 1 else return 0 end";
/// SHA1 of [`RELEASE_WAKE_SCRIPT`].
pub const RELEASE_WAKE_SHA: &str = "f28d166600aabc9716aadc4c6d6fdf6bf7506437";
/// A fenced attempt: when the lock is free, the fencing counter KEYS[2] grows by one and the
/// lock is set (ARGV[1] for ARGV[2] ms); the reply is the new fencing number, or nil when held.
/// The counter comes first, so a counter that is not a number fails the script before any SET.
pub const FENCED_ACQUIRE_SCRIPT: &str = "if redis.call('exists',KEYS[1]) == 0 then local fence = redis.call('incr',KEYS[2]) redis.call('set',KEYS[1],ARGV[1],'PX',ARGV[2]) return fence end return false";
/// SHA1 of [`FENCED_ACQUIRE_SCRIPT`].
pub const FENCED_ACQUIRE_SHA: &str = "42d9122ea04e2ea1783e9a6dd322e27d153e4ad2";
/// [`ACQUIRE_WAIT_SCRIPT`] with a fencing counter (KEYS[3]): granted is `{fence}` (an array of
/// one number), held is the holder's PTTL as there.
pub const ACQUIRE_WAIT_FENCED_SCRIPT: &str = "if redis.call('exists',KEYS[1]) == 0 then local fence = redis.call('incr',KEYS[3]) redis.call('set',KEYS[1],ARGV[1],'PX',ARGV[2]) return {fence} end redis.call('set',KEYS[2],'1','PX',ARGV[3]) return redis.call('pttl',KEYS[1])";
/// SHA1 of [`ACQUIRE_WAIT_FENCED_SCRIPT`].
pub const ACQUIRE_WAIT_FENCED_SHA: &str = "2d66b289850c743919985022205cbb25019bb309";
/// How long an unclaimed wake-up lives: long enough to cover a waiter between its refused
/// attempt and its BLPOP, short enough that nothing of a free lock stays in Redis for long.
pub const WAKE_TTL_MS: &str = "250";
/// How long the "someone waits" mark lives after a refused attempt: more than a waiter's
/// longest block (`wait::MAX_BLOCK`, 1 s, and Redis's tick of lateness) and its next attempt.
pub const WAITING_TTL_MS: &str = "1500";

/// A companion key of a lock key (`:wake`, `:waiting`), in the key's Redis Cluster hash slot:
/// the key's own `{tag}` if it has one, else the whole key as the tag (a key with a `}` but no
/// tag cannot be wrapped: its companions are only named after it).
pub fn companion(key: &[u8], suffix: &[u8]) -> Vec<u8> {
    let tagged = key
        .iter()
        .position(|&b| b == b'{')
        .and_then(|open| key[open + 1..].iter().position(|&b| b == b'}'))
        .is_some_and(|len| len > 0);
    if tagged || key.contains(&b'}') {
        [key, suffix].concat()
    } else {
        [b"{", key, b"}", suffix].concat()
    }
}

/// The list waiters block on.
pub fn wake_key(key: &[u8]) -> Vec<u8> {
    companion(key, b":wake")
}

/// The mark that someone waits.
pub fn waiting_key(key: &[u8]) -> Vec<u8> {
    companion(key, b":waiting")
}

/// The fencing counter: grows by one with every fenced acquisition of the lock; never expires.
pub fn fence_key(key: &[u8]) -> Vec<u8> {
    companion(key, b":fence")
}

/// `SCRIPT LOAD` of every script, sent ahead of the first command on each new connection (a
/// restarted server has none), so EVALSHA finds them. A refusal (an ACL without +script) is
/// harmless: EVAL is the fallback.
pub fn preload() -> &'static Preload {
    static PRELOAD: OnceLock<Preload> = OnceLock::new();
    PRELOAD.get_or_init(|| {
        let scripts = [
            RELEASE_SCRIPT,
            EXTEND_SCRIPT,
            ACQUIRE_WAIT_SCRIPT,
            RELEASE_WAKE_SCRIPT,
            FENCED_ACQUIRE_SCRIPT,
            ACQUIRE_WAIT_FENCED_SCRIPT,
        ];
        Preload {
            bytes: scripts
                .iter()
                .flat_map(|s| pack(&[b"SCRIPT", b"LOAD", s.as_bytes()]))
                .collect(),
            replies: scripts.len(),
        }
    })
}

/// A packed `EVALSHA sha numkeys keys... args...` (or `EVAL script ...` with the body).
pub fn call(verb: &[u8], body: &[u8], keys: &[&[u8]], args: &[&[u8]]) -> Vec<u8> {
    match (keys, args) {
        // The lock's own calls, packed without a temporary list.
        ([k], [a]) => pack(&[verb, body, b"1", k, a]),
        ([k], [a, b]) => pack(&[verb, body, b"1", k, a, b]),
        ([k, w], [a, b]) => pack(&[verb, body, b"2", k, w, a, b]),
        ([k, w], [a, b, c]) => pack(&[verb, body, b"2", k, w, a, b, c]),
        ([k, m, w], [a, b]) => pack(&[verb, body, b"3", k, m, w, a, b]),
        _ => {
            let numkeys = keys.len().to_string();
            let mut parts: Vec<&[u8]> = vec![verb, body, numkeys.as_bytes()];
            parts.extend_from_slice(keys);
            parts.extend_from_slice(args);
            pack(&parts)
        }
    }
}
