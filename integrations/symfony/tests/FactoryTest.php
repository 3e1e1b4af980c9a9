<?php

declare(strict_types=1);

namespace RedisLock\Symfony\Tests;

use PHPUnit\Framework\TestCase;
use RedisLock\Symfony\RedisLockStore;
use RedisLock\Symfony\RedisLockStoreFactory;
use Symfony\Component\Lock\Exception\InvalidArgumentException;
use Symfony\Component\Lock\Exception\InvalidTtlException;
use Symfony\Component\Lock\Exception\LockConflictedException;
use Symfony\Component\Lock\Key;

/** The DSN and the constructor's checks. */
final class FactoryTest extends TestCase
{
    protected function setUp(): void
    {
        ini_set('redislock.servers', TestRedis::url());
    }

    public function testDsnFormsMakeAWorkingStore(): void
    {
        foreach (['redislock:', 'redislock://', 'redislock://?namespace=app:&initial_ttl=0.2'] as $dsn) {
            self::assertTrue(RedisLockStoreFactory::supports($dsn));
            $store = RedisLockStoreFactory::createStore($dsn);
            self::assertInstanceOf(RedisLockStore::class, $store);
            $key = new Key(TestRedis::unique('dsn'));
            $store->save($key);
            self::assertTrue($store->exists($key));
            $store->delete($key);
        }
        self::assertFalse(RedisLockStoreFactory::supports('redis://127.0.0.1'));
    }

    public function testDsnOptionsApply(): void
    {
        $store = RedisLockStoreFactory::createStore('redislock://?namespace=ns1:&initial_ttl=5&blocking_timeout=0.2');
        $resource = TestRedis::unique('dsn-options');
        $store->save($held = new Key($resource));
        $pttl = TestRedis::client()->pttl(ini_get('redislock.prefix') . 'ns1:' . $resource);
        self::assertGreaterThan(4000, $pttl, 'namespace and initial_ttl apply');
        self::assertLessThanOrEqual(5000, $pttl);
        $start = microtime(true);
        try {
            $store->waitAndSave(new Key($resource));
            self::fail('blocking_timeout applies');
        } catch (LockConflictedException) {
        }
        self::assertLessThan(0.6, microtime(true) - $start);
        $lock = RedisLockStoreFactory::createLockFactory('redislock://?namespace=ns2:')->createLock($resource);
        self::assertTrue($lock->acquire(), 'another namespace is another lock');
        $lock->release();
        $store->delete($held);
    }

    public function testBadDsnsAreRefused(): void
    {
        foreach (['redis://x', 'redislock://127.0.0.1:6379', 'redislock://?initial_ttl=abc', 'redislock://?colour=red'] as $dsn) {
            try {
                RedisLockStoreFactory::createStore($dsn);
                self::fail("accepted $dsn");
            } catch (InvalidArgumentException $e) {
                self::assertNotSame('', $e->getMessage());
            }
        }
    }

    public function testConstructorRefusesBadTtls(): void
    {
        $this->expectException(InvalidTtlException::class);
        new RedisLockStore(0.0);
    }

    public function testConstructorRefusesANegativeBlockingTimeout(): void
    {
        $this->expectException(InvalidArgumentException::class);
        new RedisLockStore(1.0, 'x:', -1.0);
    }
}
