//! The shared (read) lock's Lua scripts, apart from `scripts.rs` because they are not preloaded:
//! a new connection loads only the exclusive lock's scripts (what every user runs); these reach
//! a server by EVAL after their first NOSCRIPT (once per server lifetime).
//!
//! Layout, all in the lock key's Cluster slot (`companion`): while readers hold the name, the
//! lock key holds [`SHARED_MARK`] (so `SET NX`, the exclusive acquire, is refused, and the
//! exclusive release, extend and isHeld never match it), with the latest reader's expiry;
//! `{<key>}:readers` is a sorted set of reader identifiers scored by their expiry (ms, server
//! clock: `TIME`, which needs Redis 5 or newer for scripts that write after it). A writer is the
//! exclusive lock itself: the key holds its identifier.
//!
//! Wake-ups: readers waiting for a writer mark `{<key>}:rwaiting` and block on `{<key>}:rwake`;
//! an exclusive release (`RELEASE_WAKE_SCRIPT`) and a downgrade wake one of them, and every reader
//! that gets the lock wakes the next (a chain), so all waiting readers come in. A reader release
//! that leaves at most one reader wakes one waiting writer (the exclusive waiters' list): the
//! exclusive acquire when none is left, an upgrade when only its own read lock is left.

use super::scripts::companion;

/// The lock key's value while readers hold it: not UTF-8, so no identifier PHP can pass (the
/// glue refuses non-UTF-8 identifiers before asking Redis) ever matches it.
pub const SHARED_MARK: &[u8] = b"\xffshared";

/// The sorted set of readers (identifier scored by expiry, ms).
pub fn readers_key(key: &[u8]) -> Vec<u8> {
    companion(key, b":readers")
}

/// The mark that a reader waits for a writer.
pub fn read_waiting_key(key: &[u8]) -> Vec<u8> {
    companion(key, b":rwaiting")
}

/// The list waiting readers block on.
pub fn read_wake_key(key: &[u8]) -> Vec<u8> {
    companion(key, b":rwake")
}

/// Lua: `now`, the server's clock in ms.
macro_rules! now {
    () => {
        "local t = redis.call('time') local now = t[1] * 1000 + math.floor(t[2] / 1000) "
    };
}

/// Lua: KEYS[1] and KEYS[2] expire with the latest reader; a waiting reader (KEYS[3]) is woken
/// on KEYS[4] (ARGV[5]: the wake-up's TTL).
macro_rules! readers_set {
    () => {
        concat!(
            "local last = redis.call('zrevrange',KEYS[2],0,0,'withscores')[2] ",
            "redis.call('set',KEYS[1],'\\255shared') redis.call('pexpireat',KEYS[1],last) redis.call('pexpireat',KEYS[2],last) ",
            "if redis.call('exists',KEYS[3]) == 1 and redis.call('llen',KEYS[4]) == 0 then redis.call('rpush',KEYS[4],'1') redis.call('pexpire',KEYS[4],ARGV[5]) end ",
        )
    };
}

/// A read attempt (KEYS: key, readers, rwaiting, rwake; ARGV: token, ttl ms, waiting-mark ms,
/// mark 0/1, wake-up ms): free or read-held, ARGV[1] becomes a reader (`+OK`); write-held, the
/// holder's PTTL (and, with ARGV[4] = 1, the mark that a reader waits).
pub const ACQUIRE_SHARED_SCRIPT: &str = concat!(
    "local m = redis.call('get',KEYS[1]) ",
    "if m == false or m == '\\255shared' then ",
    now!(),
    "if m == false then redis.call('del',KEYS[2]) else redis.call('zremrangebyscore',KEYS[2],'-inf',now) end ",
    "redis.call('zadd',KEYS[2],now + ARGV[2],ARGV[1]) ",
    readers_set!(),
    "return redis.status_reply('OK') end ",
    "if ARGV[4] == '1' then redis.call('set',KEYS[3],'1','PX',ARGV[3]) end ",
    "return redis.call('pttl',KEYS[1])"
);
/// SHA1 of [`ACQUIRE_SHARED_SCRIPT`] (checked against Redis's `SCRIPT LOAD` in the tests).
pub const ACQUIRE_SHARED_SHA: &str = "e1f9ea8bb7045b6f5318b9db56c7a4b3e5358022";

/// Releases reader ARGV[1] (KEYS: key, readers, waiting, wake; ARGV[2]: wake-up ms): 1 when it
/// was a live reader. The last reader deletes the key; when at most one reader is left, one
/// waiting writer is woken.
pub const RELEASE_SHARED_SCRIPT: &str = concat!(
    "if redis.call('get',KEYS[1]) ~= '\\255shared' then return 0 end ",
    now!(),
    "redis.call('zremrangebyscore',KEYS[2],'-inf',now) ",
    "if redis.call('zrem',KEYS[2],ARGV[1]) == 0 then return 0 end ",
    "local left = redis.call('zcard',KEYS[2]) ",
    "if left == 0 then redis.call('del',KEYS[1]) else ",
    "local last = redis.call('zrevrange',KEYS[2],0,0,'withscores')[2] ",
    "redis.call('pexpireat',KEYS[1],last) redis.call('pexpireat',KEYS[2],last) end ",
    "if left <= 1 and redis.call('exists',KEYS[3]) == 1 and redis.call('llen',KEYS[4]) == 0 then redis.call('rpush',KEYS[4],'1') redis.call('pexpire',KEYS[4],ARGV[2]) end ",
    "return 1"
);
/// SHA1 of [`RELEASE_SHARED_SCRIPT`].
pub const RELEASE_SHARED_SHA: &str = "394c156b9dce7e4d836650bde67d37aaeefe65c5";

