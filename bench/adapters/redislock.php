<?php
/**
 * redislock, the extension under test. One server: RedisLock::acquireLock/releaseLock (the blog-post
 * class's drop-in; its times are whole seconds). Several servers: RedLock (the ronnylt API) with
 * [host, port, timeout] entries, retryDelay 200 ms (ronnylt's default) and retryCount derived
 * from $waitMs (retries are a random [100, 200] ms apart, 150 ms on average).
 */
final class RedislockAdapter implements LockAdapter
{
    private array $entries = [];
    /** @var array<int, RedLock> by retryCount */
    private array $redlocks = [];
    /** @var array<string, array{RedLock, array}> token -> the RedLock and its lock array */
    private array $held = [];

    public function __construct(array $servers, float $timeout)
    {
        $ms = (string) max(1, (int) round($timeout * 1000));
        if (count($servers) === 1) {
            [$host, $port] = $servers[0];
            ini_set('redislock.servers', "redis://$host:$port");
            ini_set('redislock.connect_timeout', $ms);
            ini_set('redislock.timeout', $ms);
        } else {
            ini_set('redislock.node_timeout', $ms);
            $this->entries = array_map(fn ($s) => [$s[0], $s[1], $timeout], $servers);
        }
    }

    public function acquire(string $name, int $ttlMs, int $waitMs): string|false
    {
        if (!$this->entries) {
            return RedisLock::acquireLock($name, (int) ceil($waitMs / 1000), max(1, (int) ceil($ttlMs / 1000)));
        }
        $retries = 1 + (int) ceil($waitMs / 150);
        $rl = $this->redlocks[$retries] ??= new RedLock($this->entries, 200, $retries);
        $lock = $rl->lock($name, $ttlMs);
        if ($lock === false) {
            return false;
        }
        $this->held[$lock['token']] = [$rl, $lock];
        return $lock['token'];
    }

    public function release(string $name, string $token): bool
    {
        if (!$this->entries) {
            return RedisLock::releaseLock($name, $token);
        }
        [$rl, $lock] = $this->held[$token] ?? [null, null];
        unset($this->held[$token]);
        return $rl !== null && $rl->unlock($lock);
    }

    public function effectiveTtlMs(int $ttlMs, int $waitMs): int
    {
        return $this->entries ? $ttlMs : 1000 * max(1, (int) ceil($ttlMs / 1000));
    }
}
