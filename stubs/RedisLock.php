<?php

// Stub of the redislock extension's RedisLock class, for IDEs and static analysis only.
// The extension declares this class itself: never include or autoload this file at run time.
// Kept by hand; stubs/check.php fails on any difference from the running extension.

/**
 * A distributed lock on Redis, with the static API of the PHP class shops copy
 * (`RedisLock::acquireLock()` / `RedisLock::releaseLock()`), as a drop-in; and what long jobs
 * need: isHeld(), extendLock(), synchronized(), fencing tokens (acquireFenced()), a watchdog.
 *
 * Where the lock lives comes from php.ini (also `-d` or ini_set()):
 * - `redislock.servers`: one `redis://[user:pass@]host:port[/db]`, `rediss://...` (TLS, verified:
 *   `redislock.tls_ca_file`, `redislock.tls_cert_file`, `redislock.tls_key_file`,
 *   `redislock.tls_verify`) or `unix:///path` URL, or several separated by commas; with several, a
 *   majority of them must grant the lock (the Redlock quorum).
 * - `redislock.prefix` (default `AGENT_ORDER_LOCK:`): the key in Redis is this prefix followed by
 *   the lock name, the same key as the PHP class, so both exclude each other during an upgrade.
 * - `redislock.auto_release` (default 0): 1 releases, when the request ends, the locks it took and
 *   did not release.
 * - `redislock.watchdog` (default 0) and `redislock.watchdog_lease` (ms, default 10000): with the
 *   watchdog on, a lock longer than the lease lives one lease in Redis and a thread of the process
 *   renews it every third of a lease while the process holds it, up to `$lock_timeout` in all; a
 *   holder that dies frees it within one lease. Locks a request did not release stop being
 *   renewed when it ends.
 *
 * Times are seconds as int or float (millisecond precision: 0.5 is 500 ms). A lock name is a
 * string or an int (an int is its decimal string, as the PHP class's concatenation made it:
 * accepted under `declare(strict_types=1)` too). Other arguments coerce as for any native PHP
 * function (weak mode), and are a TypeError under strict_types.
 */
final class RedisLock
{
    /**
     * Takes the lock `$lock_name` (Redis `SET key identifier NX PX ttl`). While it is held and
     * `$acquire_time` allows, waits until the holder releases it (woken in arrival order, about a
     * round trip after the release; one server) or its key expires, then tries again.
     *
     * @param string|int $lock_name Name of the lock, 1 to 1024 bytes; the Redis key is the
     *                              `redislock.prefix` setting followed by this name.
     * @param int|float $acquire_time Seconds to keep trying, 0 to 86400; 0 makes exactly one
     *                                attempt.
     * @param int|float $lock_timeout Seconds the lock lives unless released first (its TTL in
     *                                Redis; with the watchdog, renewed up to this), 0.001 to
     *                                2592000 (30 days).
     *
     * @return string|false The lock's identifier (32 lowercase hex characters), needed to release
     *                      it; false when the lock was still held by someone else after
     *                      `$acquire_time` seconds.
     *
     * @throws ValueError When `$lock_name` is empty, longer than 1024 bytes or holds a NUL byte, or
     *                    `$acquire_time` or `$lock_timeout` is outside its range (NaN, INF too).
     * @throws TypeError When an argument cannot be used as its type; ArgumentCountError (a
     *                   TypeError) without `$lock_name`.
     * @throws RedisLockException When Redis cannot be reached, does not answer in time
     *                            (`redislock.timeout`) or answers with an error (with several
     *                            servers: when too many fail for a quorum), or when
     *                            `redislock.servers` is not a usable server list. The message
     *                            names the server, never its password.
     */
    public static function acquireLock(string|int $lock_name, int|float $acquire_time = 3, int|float $lock_timeout = 20): string|false {}

    /**
     * Releases the lock `$lock_name` if, and only if, it is still held under `$identifier`
     * (an atomic compare-and-delete in Redis): a lock that expired and was taken by someone else is
     * never deleted. Its watchdog renewal, if any, stops first.
     *
     * @param string|int $lock_name Name of the lock, 1 to 1024 bytes, as given to acquireLock().
     * @param string $identifier What acquireLock() returned. An empty string is never a holder:
     *                           false without asking Redis.
     *
     * @return bool True when the lock was held under `$identifier` and is now deleted; false when
     *              it had expired or is held under another identifier.
     *
     * @throws ValueError When `$lock_name` is empty, longer than 1024 bytes or holds a NUL byte.
     * @throws TypeError When an argument cannot be used as its type; ArgumentCountError (a
     *                   TypeError) with fewer than two arguments.
     * @throws RedisLockException When Redis cannot be reached, does not answer in time or answers
     *                            with an error, or `redislock.servers` is not usable.
     */
    public static function releaseLock(string|int $lock_name, string $identifier): bool {}