/// Renews reader ARGV[1] to ARGV[2] ms from now (KEYS: key, readers): 1, or 0 when it is no
/// live reader (never revives one).
pub const EXTEND_SHARED_SCRIPT: &str = concat!(
    "if redis.call('get',KEYS[1]) ~= '\\255shared' then return 0 end ",
    now!(),
    "redis.call('zremrangebyscore',KEYS[2],'-inf',now) ",
    "if not redis.call('zscore',KEYS[2],ARGV[1]) then return 0 end ",
    "redis.call('zadd',KEYS[2],now + ARGV[2],ARGV[1]) ",
    "local last = redis.call('zrevrange',KEYS[2],0,0,'withscores')[2] ",
    "redis.call('pexpireat',KEYS[1],last) redis.call('pexpireat',KEYS[2],last) ",
    "return 1"
);
/// SHA1 of [`EXTEND_SHARED_SCRIPT`].
pub const EXTEND_SHARED_SHA: &str = "dcadd691c32d1c7db879c9f6f70a22f042bb2e26";

/// Whether ARGV[1] is a live reader now (KEYS: key, readers): 1 or 0. Writes nothing.
pub const IS_HELD_SHARED_SCRIPT: &str = concat!(
    "if redis.call('get',KEYS[1]) ~= '\\255shared' then return 0 end ",
    "local s = redis.call('zscore',KEYS[2],ARGV[1]) ",
    "if not s then return 0 end ",
    now!(),
    "if tonumber(s) > now then return 1 end return 0"
);
/// SHA1 of [`IS_HELD_SHARED_SCRIPT`].
pub const IS_HELD_SHARED_SHA: &str = "ce1be67daedb8f49c92af5edbd7ec65b8f6dd85d";

/// Read to write (KEYS: key, readers, waiting; ARGV: token, ttl ms, waiting-mark ms, mark 0/1):
/// `+OK` when ARGV[1] is the only live reader (the key then holds it, for ARGV[2] ms) or already
/// the writer (renewed); the key's PTTL while other readers hold it (and, with ARGV[4] = 1, the
/// writers' waiting mark); `+LOST` when ARGV[1] holds nothing.
pub const UPGRADE_SCRIPT: &str = concat!(
    "local m = redis.call('get',KEYS[1]) ",
    "if m == ARGV[1] then redis.call('pexpire',KEYS[1],ARGV[2]) return redis.status_reply('OK') end ",
    "if m ~= '\\255shared' then return redis.status_reply('LOST') end ",
    now!(),
    "redis.call('zremrangebyscore',KEYS[2],'-inf',now) ",
    "if not redis.call('zscore',KEYS[2],ARGV[1]) then return redis.status_reply('LOST') end ",
    "if redis.call('zcard',KEYS[2]) == 1 then redis.call('del',KEYS[2]) redis.call('set',KEYS[1],ARGV[1],'PX',ARGV[2]) return redis.status_reply('OK') end ",
    "if ARGV[4] == '1' then redis.call('set',KEYS[3],'1','PX',ARGV[3]) end ",
    "return redis.call('pttl',KEYS[1])"
);
/// SHA1 of [`UPGRADE_SCRIPT`].
pub const UPGRADE_SHA: &str = "25106effa4b014c49ed805653b18d69f080a9715";

/// Write to read (KEYS: key, readers, rwaiting, rwake; ARGV: token, ttl ms, unused, unused,
/// wake-up ms): when ARGV[1] is the writer, it becomes the only reader for ARGV[2] ms and waiting
/// readers are woken; when it is already a live reader, it is renewed; 1, else 0.
pub const DOWNGRADE_SCRIPT: &str = concat!(
    "local m = redis.call('get',KEYS[1]) ",
    now!(),
    "if m == ARGV[1] then redis.call('del',KEYS[2]) ",
    "elseif m == '\\255shared' then redis.call('zremrangebyscore',KEYS[2],'-inf',now) ",
    "if not redis.call('zscore',KEYS[2],ARGV[1]) then return 0 end ",
    "else return 0 end ",
    "redis.call('zadd',KEYS[2],now + ARGV[2],ARGV[1]) ",
    readers_set!(),
    "return 1"
);
/// SHA1 of [`DOWNGRADE_SCRIPT`].
pub const DOWNGRADE_SHA: &str = "134913933937cd2f6e5480265986881996a5c2b1";

/// Deletes the lock whoever holds it, the writer or every reader (KEYS: key, readers, waiting,
/// wake, rwaiting, rwake; ARGV[1]: wake-up ms), and wakes one waiting writer and one waiting
/// reader: 1, or 0 when nothing was held.
pub const FORCE_RELEASE_SCRIPT: &str = concat!(
    "if redis.call('del',KEYS[1],KEYS[2]) == 0 then return 0 end ",
    "if redis.call('exists',KEYS[3]) == 1 and redis.call('llen',KEYS[4]) == 0 then redis.call('rpush',KEYS[4],'1') redis.call('pexpire',KEYS[4],ARGV[1]) end ",
    "if redis.call('exists',KEYS[5]) == 1 and redis.call('llen',KEYS[6]) == 0 then redis.call('rpush',KEYS[6],'1') redis.call('pexpire',KEYS[6],ARGV[1]) end ",
    "return 1"
);
/// SHA1 of [`FORCE_RELEASE_SCRIPT`].
pub const FORCE_RELEASE_SHA: &str = "0a7d8ee01ea68e67305580b578d6872c2390a9a2";
