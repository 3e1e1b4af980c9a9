<?php
/**
 * Debian's php-malkusch-lock (2.2): its phpredis mutex, PHPRedisMutex, over one \Redis or several
 * (its Redlock). The library's API is synchronized(callable); its own lock()/unlock() are protected,
 * so a subclass only makes them callable from outside (no behaviour changed).
 * One constructor $timeout (whole seconds, >= 1) is both how long to wait (its Loop: random sleeps
 * from 10 ms growing x1.25 up to 500 ms) and the key's TTL, which it sets to $timeout + 1 s.
 * The adapter picks the smallest $timeout whose wait and TTL cover what was asked.
 */
require_once '/usr/share/php/Malkusch/Lock/autoload.php';

final class BenchPHPRedisMutex extends \malkusch\lock\mutex\PHPRedisMutex
{
    public function lockNow(): void
    {
        $this->lock();
    }

    public function unlockNow(): void
    {
        $this->unlock();
    }
}

final class MalkuschAdapter implements LockAdapter
{
    /** @var Redis[] */
    private array $nodes = [];
    /** @var array<string, BenchPHPRedisMutex> */
    private array $held = [];

    public function __construct(array $servers, float $timeout)
    {
        foreach ($servers as [$host, $port]) {
            $this->nodes[] = bench_phpredis($host, $port, $timeout);
        }
    }

    private static function timeout(int $ttlMs, int $waitMs): int
    {
        return max(1, (int) ceil($waitMs / 1000), (int) ceil($ttlMs / 1000) - 1);
    }

    public function acquire(string $name, int $ttlMs, int $waitMs): string|false
    {
        $mutex = new BenchPHPRedisMutex($this->nodes, $name, self::timeout($ttlMs, $waitMs));
        try {
            $mutex->lockNow();
        } catch (\malkusch\lock\exception\TimeoutException) {
            return false;
        }
        $token = (string) spl_object_id($mutex);
        $this->held[$token] = $mutex;
        return $token;
    }

    public function release(string $name, string $token): bool
    {
        $mutex = $this->held[$token] ?? null;
        unset($this->held[$token]);
        if ($mutex === null) {
            return false;
        }
        try {
            $mutex->unlockNow();
            return true;
        } catch (\malkusch\lock\exception\LockReleaseException | \malkusch\lock\exception\ExecutionOutsideLockException) {
            return false;
        }
    }

    public function effectiveTtlMs(int $ttlMs, int $waitMs): int
    {
        return 1000 * (self::timeout($ttlMs, $waitMs) + 1);
    }
}
