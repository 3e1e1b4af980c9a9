<?php

declare(strict_types=1);

namespace RedisLock\Laravel;

use Illuminate\Contracts\Cache\LockProvider;
use Illuminate\Contracts\Cache\Store;

/**
 * A cache store whose locks are the redislock extension's; every cache operation (get, put, ...)
 * goes to the store it wraps (the application's redis, file, database... store). So
 * `Cache::store('redislock')` caches as before and locks through the extension.
 */
class RedisLockStore implements Store, LockProvider
{
    public function __construct(private Store $store, private string $lockPrefix = 'laravel-lock:')
    {
    }

    /**
     * @param string      $name
     * @param int|float   $seconds 0: 30 days (Laravel's "no expiry")
     * @param string|null $owner
     */
    public function lock($name, $seconds = 0, $owner = null): RedisLockLock
    {
        return new RedisLockLock($name, $seconds, $owner, $this->lockPrefix);
    }

    /** A lock as its owner (from owner(), in any process) holds it: to release() it. */
    public function restoreLock($name, $owner): RedisLockLock
    {
        return $this->lock($name, 0, $owner);
    }

    /** The wrapped store (cache operations). */
    public function getStore(): Store
    {
        return $this->store;
    }

    public function get($key)
    {
        return $this->store->get($key);
    }

    public function many(array $keys)
    {
        return $this->store->many($keys);
    }

    public function put($key, $value, $seconds)
    {
        return $this->store->put($key, $value, $seconds);
    }

    public function putMany(array $values, $seconds)
    {
        return $this->store->putMany($values, $seconds);
    }

    public function increment($key, $value = 1)
    {
        return $this->store->increment($key, $value);
    }

    public function decrement($key, $value = 1)
    {
        return $this->store->decrement($key, $value);
    }

    public function forever($key, $value)
    {
        return $this->store->forever($key, $value);
    }

    public function forget($key)
    {
        return $this->store->forget($key);
    }

    public function flush()
    {
        return $this->store->flush();
    }

    public function getPrefix()
    {
        return $this->store->getPrefix();
    }
}
