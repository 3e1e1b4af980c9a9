<?php

declare(strict_types=1);

namespace RedisLock\Laravel\Tests;

use Illuminate\Cache\ArrayStore;
use Illuminate\Contracts\Cache\Lock as LockContract;
use Illuminate\Contracts\Cache\LockProvider;
use Illuminate\Contracts\Cache\LockTimeoutException;
use PHPUnit\Framework\TestCase;
use RedisLock\Laravel\RedisLockLock;
use RedisLock\Laravel\RedisLockStore;

/**
 * Illuminate\Contracts\Cache\Lock as its documentation states it: get() acquires (and with a
 * callback runs it and releases), block() waits up to $seconds (LockTimeoutException when it
 * gives up), release() only by the owner, owner(), forceRelease(); LockProvider::restoreLock().
 */
final class LockContractTest extends TestCase
{
    private RedisLockStore $store;

    protected function setUp(): void
    {
        ini_set('redislock.servers', TestRedis::url());
        $this->store = new RedisLockStore(new ArrayStore());
    }

    public function testImplementsTheContracts(): void
    {
        self::assertInstanceOf(LockProvider::class, $this->store);
        self::assertInstanceOf(LockContract::class, $this->store->lock('x'));
    }

    public function testGetAcquiresOnceAndReleaseFreesIt(): void
    {
        $name = TestRedis::unique('get');
        $lock = $this->store->lock($name, 10);
        self::assertTrue($lock->get());
        self::assertMatchesRegularExpression('/^[0-9a-f]{32}$/', $lock->owner());
        self::assertFalse($this->store->lock($name, 10)->get());
        self::assertTrue($lock->release());
        self::assertFalse($lock->release(), 'released once');
        self::assertTrue($this->store->lock($name, 10)->get());
    }

    public function testGetWithACallbackRunsItAndReleases(): void
    {
        $name = TestRedis::unique('get-callback');
        self::assertSame('result', $this->store->lock($name, 10)->get(fn () => 'result'));
        self::assertTrue($this->store->lock($name, 10)->get(), 'released after the callback');
        $ran = false;
        self::assertFalse($this->store->lock($name, 10)->get(function () use (&$ran) {
            $ran = true;
        }));
        self::assertFalse($ran, 'not run without the lock');
    }

    public function testGetWithACallbackReleasesWhenItThrows(): void
    {
        $name = TestRedis::unique('get-throws');
        try {
            $this->store->lock($name, 10)->get(fn () => throw new \DomainException('boom'));
            self::fail('the exception goes on');
        } catch (\DomainException) {
        }
        self::assertTrue($this->store->lock($name, 10)->get());
    }

    public function testReleaseByAnotherOwnerDoesNothing(): void
    {
        $name = TestRedis::unique('not-owner');
        $lock = $this->store->lock($name, 10);
        $lock->get();
        self::assertFalse($this->store->lock($name, 10)->release());
        self::assertFalse($this->store->restoreLock($name, str_repeat('0', 32))->release());
        self::assertTrue($this->store->restoreLock($name, $lock->owner())->release());
    }

    public function testForceReleaseFreesSomeoneElsesLock(): void
    {
        $name = TestRedis::unique('force');
        $this->store->lock($name, 10)->get();
        $this->store->lock($name)->forceRelease();
        self::assertTrue($this->store->lock($name, 10)->get());
    }

    public function testBlockWithACallbackReturnsItsValueAndReleases(): void
    {
        $name = TestRedis::unique('block');
        self::assertSame(42, $this->store->lock($name, 10)->block(5, fn () => 42));
        $lock = $this->store->lock($name, 10);
        self::assertTrue($lock->block(5), 'free: acquired at once');
        self::assertTrue($lock->isOwnedByCurrentProcess(), 'kept without a callback');
        $lock->release();
        self::assertFalse($lock->isOwnedByCurrentProcess());
    }

