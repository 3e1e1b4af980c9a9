<?php

declare(strict_types=1);

namespace RedisLock\Symfony\Tests;

use PHPUnit\Framework\TestCase;
use RedisLock\Symfony\RedisLockStore;
use Symfony\Component\Lock\BlockingSharedLockStoreInterface;
use Symfony\Component\Lock\BlockingStoreInterface;
use Symfony\Component\Lock\Exception\InvalidTtlException;
use Symfony\Component\Lock\Exception\LockConflictedException;
use Symfony\Component\Lock\Exception\LockExpiredException;
use Symfony\Component\Lock\Exception\LockStorageException;
use Symfony\Component\Lock\Key;
use Symfony\Component\Lock\PersistingStoreInterface;
use Symfony\Component\Lock\SharedLockStoreInterface;

/**
 * PersistingStoreInterface and BlockingStoreInterface as their documentation states them:
 * save() stores unless locked by someone else (else LockConflictedException), delete() removes
 * (silently when not ours), exists() tells, putOffExpiration() extends (LockConflictedException
 * when not ours), waitAndSave() waits until free; and the Key's lifetime bookkeeping.
 */
final class StoreContractTest extends TestCase
{
    private RedisLockStore $store;

    protected function setUp(): void
    {
        ini_set('redislock.servers', TestRedis::url());
        $this->store = new RedisLockStore(5.0);
    }

    public function testImplementsEveryInterface(): void
    {
        foreach ([PersistingStoreInterface::class, BlockingStoreInterface::class, SharedLockStoreInterface::class,
            BlockingSharedLockStoreInterface::class] as $interface) {
            self::assertInstanceOf($interface, $this->store);
        }
    }

    public function testSaveExistsDelete(): void
    {
        $key = new Key(TestRedis::unique('contract'));
        self::assertFalse($this->store->exists($key));
        $this->store->save($key);
        self::assertTrue($this->store->exists($key));
        $this->store->delete($key);
        self::assertFalse($this->store->exists($key));
        $this->store->save($key);          // free again
        self::assertTrue($this->store->exists($key));
        $this->store->delete($key);
    }

    public function testSaveByAnotherKeyConflictsUntilDeleted(): void
    {
        $resource = TestRedis::unique('conflict');
        $mine = new Key($resource);
        $theirs = new Key($resource);
        $this->store->save($mine);
        try {
            $this->store->save($theirs);
            self::fail('second save must conflict');
        } catch (LockConflictedException) {
        }
        self::assertFalse($this->store->exists($theirs));
        $this->store->delete($theirs);     // not ours: nothing happens
        self::assertTrue($this->store->exists($mine));
        $this->store->delete($mine);
        $this->store->save($theirs);
        self::assertTrue($this->store->exists($theirs));
        $this->store->delete($theirs);
    }

    public function testSaveAgainByTheHolderRenews(): void
    {
        $key = new Key(TestRedis::unique('resave'));
        $this->store->save($key);
        $this->store->save($key);
        self::assertTrue($this->store->exists($key));
        $this->store->delete($key);
        self::assertFalse($this->store->exists($key));
    }

    public function testDeleteOfANeverSavedKeyIsSilent(): void
    {
        $key = new Key(TestRedis::unique('never'));
        $this->store->delete($key);
        self::assertFalse($this->store->exists($key));
    }

    public function testLockExpiresWithTheInitialTtl(): void
    {
        $store = new RedisLockStore(0.2);
        $key = new Key(TestRedis::unique('expiry'));
        $store->save($key);
        self::assertTrue($store->exists($key));
        usleep(300000);
        self::assertFalse($store->exists($key));
        $other = new Key((string) $key);
        $store->save($other);
        self::assertTrue($store->exists($other));
        $store->delete($other);
    }

