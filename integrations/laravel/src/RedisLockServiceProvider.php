<?php

declare(strict_types=1);

namespace RedisLock\Laravel;

use Illuminate\Cache\CacheManager;
use Illuminate\Support\ServiceProvider;

/**
 * Adds the cache driver `redislock`. In config/cache.php:
 *
 *     'redislock' => ['driver' => 'redislock', 'store' => 'redis', 'lock_prefix' => 'laravel-lock:'],
 *
 * `store` names the store that does the caching (default: the `array` store); locks go to the
 * extension (servers and timeouts from the `redislock.*` php.ini settings). Make it the default
 * store (CACHE_DRIVER=redislock) and `Cache::lock()` uses it; else `Cache::store('redislock')->lock()`.
 */
class RedisLockServiceProvider extends ServiceProvider
{
    public function register(): void
    {
        $this->app->afterResolving('cache', static function (CacheManager $cache): void {
            self::extend($cache);
        });
        if ($this->app->resolved('cache')) {
            self::extend($this->app->make('cache'));
        }
    }

    public static function extend(CacheManager $cache): void
    {
        $cache->extend('redislock', function ($app, array $config) {
            $inner = $config['store'] ?? 'array';
            if ($inner === ($config['name'] ?? null) || $inner === 'redislock') {
                throw new \InvalidArgumentException('The redislock cache store cannot wrap itself: set its "store" to another store.');
            }
            // $this is the CacheManager (extend() binds the closure to it).
            $store = new RedisLockStore($this->store($inner)->getStore(), (string) ($config['lock_prefix'] ?? 'laravel-lock:'));

            return $this->repository($store);
        });
    }
}
