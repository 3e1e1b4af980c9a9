<?php
/**
 * The one interface every implementation is measured through.
 *
 * $servers is a list of [host, port]; one entry = a single Redis, several = Redlock-style quorum.
 * $timeout is the connect and read timeout in seconds for every connection the adapter opens
 * (the same the extension gets: redislock.connect_timeout/timeout 1 s on one server,
 * redislock.node_timeout 50 ms per master on several).
 */
interface LockAdapter
{
    /** A token on success; false when $waitMs passed without the lock. */
    public function acquire(string $name, int $ttlMs, int $waitMs): string|false;

    /** True only when $token held the lock and it is released. */
    public function release(string $name, string $token): bool;

    /** The TTL the key really gets when asked for $ttlMs (some libraries round or add to it). */
    public function effectiveTtlMs(int $ttlMs, int $waitMs): int;
}

/** phpredis connection with the benchmark's connect and read timeouts (phpredis' default read timeout is 60 s). */
function bench_phpredis(string $host, int $port, float $timeout): Redis
{
    $r = new Redis();
    $r->connect($host, $port, $timeout, null, 0, $timeout);
    return $r;
}