    public function testBlockGivesUpWithLockTimeoutException(): void
    {
        $name = TestRedis::unique('block-timeout');
        $this->store->lock($name, 10)->get();
        $start = microtime(true);
        $ran = false;
        try {
            $this->store->lock($name, 10)->block(1, function () use (&$ran) {
                $ran = true;
            });
            self::fail('LockTimeoutException expected');
        } catch (LockTimeoutException) {
        }
        self::assertFalse($ran);
        self::assertEqualsWithDelta(1.0, microtime(true) - $start, 0.3);
    }

    public function testBlockIsWokenByTheHoldersReleaseInAnotherProcess(): void
    {
        $name = TestRedis::unique('block-woken');
        $holder = proc_open(TestRedis::php(__DIR__ . '/fixtures/hold.php', $name, 'release'),
            [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $pipes);
        self::assertStringStartsWith('owner ', (string) fgets($pipes[1]));
        $waiter = $this->store->lock($name, 10);
        $at = null;
        usleep(100000);
        fwrite($pipes[0], "go\n");
        $waiter->block(5, function () use (&$at) {
            $at = microtime(true);
        });
        $released = (float) substr((string) fgets($pipes[1]), \strlen('released '));
        proc_close($holder);
        self::assertNotNull($at);
        self::assertGreaterThan(0.0, $released);
        self::assertLessThan(0.1, $at - $released, 'woken, not polling every 250 ms');
    }

    public function testLockExpiresAfterItsSeconds(): void
    {
        $name = TestRedis::unique('expiry');
        self::assertTrue($this->store->lock($name, 0.3)->get());
        self::assertFalse($this->store->lock($name, 10)->get());
        usleep(400000);
        self::assertTrue($this->store->lock($name, 10)->get());
    }

    public function testZeroSecondsIsTheLongestTtl(): void
    {
        $name = TestRedis::unique('forever');
        $lock = $this->store->lock($name);
        self::assertTrue($lock->get());
        $pttl = TestRedis::client()->pttl(ini_get('redislock.prefix') . 'laravel-lock:' . $name);
        self::assertGreaterThan((RedisLockLock::MAX_SECONDS - 5) * 1000, $pttl);
        $lock->release();
    }

    public function testRestoreLockReleasesFromAnotherProcess(): void
    {
        $name = TestRedis::unique('restore');
        $holder = proc_open(TestRedis::php(__DIR__ . '/fixtures/hold.php', $name, 'keep'),
            [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $pipes);
        $owner = substr(trim((string) fgets($pipes[1])), \strlen('owner '));
        fwrite($pipes[0], "exit\n");
        proc_close($holder);                          // ended without releasing
        self::assertFalse($this->store->lock($name, 10)->get(), 'still held');
        self::assertSame("bool(false)\n", shell_exec(TestRedis::php(__DIR__ . '/fixtures/restore.php', $name, str_repeat('f', 32))));
        self::assertSame("bool(true)\n", shell_exec(TestRedis::php(__DIR__ . '/fixtures/restore.php', $name, $owner)));
        self::assertTrue($this->store->lock($name, 10)->get());
    }

    public function testTwoProcessesExcludeEachOther(): void
    {
        $name = TestRedis::unique('two');
        $holder = proc_open(TestRedis::php(__DIR__ . '/fixtures/hold.php', $name, 'release'),
            [0 => ['pipe', 'r'], 1 => ['pipe', 'w']], $pipes);
        self::assertStringStartsWith('owner ', (string) fgets($pipes[1]));
        self::assertSame("refused\n", shell_exec(TestRedis::php(__DIR__ . '/fixtures/hold.php', $name, 'release') . ' </dev/null'));
        self::assertFalse($this->store->lock($name, 10)->get());
        fwrite($pipes[0], "go\n");
        stream_get_contents($pipes[1]);
        proc_close($holder);
        self::assertTrue($this->store->lock($name, 10)->get());
    }
}
