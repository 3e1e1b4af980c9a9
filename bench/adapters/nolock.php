<?php
/** Control, not a lock: acquire always succeeds at once. Shows that scenarios 2 and 3 can fail. */
final class NoLockAdapter implements LockAdapter
{
    public function __construct(array $servers, float $timeout)
    {
    }

    public function acquire(string $name, int $ttlMs, int $waitMs): string|false
    {
        return 'none';
    }

    public function release(string $name, string $token): bool
    {
        return true;
    }

    public function effectiveTtlMs(int $ttlMs, int $waitMs): int
    {
        return 0;
    }
}
