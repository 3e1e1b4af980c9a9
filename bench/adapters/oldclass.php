<?php
/**
 * The PHP class shops copy today from blog posts, on phpredis: php-tests/fixtures/OldRedisLock.php used
 * as it is (required, not modified). Times in whole seconds (its API); it waits in a time() loop
 * with a 100 ms sleep. One server only: it has one location_redis() connection.
 */
require_once __DIR__ . '/../../php-tests/fixtures/OldRedisLock.php';

final class OldClassAdapter implements LockAdapter
{
    public function __construct(array $servers, float $timeout)
    {
        if (count($servers) !== 1) {
            throw new LogicException('n/a: the blog-post class talks to one Redis (location_redis())');
        }
        [$host, $port] = $servers[0];
        OldRedisLock::$redis = bench_phpredis($host, $port, $timeout);
    }

    public function acquire(string $name, int $ttlMs, int $waitMs): string|false
    {
        return OldRedisLock::acquireLock($name, (int) ceil($waitMs / 1000), max(1, (int) ceil($ttlMs / 1000)));
    }

    public function release(string $name, string $token): bool
    {
        return OldRedisLock::releaseLock($name, $token);
    }

    public function effectiveTtlMs(int $ttlMs, int $waitMs): int
    {
        return 1000 * max(1, (int) ceil($ttlMs / 1000));
    }
}