    /**
     * The same as acquireLock(), under a short name.
     *
     * @param string|int $lock_name Name of the lock, 1 to 1024 bytes.
     * @param int|float $acquire_time Seconds to keep trying, 0 to 86400; 0 makes one attempt.
     * @param int|float $lock_timeout Seconds the lock lives unless released first, 0.001 to 2592000.
     *
     * @return string|false The lock's identifier (32 lowercase hex characters); false when it was
     *                      not acquired within `$acquire_time` seconds.
     *
     * @throws ValueError When `$lock_name` is empty or longer than 1024 bytes, or a time is outside
     *                    its range.
     * @throws TypeError When an argument cannot be used as its type.
     * @throws RedisLockException When Redis cannot be reached, times out or answers with an error.
     *
     * @see RedisLock::acquireLock()
     */
    public static function acquire(string|int $lock_name, int|float $acquire_time = 3, int|float $lock_timeout = 20): string|false {}

    /**
     * The same as releaseLock(), under a short name.
     *
     * @param string|int $lock_name Name of the lock, 1 to 1024 bytes.
     * @param string $identifier What acquire() or acquireLock() returned.
     *
     * @return bool True when the lock was held under `$identifier` and is now deleted.
     *
     * @throws ValueError When `$lock_name` is empty, longer than 1024 bytes or holds a NUL byte.
     * @throws TypeError When an argument cannot be used as its type.
     * @throws RedisLockException When Redis cannot be reached, times out or answers with an error.
     *
     * @see RedisLock::releaseLock()
     */
    public static function release(string|int $lock_name, string $identifier): bool {}

    /**
     * Whether the lock `$lock_name` is held under `$identifier` now: one `GET`, compared here
     * (read-only; with several servers, a majority must hold it). Changes nothing.
     *
     * @param string|int $lock_name Name of the lock, 1 to 1024 bytes.
     * @param string $identifier What acquireLock() returned; an empty one is false.
     *
     * @return bool True while it is held under `$identifier`; false after its release, its
     *              expiry, or a takeover by another holder.
     *
     * @throws ValueError When `$lock_name` is empty, longer than 1024 bytes or holds a NUL byte.
     * @throws TypeError When an argument cannot be used as its type.
     * @throws RedisLockException When Redis cannot be reached, times out or answers with an error
     *                            (several servers: when too many fail to decide).
     */
    public static function isHeld(string|int $lock_name, string $identifier): bool {}

    /**
     * Sets the lock's time to live to `$lock_timeout` from now, if, and only if, it is still held
     * under `$identifier` (an atomic compare-and-PEXPIRE): a lost lock is never revived. With the
     * watchdog renewing it, its end moves to `$lock_timeout` from now (its key keeps one lease).
     *
     * @param string|int $lock_name Name of the lock, 1 to 1024 bytes.
     * @param string $identifier What acquireLock() returned.
     * @param int|float $lock_timeout The new time to live in seconds, 0.001 to 2592000.
     *
     * @return bool True when renewed; false when it was no longer held under `$identifier`.
     *
     * @throws ValueError When `$lock_name` or `$lock_timeout` is invalid.
     * @throws TypeError When an argument cannot be used as its type.
     * @throws RedisLockException When Redis cannot be reached, times out or answers with an error.
     */
    public static function extendLock(string|int $lock_name, string $identifier, int|float $lock_timeout = 20): bool {}

    /**
     * The same as extendLock(), under a short name.
     *
     * @param string|int $lock_name Name of the lock, 1 to 1024 bytes.
     * @param string $identifier What acquireLock() returned.
     * @param int|float $lock_timeout The new time to live in seconds, 0.001 to 2592000.
     *
     * @return bool True when renewed; false when it was no longer held under `$identifier`.
     *
     * @throws ValueError When `$lock_name` or `$lock_timeout` is invalid.
     * @throws TypeError When an argument cannot be used as its type.
     * @throws RedisLockException When Redis cannot be reached, times out or answers with an error.
     *
     * @see RedisLock::extendLock()
     */
    public static function extend(string|int $lock_name, string $identifier, int|float $lock_timeout = 20): bool {}

