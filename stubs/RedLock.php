<?php

// Stub of the redislock extension's RedLock class, for IDEs and static analysis only.
// The extension declares this class itself: never include or autoload this file at run time.
// Kept by hand; stubs/check.php fails on any difference from the running extension.

/**
 * The Redlock algorithm over independent Redis masters, with the API of ronnylt/redlock-php
 * (`new RedLock($servers, $retryDelay, $retryCount)`, lock(), unlock(), extend()), as a drop-in.
 *
 * A lock is granted when a majority of the masters (floor(N/2) + 1) took it; the request goes to
 * all masters at once. The key in Redis is the resource name itself (no prefix).
 * A master that is down, slow or answering an error is a missing vote, not an error; a
 * RedisLockException comes only when so many failed that no majority is possible.
 *
 * Objects have no PHP properties (the server list, passwords included, is kept outside them),
 * cannot be cloned (Error) and cannot be serialized (Exception).
 * With `redislock.auto_release=1`, locks from lock() not unlocked are released when the
 * request ends.
 */
class RedLock
{
    /**
     * Describes the masters and how lock() retries. Opens no connection: each master is
     * connected on first use, and the connection is kept for the process's later requests.
     *
     * @param array<array-key, string|array{0: string, 1: int|string, 2?: int|float}> $servers
     *        1 to 64 independent Redis masters, each either
     *        - `[host, port]` or `[host, port, timeout]` as in ronnylt/redlock-php: timeout in
     *          seconds (0 to 60, fractions allowed) for connecting and for each reply; 0 or
     *          missing means the `redislock.node_timeout` setting (ms); a host starting with `/`
     *          is a Unix socket path (its port is ignored: `['/run/redis.sock', 0]`); or
     *        - a URL string `redis://[user:pass@]host:port[/db]`, `rediss://...` (TLS, with the
     *          `redislock.tls_*` settings as they are when the object is constructed) or
     *          `unix:///path`.
     *        Whatever the timeout, a master never gets more than a tenth of the lock's TTL.
     *        Each server once: two entries of one host and port (another database too) are a
     *        ValueError; two that reach one server by other names (IP and `localhost`, a Unix
     *        socket) are a RedisLockException at the first lock().
     *        Marked #[\SensitiveParameter]: stack traces show it as a SensitiveParameterValue.
     * @param int $retryDelay Milliseconds, 0 to 60000: after a failed attempt lock() waits a
     *                        random time between half this and this before the next one.
     * @param int $retryCount Attempts lock() makes in all, 0 to 100000; 0 counts as 1.
     *
     * @throws ValueError When `$servers` is empty, has more than 64 entries or a malformed entry
     *                    (the message names its key), or `$retryDelay` or `$retryCount` is outside
     *                    its range.
     * @throws TypeError When an argument cannot be used as its type.
     * @throws RedisLockException When the `redislock.node_timeout` setting is not usable.
     */
    public function __construct(#[\SensitiveParameter] array $servers, int $retryDelay = 200, int $retryCount = 3) {}

    /**
     * Takes the lock `$resource` on a majority of the masters (`SET resource token NX PX ttl`),
     * making up to `$retryCount` attempts `$retryDelay` ms apart, each with a fresh token. A failed
     * attempt deletes its token from every master that may have set it. With a TTL so small that
     * the per-master timeout is cut to a tenth of it, a master too slow for it is a missing vote:
     * the answer is false, never an exception.
     *
     * With `redislock.watchdog=1` and `$ttl` longer than `redislock.watchdog_lease`, the key lives
     * one lease and the extension's thread renews it on the masters while this process holds it,
     * up to `$ttl` in all (`validity` then counts from the lease).
     *
     * @param string|int $resource Name of the lock, 1 to 1024 bytes; also its key in Redis (an
     *                             int is its decimal string).
     * @param int $ttl Milliseconds the lock lives, 1 to 2592000000 (30 days).
     *
     * @return array{validity: int, resource: string, token: string}|false The lock: `validity` is
     *         the milliseconds it is certainly still held (`$ttl` minus the time the attempt took
     *         minus a clock drift allowance of `$ttl`/100 + 2 ms; at least 1), `resource` as given,
     *         `token` its 32-character identifier; false when no attempt got a majority.
     *
     * @throws ValueError When `$resource` is empty, longer than 1024 bytes or holds a NUL byte, or `$ttl` is outside
     *                    its range.
     * @throws TypeError When an argument cannot be used as its type.
     * @throws RedisLockException When so many masters fail (unreachable, timeout, error reply) that
     *                            no majority is possible, or two entries reach one server. The
     *                            message names the servers, never their passwords.
     * @throws Error When the object's constructor did not run (a subclass that skips it).
     */
    public function lock(string|int $resource, int $ttl): array|false {}

    /**
     * Deletes the lock on every master where it is still held under its token (an atomic
     * compare-and-delete): a lock that expired and was taken by someone else is never deleted.
     *
     * @param array{resource: string, token: string, validity?: int} $lock What lock() or extend()
     *        returned.
     *
     * @return bool True when a majority of the masters confirmed the deletion.
     *
     * @throws ValueError When `$lock` has no non-empty `resource` string or no `token` string.
     * @throws TypeError When `$lock` is not an array.
     * @throws RedisLockException When so many masters fail that the outcome cannot be known.
     * @throws Error When the object's constructor did not run.
     */
    public function unlock(array $lock): bool {}

    /**
     * Whether a majority of the masters hold the lock under its token now: one `GET` to each,
     * compared here (read-only). Changes nothing.
     *
     * @param array{resource: string, token: string, validity?: int} $lock What lock() or extend()
     *        returned.
     *
     * @return bool True while a majority holds it; false after unlock(), expiry or a takeover.
     *
     * @throws ValueError When `$lock` has no non-empty `resource` string or no `token` string.
     * @throws TypeError When `$lock` is not an array.
     * @throws RedisLockException When so many masters fail that no majority could confirm it.
     * @throws Error When the object's constructor did not run.
     */
    public function isHeld(array $lock): bool {}

    /**
     * Renews a lock this process still holds: sets its TTL to `$ttl` on every master where it is
     * still held under its token (an atomic compare-and-PEXPIRE).
     *
     * @param array{resource: string, token: string, validity?: int} $lock What lock() or extend()
     *        returned.
     * @param int $ttl The new time to live in milliseconds, counted from now, 1 to 2592000000.
     *
     * @return array{validity: int, resource: string, token: string}|false The renewed lock, with
     *         its new `validity` in milliseconds and the same token; false when it was lost (the
     *         masters that answered show no majority still holds it, or the renewal took longer
     *         than the new validity): the lock is then released where it is still held.
     *
     * @throws ValueError When `$lock` has no non-empty `resource` string or no `token` string, or
     *                    `$ttl` is outside its range.
     * @throws TypeError When an argument cannot be used as its type.
     * @throws RedisLockException When so many masters fail that the outcome cannot be known.
     *                            Nothing is released then: the lock stays at least until its old
     *                            validity ends (where the renewal landed, until the new TTL).
     * @throws Error When the object's constructor did not run.
     */
    public function extend(array $lock, int $ttl): array|false {}
}
