<?php

declare(strict_types=1);

namespace RedisLock\Symfony;

use Symfony\Component\Lock\BlockingSharedLockStoreInterface;
use Symfony\Component\Lock\BlockingStoreInterface;
use Symfony\Component\Lock\Exception\InvalidArgumentException;
use Symfony\Component\Lock\Exception\InvalidTtlException;
use Symfony\Component\Lock\Exception\LockConflictedException;
use Symfony\Component\Lock\Exception\LockStorageException;
use Symfony\Component\Lock\Key;
use Symfony\Component\Lock\Store\ExpiringStoreTrait;

/**
 * A Symfony Lock store on the redislock extension (`RedisLock`'s static methods).
 *
 * - Write locks are the extension's exclusive lock, read locks its shared lock, on the Redis key
 *   `redislock.prefix` . `$namespace` . resource (the servers and timeouts come from the
 *   `redislock.*` settings). Upgrade (save() while reading) and downgrade (saveRead() while
 *   writing) keep the lock's identifier, as SharedLockStoreInterface defines them.
 * - waitAndSave()/waitAndSaveRead() block in the extension, woken by the holder's release (no
 *   100 ms polling as Lock does for stores without blocking support).
 * - The keys interoperate with nothing else on purpose: Symfony's RedisStore (a sorted set at
 *   the resource's own name), PdoStore and the others never see these locks, and this store
 *   never sees theirs. Move every process of an application at once.
 *
 * The Key's state holds the identifier (a string), so a Key can be serialized and the lock
 * released or refreshed by another process.
 */
final class RedisLockStore implements BlockingStoreInterface, BlockingSharedLockStoreInterface
{
    use ExpiringStoreTrait;

    /** Longest single blocking call; waitAndSave() repeats it until the lock is acquired. */
    private const WAIT_SLICE = 60.0;
    /** Longest lock name the extension takes; longer resources are hashed. */
    private const MAX_NAME = 1024;

    /**
     * @param float      $initialTtl     Seconds a lock lives after save() (Lock::refresh() sets more).
     * @param string     $namespace      Prepended to each resource (after `redislock.prefix`).
     * @param float|null $blockingTimeout Seconds waitAndSave() waits at most (then
     *                                    LockConflictedException); null: until acquired, as
     *                                    Symfony's blocking stores do.
     */
    public function __construct(
        private float $initialTtl = 300.0,
        private string $namespace = 'symfony-lock:',
        private ?float $blockingTimeout = null,
    ) {
        if (!\extension_loaded('redislock')) {
            throw new InvalidArgumentException('The redislock extension is not loaded.');
        }
        if (!($initialTtl > 0)) {
            throw new InvalidTtlException(sprintf('"%s()" expects a strictly positive TTL. Got %s.', __METHOD__, $initialTtl));
        }
        if ($blockingTimeout !== null && !($blockingTimeout >= 0)) {
            throw new InvalidArgumentException(sprintf('"%s()" expects a blocking timeout >= 0. Got %s.', __METHOD__, $blockingTimeout));
        }
    }

    public function save(Key $key): void
    {
        $key->reduceLifetime($this->initialTtl);
        if (!$this->takeWrite($key, 0.0)) {
            throw new LockConflictedException();
        }
        $this->checkNotExpired($key);
    }

    public function waitAndSave(Key $key): void
    {
        $this->waitFor($key, fn (float $wait) => $this->takeWrite($key, $wait), false);
    }

    public function saveRead(Key $key): void
    {
        $key->reduceLifetime($this->initialTtl);
        if (!$this->takeRead($key, 0.0)) {
            throw new LockConflictedException();
        }
        $this->checkNotExpired($key);
    }

    public function waitAndSaveRead(Key $key): void
    {
        $this->waitFor($key, fn (float $wait) => $this->takeRead($key, $wait), true);
    }

    public function putOffExpiration(Key $key, float $ttl): void
    {
        if (!($ttl > 0)) {
            throw new InvalidTtlException(sprintf('"%s()" expects a TTL greater than 0. Got %s.', __METHOD__, $ttl));
        }
        $key->reduceLifetime($ttl);
        $state = $this->state($key);
        $renewed = $state !== null && $this->call(fn () => $state['shared']
            ? \RedisLock::extendShared($this->name($key), $state['id'], $ttl)
            : \RedisLock::extendLock($this->name($key), $state['id'], $ttl));
        if (!$renewed) {
            throw new LockConflictedException();
        }
        $this->checkNotExpired($key);
    }