    /**
     * Takes the lock, runs `$callback` (without arguments), and releases the lock in every case:
     * when the callback returns, throws, calls exit() or ends in a fatal error.
     *
     * @param string|int $lock_name Name of the lock, 1 to 1024 bytes.
     * @param callable $callback The critical section.
     * @param int|float $acquire_time Seconds to wait for the lock, 0 to 86400.
     * @param int|float $lock_timeout Seconds the lock lives, 0.001 to 2592000 (with the watchdog:
     *                                renewed while the callback runs, up to this).
     *
     * @return mixed What the callback returned.
     *
     * @throws RedisLockTimeoutException When the lock was not acquired within `$acquire_time`.
     * @throws RedisLockLostException When the lock had expired (or been taken) before the callback
     *                                returned: the section may not have been exclusive. Its
     *                                getResult() gives the callback's return value.
     * @throws ValueError When `$lock_name` or a time is invalid.
     * @throws TypeError When `$callback` is not callable or an argument has the wrong type.
     * @throws RedisLockException When Redis cannot be reached, times out or answers with an error.
     *                            An exception the callback threw goes on unchanged instead.
     */
    public static function synchronized(string|int $lock_name, callable $callback, int|float $acquire_time = 3, int|float $lock_timeout = 20): mixed {}

    /**
     * acquireLock() that also takes a fencing token: a number that grows by one with every
     * fenced acquisition of this lock name, from the counter key `{<prefix><lock_name>}:fence`
     * (INCR in the same script as the SET; the counter never expires). Storage that records the
     * highest fence it saw can refuse a writer whose lock expired meanwhile (`UPDATE ... WHERE
     * fence < :fence`). One server only: a quorum of independent counters cannot give one
     * strictly increasing sequence. Monotonic across a Redis restart only with persistence.
     *
     * @param string|int $lock_name Name of the lock, 1 to 1024 bytes.
     * @param int|float $acquire_time Seconds to keep trying, 0 to 86400.
     * @param int|float $lock_timeout Seconds the lock lives, 0.001 to 2592000.
     *
     * @return array{identifier: string, fence: int}|false The identifier (for releaseLock()) and
     *         the fencing token; false when not acquired within `$acquire_time`.
     *
     * @throws ValueError When `$lock_name` or a time is invalid.
     * @throws TypeError When an argument cannot be used as its type.
     * @throws RedisLockException When `redislock.servers` lists several servers, the counter key
     *                            holds something that is not a number, or Redis cannot be reached,
     *                            times out or answers with an error.
     */
    public static function acquireFenced(string|int $lock_name, int|float $acquire_time = 3, int|float $lock_timeout = 20): array|false {}

    /**
     * Takes a shared (read) lock: many readers may hold a name together, each with its own
     * identifier and time to live; the writer is the exclusive lock of the same name, so
     * acquireShared() waits (or returns false) while acquireLock() holds it, and acquireLock()
     * while readers hold it. Waiting wakes on the writer's release. One server only. Readers are
     * not renewed by the watchdog. No writer preference: a steady flow of readers keeps a waiting
     * writer out until its `$acquire_time` ends. Needs Redis 5 or newer.
     *
     * @param string|int $lock_name Name of the lock, 1 to 1024 bytes.
     * @param int|float $acquire_time Seconds to keep trying, 0 to 86400 (0: one attempt).
     * @param int|float $lock_timeout Seconds this reader holds it, 0.001 to 2592000.
     *
     * @return string|false The reader's identifier (32 lowercase hex characters), for
     *                      releaseShared(); false when not acquired within `$acquire_time`.
     *
     * @throws ValueError When `$lock_name` or a time is invalid.
     * @throws TypeError When an argument cannot be used as its type.
     * @throws RedisLockException When `redislock.servers` lists several servers, or Redis cannot
     *                            be reached, times out or answers with an error.
     */
    public static function acquireShared(string|int $lock_name, int|float $acquire_time = 3, int|float $lock_timeout = 20): string|false {}

    /**
     * Releases a shared (read) lock. The last reader to leave frees the name (a waiting writer
     * is woken).
     *
     * @param string|int $lock_name Name of the lock, 1 to 1024 bytes.
     * @param string $identifier What acquireShared() (or downgradeLock()) gave.
     *
     * @return bool True when `$identifier` was a reader and is no longer; false when it held no
     *              read lock (expired, released, or an exclusive identifier).
     *
     * @throws ValueError When `$lock_name` is invalid.
     * @throws TypeError When an argument cannot be used as its type.
     * @throws RedisLockException When `redislock.servers` lists several servers, or Redis cannot
     *                            be reached, times out or answers with an error.
     */
    public static function releaseShared(string|int $lock_name, string $identifier): bool {}

