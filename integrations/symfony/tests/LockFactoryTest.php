<?php

declare(strict_types=1);

namespace RedisLock\Symfony\Tests;

use PHPUnit\Framework\TestCase;
use RedisLock\Symfony\RedisLockStore;
use Symfony\Component\Lock\Exception\LockAcquiringException;
use Symfony\Component\Lock\LockFactory;
use Symfony\Component\Lock\Store\RedisStore;

/**
 * What applications call: LockFactory and Lock over this store, in one process and across
 * processes; and beside Symfony's own RedisStore on the same resource name.
 */
final class LockFactoryTest extends TestCase
{
    private LockFactory $factory;

    protected function setUp(): void
    {
        ini_set('redislock.servers', TestRedis::url());
        $this->factory = new LockFactory(new RedisLockStore());
    }

    public function testAcquireRefreshRelease(): void
    {
        $resource = TestRedis::unique('lock');
        $lock = $this->factory->createLock($resource, 2.0);
        self::assertTrue($lock->acquire());
        self::assertTrue($lock->isAcquired());
        self::assertFalse($this->factory->createLock($resource)->acquire());
        $lock->refresh(10.0);
        self::assertGreaterThan(9.0, $lock->getRemainingLifetime());
        $lock->release();
        self::assertFalse($lock->isAcquired());
        self::assertTrue($this->factory->createLock($resource)->acquire());
    }

    public function testReadLocksThroughLock(): void
    {
        $resource = TestRedis::unique('lock-read');
        $a = $this->factory->createLock($resource);
        $b = $this->factory->createLock($resource);
        self::assertTrue($a->acquireRead());
        self::assertTrue($b->acquireRead());
        self::assertFalse($this->factory->createLock($resource)->acquire());
        $b->release();
        self::assertTrue($a->acquire(), 'upgrade');
        self::assertFalse($b->acquireRead());
        self::assertTrue($a->acquireRead(), 'downgrade');
        self::assertTrue($b->acquireRead());
        $a->release();
        $b->release();
    }

    public function testExpiredLockIsReleasedByAnother(): void
    {
        $resource = TestRedis::unique('lock-expiry');
        $lock = $this->factory->createLock($resource, 0.2, false);
        self::assertTrue($lock->acquire());
        usleep(300000);
        self::assertTrue($lock->isExpired());
        self::assertFalse($lock->isAcquired());
        self::assertTrue($this->factory->createLock($resource)->acquire());
    }

    public function testStorageFailureIsLockAcquiringException(): void
    {
        ini_set('redislock.servers', 'redis://127.0.0.1:1');
        try {
            $this->expectException(LockAcquiringException::class);
            $this->factory->createLock(TestRedis::unique('down'))->acquire();
        } finally {
            ini_set('redislock.servers', TestRedis::url());
        }
    }

    /** @return array{int, int} the counter after contention, and what it should be */
    private function contend(string $mode): array
    {
        $resource = TestRedis::unique("contend-$mode");
        $counter = "$resource:n";
        TestRedis::client()->set($counter, '0');
        $commands = [];
        for ($i = 0; $i < 4; $i++) {
            $commands[] = TestRedis::php(__DIR__ . '/fixtures/counter.php', $mode, $resource, '25', $counter, (string) TestRedis::$port);
        }
        $out = TestRedis::runAll($commands);
        self::assertSame(array_fill(0, 4, "done\n"), $out);
        $n = (int) TestRedis::client()->get($counter);
        TestRedis::client()->del($counter);

        return [$n, 100];
    }

    public function testBlockingAcquireAcrossProcessesCountsExactly(): void
    {
        [$n, $expected] = $this->contend('lock');
        self::assertSame($expected, $n);
    }

    public function testWithoutTheLockTheSameProcessesLoseUpdates(): void
    {
        [$n, $expected] = $this->contend('nolock');
        self::assertLessThan($expected, $n, 'the control run must show lost updates');
    }

    public function testTwoProcessesThroughThisStoreExcludeEachOther(): void
    {
        $resource = TestRedis::unique('two-processes');
        $holder = proc_open(TestRedis::php(__DIR__ . '/fixtures/hold.php', 'write', $resource, '0.5'),
            [1 => ['pipe', 'w']], $pipes);
        self::assertSame("held\n", fgets($pipes[1]));
        self::assertSame("refused\n", shell_exec(TestRedis::php(__DIR__ . '/fixtures/hold.php', 'write', $resource, '0')));
        self::assertFalse($this->factory->createLock($resource)->acquire());
        stream_get_contents($pipes[1]);
        proc_close($holder);
        self::assertTrue($this->factory->createLock($resource)->acquire());
    }

    /** Deliberate: keys are not Symfony RedisStore's, so the two never see each other's locks. */
    public function testSymfonyRedisStoreLocksAreIndependent(): void
    {
        $resource = TestRedis::unique('interop');
        $phpredis = new LockFactory(new RedisStore(TestRedis::client()));
        $theirs = $phpredis->createLock($resource);
        $ours = $this->factory->createLock($resource);
        self::assertTrue($theirs->acquire());
        self::assertTrue($ours->acquire(), 'not excluded by a RedisStore lock of the same name');
        self::assertTrue($theirs->isAcquired());
        $ours->release();
        self::assertTrue($theirs->isAcquired(), 'our release leaves theirs');
        $theirs->release();
    }
}
