<?php

declare(strict_types=1);

namespace RedisLock\Laravel\Tests;

use Illuminate\Cache\CacheManager;
use Illuminate\Cache\RedisLock as LaravelRedisLock;
use Illuminate\Config\Repository as Config;
use Illuminate\Container\Container;
use Illuminate\Contracts\Cache\LockTimeoutException;
use Illuminate\Redis\Connections\PhpRedisConnection;
use Illuminate\Support\Facades\Cache;
use Illuminate\Support\Facades\Facade;
use PHPUnit\Framework\TestCase;
use RedisLock\Laravel\RedisLockLock;
use RedisLock\Laravel\RedisLockServiceProvider;
use RedisLock\Laravel\RedisLockStore;

/**
 * The service provider in a container as Laravel builds it: Cache::lock() on the default store,
 * Cache::store('redislock'), cache operations going to the wrapped store; contention across
 * processes; and independence from Laravel's own redis lock on the same name.
 */
final class IntegrationTest extends TestCase
{
    private Container $app;

    protected function setUp(): void
    {
        ini_set('redislock.servers', TestRedis::url());
        $this->app = new Container();
        Container::setInstance($this->app);
        $this->app->instance('config', new Config(['cache' => [
            'default' => 'redislock',
            'stores' => [
                'array' => ['driver' => 'array'],
                'redislock' => ['driver' => 'redislock', 'store' => 'array', 'lock_prefix' => 'app-locks:'],
                'self' => ['driver' => 'redislock', 'store' => 'redislock'],
            ],
        ]]));
        $this->app->singleton('cache', fn ($app) => new CacheManager($app));
        (new RedisLockServiceProvider($this->app))->register();
        Facade::clearResolvedInstances();
        Facade::setFacadeApplication($this->app);
    }

    protected function tearDown(): void
    {
        Facade::clearResolvedInstances();
        Facade::setFacadeApplication(null);
        Container::setInstance(null);
    }

    public function testCacheLockUsesTheExtension(): void
    {
        $name = TestRedis::unique('facade');
        $lock = Cache::lock($name, 10);
        self::assertInstanceOf(RedisLockLock::class, $lock);
        self::assertTrue($lock->get());
        self::assertSame(1, TestRedis::client()->exists(ini_get('redislock.prefix') . 'app-locks:' . $name));
        self::assertFalse(Cache::store('redislock')->lock($name, 10)->get());
        self::assertTrue(Cache::restoreLock($name, $lock->owner())->release());
    }

    public function testCacheLockBlockFiveWithACallback(): void
    {
        $name = TestRedis::unique('facade-block');
        self::assertSame('done', Cache::lock($name, 10)->block(5, fn () => 'done'));
        $held = Cache::lock($name, 10);
        $held->get();
        $this->expectException(LockTimeoutException::class);
        try {
            Cache::lock($name, 10)->block(0, fn () => 'never');
        } finally {
            $held->release();
        }
    }

    public function testCacheOperationsGoToTheWrappedStore(): void
    {
        Cache::put('k', 'v', 60);
        self::assertSame('v', Cache::get('k'));
        self::assertSame('v', Cache::store('array')->get('k'), 'the same array store');
        self::assertSame(2, Cache::increment('n', 2));
        Cache::forget('k');
        self::assertNull(Cache::get('k'));
        self::assertInstanceOf(RedisLockStore::class, Cache::store('redislock')->getStore());
    }

    public function testAStoreCannotWrapItself(): void
    {
        $this->expectException(\InvalidArgumentException::class);
        Cache::store('self');
    }

    /** @return int the counter after 4 processes x 25 increments */
    private function contend(string $mode): int
    {
        $name = TestRedis::unique("contend-$mode");
        $counter = "$name:n";
        TestRedis::client()->set($counter, '0');
        $commands = [];
        for ($i = 0; $i < 4; $i++) {
            $commands[] = TestRedis::php(__DIR__ . '/fixtures/counter.php', $mode, $name, '25', $counter, (string) TestRedis::$port);
        }
        self::assertSame(array_fill(0, 4, "done\n"), TestRedis::runAll($commands));
        $n = (int) TestRedis::client()->get($counter);
        TestRedis::client()->del($counter);

        return $n;
    }

    public function testBlockAcrossProcessesCountsExactly(): void
    {
        self::assertSame(100, $this->contend('lock'));
    }

    public function testWithoutTheLockTheSameProcessesLoseUpdates(): void
    {
        self::assertLessThan(100, $this->contend('nolock'), 'the control run must show lost updates');
    }

    /** Deliberate: not Laravel's redis lock keys, so the two never see each other's locks. */
    public function testLaravelsOwnRedisLockIsIndependent(): void
    {
        $name = TestRedis::unique('interop');
        $theirs = new LaravelRedisLock(new PhpRedisConnection(TestRedis::client()), $name, 10);
        self::assertTrue($theirs->get());
        $ours = Cache::lock($name, 10);
        self::assertTrue($ours->get(), 'not excluded by a Laravel redis lock of the same name');
        self::assertTrue($ours->release());
        self::assertFalse((new LaravelRedisLock(new PhpRedisConnection(TestRedis::client()), $name, 10))->get(), 'theirs still held');
        self::assertTrue($theirs->release());
    }
}