    /**
     * Whether `$identifier` holds a read lock on `$lock_name` now (one round trip, writes nothing).
     *
     * @param string|int $lock_name Name of the lock, 1 to 1024 bytes.
     * @param string $identifier What acquireShared() (or downgradeLock()) gave.
     *
     * @return bool True while it is a live reader.
     *
     * @throws ValueError When `$lock_name` is invalid.
     * @throws TypeError When an argument cannot be used as its type.
     * @throws RedisLockException When `redislock.servers` lists several servers, or Redis cannot
     *                            be reached, times out or answers with an error.
     */
    public static function isHeldShared(string|int $lock_name, string $identifier): bool {}

    /**
     * Sets a reader's time to live to `$lock_timeout` from now (shorter or longer). Never
     * revives a read lock that expired.
     *
     * @param string|int $lock_name Name of the lock, 1 to 1024 bytes.
     * @param string $identifier What acquireShared() (or downgradeLock()) gave.
     * @param int|float $lock_timeout The new time to live in seconds, 0.001 to 2592000.
     *
     * @return bool True when renewed; false when it was no live reader.
     *
     * @throws ValueError When `$lock_name` or `$lock_timeout` is invalid.
     * @throws TypeError When an argument cannot be used as its type.
     * @throws RedisLockException When `redislock.servers` lists several servers, or Redis cannot
     *                            be reached, times out or answers with an error.
     */
    public static function extendShared(string|int $lock_name, string $identifier, int|float $lock_timeout = 20): bool {}

    /**
     * Read to write: the reader `$identifier` becomes the exclusive holder under the same
     * identifier (release it with releaseLock(); extendLock() and isHeld() apply), once no other
     * reader is left, waiting up to `$acquire_time` for them (woken when they leave). Two readers
     * upgrading at once wait for each other until one's `$acquire_time` ends. When `$identifier`
     * already holds the exclusive lock, it is renewed to `$lock_timeout`.
     *
     * @param string|int $lock_name Name of the lock, 1 to 1024 bytes.
     * @param string $identifier What acquireShared() gave.
     * @param int|float $acquire_time Seconds to wait for the other readers, 0 to 86400.
     * @param int|float $lock_timeout Seconds the exclusive lock lives, 0.001 to 2592000.
     *
     * @return bool True when it holds the exclusive lock now; false when other readers stayed
     *              (it is still a reader) or `$identifier` held nothing.
     *
     * @throws ValueError When `$lock_name` or a time is invalid.
     * @throws TypeError When an argument cannot be used as its type.
     * @throws RedisLockException When `redislock.servers` lists several servers, or Redis cannot
     *                            be reached, times out or answers with an error.
     */
    public static function upgradeShared(string|int $lock_name, string $identifier, int|float $acquire_time = 3, int|float $lock_timeout = 20): bool {}

    /**
     * Write to read: the exclusive holder `$identifier` becomes a reader under the same
     * identifier for `$lock_timeout` (release it with releaseShared()); readers waiting for it
     * come in at once. Never waits. A reader's identifier is renewed instead.
     *
     * @param string|int $lock_name Name of the lock, 1 to 1024 bytes.
     * @param string $identifier What acquireLock() (or upgradeShared()) gave.
     * @param int|float $lock_timeout Seconds the read lock lives, 0.001 to 2592000.
     *
     * @return bool True when it is a reader now; false when `$identifier` held nothing.
     *
     * @throws ValueError When `$lock_name` or `$lock_timeout` is invalid.
     * @throws TypeError When an argument cannot be used as its type.
     * @throws RedisLockException When `redislock.servers` lists several servers, or Redis cannot
     *                            be reached, times out or answers with an error.
     */
    public static function downgradeLock(string|int $lock_name, string $identifier, int|float $lock_timeout = 20): bool {}

    /**
     * Deletes the lock whoever holds it: the exclusive holder or every reader, and wakes waiters.
     * For administration and for contracts that have it (Laravel's `forceRelease()`): a holder
     * that still runs is no longer exclusive. One server only.
     *
     * @param string|int $lock_name Name of the lock, 1 to 1024 bytes.
     *
     * @return bool True when something held it; false when it was free.
     *
     * @throws ValueError When `$lock_name` is invalid.
     * @throws TypeError When an argument cannot be used as its type.
     * @throws RedisLockException When `redislock.servers` lists several servers, or Redis cannot
     *                            be reached, times out or answers with an error.
     */
    public static function forceRelease(string|int $lock_name): bool {}
}
