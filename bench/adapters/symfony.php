<?php
/**
 * Debian's php-symfony-lock (5.4), used as its documentation shows: a LockFactory over a RedisStore
 * on a \Redis, createLock($name, $ttl) then acquire()/release(). Several servers: a CombinedStore of
 * one RedisStore per master with the ConsensusStrategy.
 * Waiting: acquire(true), Symfony's own blocking mode, which retries every 100 +-10 ms and has no
 * deadline ($waitMs cannot be honoured; the benchmark's process time limit bounds it);
 * $waitMs = 0 is acquire(false), one attempt.
 */
require_once '/usr/share/php/Symfony/Component/Lock/autoload.php';

use Symfony\Component\Lock\LockFactory;
use Symfony\Component\Lock\Store\CombinedStore;
use Symfony\Component\Lock\Store\RedisStore;
use Symfony\Component\Lock\Strategy\ConsensusStrategy;

final class SymfonyAdapter implements LockAdapter
{
    private LockFactory $factory;
    /** @var array<string, \Symfony\Component\Lock\LockInterface> */
    private array $held = [];

    public function __construct(array $servers, float $timeout)
    {
        $stores = array_map(fn ($s) => new RedisStore(bench_phpredis($s[0], $s[1], $timeout)), $servers);
        $store = count($stores) === 1 ? $stores[0] : new CombinedStore($stores, new ConsensusStrategy());
        $this->factory = new LockFactory($store);
    }

    public function acquire(string $name, int $ttlMs, int $waitMs): string|false
    {
        $lock = $this->factory->createLock($name, $ttlMs / 1000);
        if (!$lock->acquire($waitMs > 0)) {
            return false;
        }
        $token = (string) spl_object_id($lock);
        $this->held[$token] = $lock;
        return $token;
    }

    public function release(string $name, string $token): bool
    {
        $lock = $this->held[$token] ?? null;
        unset($this->held[$token]);
        if ($lock === null) {
            return false;
        }
        try {
            $lock->release();
            return true;
        } catch (\Symfony\Component\Lock\Exception\LockReleasingException) {
            return false;
        }
    }

    public function effectiveTtlMs(int $ttlMs, int $waitMs): int
    {
        return $ttlMs;
    }
}
