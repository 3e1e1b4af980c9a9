<?php

// Stub of the redislock extension's RedisLock class, for IDEs and static analysis only.
// The extension declares this class itself: never include or autoload this file at run time.
// Kept by hand; stubs/check.php fails on any difference from the running extension.

/**
 * A distributed lock on Redis, with the static API of the PHP class shops copy
 * (`RedisLock::acquireLock()` / `RedisLock::releaseLock()`), as a drop-in.
 *
 * Where the lock lives comes from php.ini (also `-d` or ini_set()):
 * - `redislock.servers`: one `redis://[user:pass@]host:port[/db]` or `unix:///path` URL, or several
 *   separated by commas; with several, a majority of them must grant the lock (the Redlock quorum).
 * - `redislock.prefix` (default `AGENT_ORDER_LOCK:`): the key in Redis is this prefix followed by
 *   the lock name, the same key as the PHP class, so both exclude each other during an upgrade.
 * - `redislock.auto_release` (default 0): 1 releases, when the request ends, the locks it took and
 *   did not release.
 *
 * Arguments coerce as for any native PHP function: an int is a valid lock name in weak mode;
 * under `declare(strict_types=1)` it is a TypeError.
 */
final class RedisLock
{
    /**
     * Takes the lock `$lock_name` (Redis `SET key identifier NX PX ttl`). While it is held and
     * `$acquire_time` allows, waits until the holder releases it (woken in arrival order, about a
     * round trip after the release; one server) or its key expires, then tries again.
     *
     * @param string $lock_name Name of the lock, 1 to 1024 bytes; the Redis key is the
     *                          `redislock.prefix` setting followed by this name.
     * @param int $acquire_time Seconds to keep trying, 0 to 86400; 0 makes exactly one attempt.
     * @param int $lock_timeout Seconds the lock lives unless released first (its TTL in Redis),
     *                          1 to 2592000 (30 days).
     *
     * @return string|false The lock's identifier (32 lowercase hex characters), needed to release
     *                      it; false when the lock was still held by someone else after
     *                      `$acquire_time` seconds.
     *
     * @throws ValueError When `$lock_name` is empty, longer than 1024 bytes or holds a NUL byte, or `$acquire_time` or
     *                    `$lock_timeout` is outside its range.
     * @throws TypeError When an argument cannot be used as its type (always under strict_types);
     *                   ArgumentCountError (a TypeError) without `$lock_name`.
     * @throws RedisLockException When Redis cannot be reached, does not answer in time
     *                            (`redislock.timeout`) or answers with an error (with several
     *                            servers: when too many fail for a quorum), or when
     *                            `redislock.servers` is not a usable server list. The message
     *                            names the server, never its password.
     */
    public static function acquireLock(string $lock_name, int $acquire_time = 3, int $lock_timeout = 20): string|false {}

    /**
     * Releases the lock `$lock_name` if, and only if, it is still held under `$identifier`
     * (an atomic compare-and-delete in Redis): a lock that expired and was taken by someone else is
     * never deleted.
     *
     * @param string $lock_name Name of the lock, 1 to 1024 bytes, as given to acquireLock().
     * @param string $identifier What acquireLock() returned. An empty string is never a holder:
     *                           false without asking Redis.
     *
     * @return bool True when the lock was held under `$identifier` and is now deleted; false when
     *              it had expired or is held under another identifier.
     *
     * @throws ValueError When `$lock_name` is empty, longer than 1024 bytes or holds a NUL byte.
     * @throws TypeError When an argument cannot be used as a string (always under strict_types for
     *                   non-strings); ArgumentCountError (a TypeError) with fewer than two arguments.
     * @throws RedisLockException When Redis cannot be reached, does not answer in time or answers
     *                            with an error, or `redislock.servers` is not usable.
     */
    public static function releaseLock(string $lock_name, string $identifier): bool {}

    /**
     * The same as acquireLock(), under a short name.
     *
     * @param string $lock_name Name of the lock, 1 to 1024 bytes.
     * @param int $acquire_time Seconds to keep trying, 0 to 86400; 0 makes exactly one attempt.
     * @param int $lock_timeout Seconds the lock lives unless released first, 1 to 2592000.
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
    public static function acquire(string $lock_name, int $acquire_time = 3, int $lock_timeout = 20): string|false {}

    /**
     * The same as releaseLock(), under a short name.
     *
     * @param string $lock_name Name of the lock, 1 to 1024 bytes.
     * @param string $identifier What acquire() or acquireLock() returned.
     *
     * @return bool True when the lock was held under `$identifier` and is now deleted.
     *
     * @throws ValueError When `$lock_name` is empty, longer than 1024 bytes or holds a NUL byte.
     * @throws TypeError When an argument cannot be used as a string.
     * @throws RedisLockException When Redis cannot be reached, times out or answers with an error.
     *
     * @see RedisLock::releaseLock()
     */
    public static function release(string $lock_name, string $identifier): bool {}
}