    public function delete(Key $key): void
    {
        $state = $this->state($key);
        if ($state === null) {
            return;
        }
        $this->call(fn () => $state['shared']
            ? \RedisLock::releaseShared($this->name($key), $state['id'])
            : \RedisLock::releaseLock($this->name($key), $state['id']));
        $key->removeState(self::class);
    }

    public function exists(Key $key): bool
    {
        $state = $this->state($key);

        return $state !== null && $this->call(fn () => $state['shared']
            ? \RedisLock::isHeldShared($this->name($key), $state['id'])
            : \RedisLock::isHeld($this->name($key), $state['id']));
    }

    /** The write lock within $wait seconds: an upgrade of our read lock, a renewal of our write lock, or a new one. */
    private function takeWrite(Key $key, float $wait): bool
    {
        $name = $this->name($key);
        $ttl = $this->initialTtl;
        $state = $this->state($key);
        if ($state !== null) {
            $ours = $this->call(fn () => $state['shared']
                ? \RedisLock::upgradeShared($name, $state['id'], $wait, $ttl)
                : \RedisLock::extendLock($name, $state['id'], $ttl));
            if ($ours) {
                $this->remember($key, $state['id'], false);

                return true;
            }
            if ($state['shared'] && $this->call(fn () => \RedisLock::isHeldShared($name, $state['id']))) {
                return false;               // other readers stayed: still ours to read
            }
        }
        $id = $this->call(fn () => \RedisLock::acquireLock($name, $wait, $ttl));
        if ($id === false) {
            return false;
        }
        $this->remember($key, $id, false);

        return true;
    }

    /** The read lock within $wait seconds: a downgrade of our write lock, a renewal of our read lock, or a new one. */
    private function takeRead(Key $key, float $wait): bool
    {
        $name = $this->name($key);
        $ttl = $this->initialTtl;
        $state = $this->state($key);
        if ($state !== null && $this->call(fn () => \RedisLock::downgradeLock($name, $state['id'], $ttl))) {
            $this->remember($key, $state['id'], true);

            return true;
        }
        $id = $this->call(fn () => \RedisLock::acquireShared($name, $wait, $ttl));
        if ($id === false) {
            return false;
        }
        $this->remember($key, $id, true);

        return true;
    }

    /**
     * One attempt (the lifetime counted from before it, as save() does); when refused, calls
     * $take with slices of waiting until it succeeds (or the blocking timeout ends). A lock that
     * came after waiting is granted at an unknown moment of the wait: it is renewed once, so the
     * Key's lifetime counts from before that renewal (one round trip, only after a wait).
     */
    private function waitFor(Key $key, \Closure $take, bool $shared): void
    {
        $start = microtime(true);
        $key->reduceLifetime($this->initialTtl);
        if (!$take(0.0)) {
            $deadline = $this->blockingTimeout === null ? null : $start + $this->blockingTimeout;
            do {
                if ($deadline !== null && microtime(true) >= $deadline) {
                    throw new LockConflictedException(sprintf('The "%s" lock was not acquired within %s s.', $key, $this->blockingTimeout));
                }
                $left = $deadline === null ? self::WAIT_SLICE : max(0.0, min(self::WAIT_SLICE, $deadline - microtime(true)));
            } while (!$take($left));
            $key->resetLifetime();
            $key->reduceLifetime($this->initialTtl);
            $state = $this->state($key);
            $renewed = $state !== null && $this->call(fn () => $shared
                ? \RedisLock::extendShared($this->name($key), $state['id'], $this->initialTtl)
                : \RedisLock::extendLock($this->name($key), $state['id'], $this->initialTtl));
            if (!$renewed) {
                throw new LockConflictedException(sprintf('The "%s" lock expired right after it was acquired.', $key));
            }
        }
        $this->checkNotExpired($key);
    }

    /** @return array{id: string, shared: bool}|null */
    private function state(Key $key): ?array
    {
        return $key->hasState(self::class) ? $key->getState(self::class) : null;
    }

    private function remember(Key $key, string $id, bool $shared): void
    {
        $key->setState(self::class, ['id' => $id, 'shared' => $shared]);
    }

    private function name(Key $key): string
    {
        $name = $this->namespace . $key;
        if ($name === '' || \strlen($name) > self::MAX_NAME || str_contains($name, "\0")) {
            $name = $this->namespace . 'sha256:' . hash('sha256', (string) $key);
        }

        return $name;
    }

    /** Runs an extension call; its errors become the store's (LockStorageException). */
    private function call(\Closure $f): mixed
    {
        try {
            return $f();
        } catch (\RedisLockException $e) {
            throw new LockStorageException($e->getMessage(), 0, $e);
        }
    }
}
