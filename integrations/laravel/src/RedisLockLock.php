<?php

declare(strict_types=1);

namespace RedisLock\Laravel;

use Illuminate\Cache\Lock;
use Illuminate\Contracts\Cache\LockTimeoutException;

/**
 * Laravel's cache lock (Illuminate\Contracts\Cache\Lock) on the redislock extension's exclusive
 * lock, on the Redis key `redislock.prefix` . the store's lock prefix . name.
 *
 * - The owner is the extension's identifier (32 lowercase hex characters) once the lock was
 *   acquired: pass owner() to another process, which releases with restoreLock($name, $owner).
 *   An owner given before acquiring (Cache::lock($name, $s, $owner)) is what release() and
 *   restoreLock() compare with; acquiring replaces it with the new identifier.
 * - block() waits in the extension and is woken by the holder's release (Laravel's own locks
 *   poll every 250 ms); LockTimeoutException when it gives up.
 * - $seconds = 0 ("no expiry" in Laravel) is the extension's longest TTL, 30 days.
 */
class RedisLockLock extends Lock
{
    /** The extension's longest lock_timeout, for Laravel's "0 seconds: no expiry". */
    public const MAX_SECONDS = 2592000;

    /**
     * @param string          $name    The lock name as the application gives it.
     * @param int|float       $seconds Seconds it lives; 0: 30 days.
     * @param string|null     $owner   A known owner (restoring a lock), or null.
     * @param string          $prefix  Prepended to $name for the extension's lock name.
     */
    public function __construct($name, $seconds, $owner = null, private string $prefix = 'laravel-lock:')
    {
        parent::__construct($name, $seconds, $owner);
    }

    public function acquire(): bool
    {
        $id = \RedisLock::acquireLock($this->lockName(), 0, $this->ttl());
        if ($id === false) {
            return false;
        }
        $this->owner = $id;

        return true;
    }

    /**
     * Waits up to $seconds for the lock (woken by the holder's release), then runs $callback and
     * releases, or returns true and keeps it.
     *
     * @throws LockTimeoutException When the lock was not acquired within $seconds.
     */
    public function block($seconds, $callback = null)
    {
        $id = \RedisLock::acquireLock($this->lockName(), max(0, $seconds), $this->ttl());
        if ($id === false) {
            throw new LockTimeoutException();
        }
        $this->owner = $id;
        if (\is_callable($callback)) {
            try {
                return $callback();
            } finally {
                $this->release();
            }
        }

        return true;
    }

    /** Releases it if this owner holds it: true when it did. */
    public function release(): bool
    {
        return \is_string($this->owner) && \RedisLock::releaseLock($this->lockName(), $this->owner);
    }

    /** Releases it whoever holds it. */
    public function forceRelease(): void
    {
        \RedisLock::forceRelease($this->lockName());
    }

    /** This lock's owner when it still holds the lock, else null (the extension does not read other owners). */
    protected function getCurrentOwner(): ?string
    {
        return \is_string($this->owner) && \RedisLock::isHeld($this->lockName(), $this->owner) ? $this->owner : null;
    }

    /** Whether this owner holds the lock now. */
    public function isOwnedByCurrentProcess(): bool
    {
        return $this->getCurrentOwner() !== null;
    }

    /** The extension's lock name. */
    public function lockName(): string
    {
        return $this->prefix . $this->name;
    }

    private function ttl(): int|float
    {
        $s = $this->seconds;

        return $s > 0 ? min($s, self::MAX_SECONDS) : self::MAX_SECONDS;
    }
}