    public function testPutOffExpirationExtendsTheLock(): void
    {
        $store = new RedisLockStore(0.3);
        $key = new Key(TestRedis::unique('putoff'));
        $store->save($key);
        $key->resetLifetime();                 // as Lock::refresh() does
        $store->putOffExpiration($key, 2.0);
        usleep(500000);
        self::assertTrue($store->exists($key));
        self::assertGreaterThan(1.0, $key->getRemainingLifetime());
        $store->delete($key);
    }

    public function testPutOffExpirationOfALockNotHeldConflicts(): void
    {
        $key = new Key(TestRedis::unique('putoff-lost'));
        try {
            $this->store->putOffExpiration($key, 1.0);
            self::fail('never saved');
        } catch (LockConflictedException) {
        }
        $store = new RedisLockStore(0.1);
        $store->save($key);
        usleep(200000);
        $this->expectException(LockConflictedException::class);
        $store->putOffExpiration($key, 1.0);   // expired: never revived
    }

    public function testPutOffExpirationRefusesANonPositiveTtl(): void
    {
        $key = new Key(TestRedis::unique('putoff-ttl'));
        $this->store->save($key);
        try {
            $this->expectException(InvalidTtlException::class);
            $this->store->putOffExpiration($key, 0.0);
        } finally {
            $this->store->delete($key);
        }
    }

    public function testSaveOfAKeyWhoseLifetimeIsUsedUpThrowsExpired(): void
    {
        $key = new Key(TestRedis::unique('expired-key'));
        $key->reduceLifetime(0.0);
        try {
            $this->store->save($key);
            self::fail('LockExpiredException expected');
        } catch (LockExpiredException) {
        }
        self::assertFalse($this->store->exists($key), 'released again');
    }

    public function testWaitAndSaveIsWokenByTheHoldersRelease(): void
    {
        $resource = TestRedis::unique('wait');
        $holder = proc_open(TestRedis::php(__DIR__ . '/fixtures/hold.php', 'write', $resource, '0.4'),
            [1 => ['pipe', 'w']], $pipes);
        self::assertSame("held\n", fgets($pipes[1]));
        $key = new Key($resource);
        $this->store->waitAndSave($key);
        $got = microtime(true);
        $released = (float) substr((string) fgets($pipes[1]), \strlen('released '));
        proc_close($holder);
        self::assertTrue($this->store->exists($key));
        self::assertGreaterThan(0.0, $released);
        self::assertLessThan(0.1, $got - $released, 'woken by the release, not polling');
        $this->store->delete($key);
    }

    public function testWaitAndSaveGivesUpAfterTheBlockingTimeout(): void
    {
        $resource = TestRedis::unique('wait-timeout');
        $holderKey = new Key($resource);
        $this->store->save($holderKey);
        $store = new RedisLockStore(5.0, 'symfony-lock:', 0.3);
        $start = microtime(true);
        try {
            $store->waitAndSave(new Key($resource));
            self::fail('must give up');
        } catch (LockConflictedException) {
        }
        self::assertEqualsWithDelta(0.3, microtime(true) - $start, 0.2);
        $this->store->delete($holderKey);
    }

    public function testKeyCarriesTheLockToAnotherProcess(): void
    {
        $key = new Key(TestRedis::unique('serialized'));
        $this->store->save($key);
        $out = shell_exec(TestRedis::php(__DIR__ . '/fixtures/release_key.php', base64_encode(serialize($key))));
        self::assertSame("exists true\nafter delete false\n", $out);
        self::assertFalse($this->store->exists($key));
    }

    public function testRedisFailureIsALockStorageException(): void
    {
        ini_set('redislock.servers', 'redis://127.0.0.1:1');
        try {
            $this->expectException(LockStorageException::class);
            $this->store->save(new Key(TestRedis::unique('down')));
        } finally {
            ini_set('redislock.servers', TestRedis::url());
        }
    }

    public function testLongResourceNamesWork(): void
    {
        $key = new Key(str_repeat('x', 5000));
        $this->store->save($key);
        self::assertTrue($this->store->exists($key));
        $this->store->delete($key);
        self::assertFalse($this->store->exists($key));
    }
}
