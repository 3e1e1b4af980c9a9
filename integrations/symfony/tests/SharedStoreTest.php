<?php

declare(strict_types=1);

namespace RedisLock\Symfony\Tests;

use PHPUnit\Framework\TestCase;
use RedisLock\Symfony\RedisLockStore;
use Symfony\Component\Lock\Exception\LockConflictedException;
use Symfony\Component\Lock\Key;

/**
 * SharedLockStoreInterface and BlockingSharedLockStoreInterface: saveRead() stores unless
 * write-locked by someone else; readers together, a writer alone; save() by the only reader
 * upgrades, saveRead() by the writer downgrades (Symfony's definitions); waitAndSaveRead()
 * waits until no writer holds it.
 */
final class SharedStoreTest extends TestCase
{
    private RedisLockStore $store;

    protected function setUp(): void
    {
        ini_set('redislock.servers', TestRedis::url());
        $this->store = new RedisLockStore(5.0);
    }

    private function conflicts(callable $f): bool
    {
        try {
            $f();

            return false;
        } catch (LockConflictedException) {
            return true;
        }
    }

    /** The exclusion table: what a second key may take while the first holds read or write. */
    public function testExclusionTable(): void
    {
        $table = [];
        foreach (['read', 'write'] as $first) {
            foreach (['read', 'write'] as $second) {
                $resource = TestRedis::unique("table-$first-$second");
                $a = new Key($resource);
                $b = new Key($resource);
                $first === 'read' ? $this->store->saveRead($a) : $this->store->save($a);
                $table["$first+$second"] = !$this->conflicts(fn () => $second === 'read'
                    ? $this->store->saveRead($b) : $this->store->save($b));
                $this->store->delete($a);
                $this->store->delete($b);
            }
        }
        self::assertSame(['read+read' => true, 'read+write' => false, 'write+read' => false, 'write+write' => false], $table);
    }

    public function testManyReadersThenTheWriterOnceAllLeft(): void
    {
        $resource = TestRedis::unique('readers');
        $readers = [new Key($resource), new Key($resource), new Key($resource)];
        foreach ($readers as $k) {
            $this->store->saveRead($k);
        }
        foreach ($readers as $k) {
            self::assertTrue($this->store->exists($k));
        }
        $writer = new Key($resource);
        foreach ($readers as $i => $k) {
            self::assertTrue($this->conflicts(fn () => $this->store->save($writer)), "reader $i still in");
            $this->store->delete($k);
            self::assertFalse($this->store->exists($k));
        }
        $this->store->save($writer);
        self::assertTrue($this->store->exists($writer));
        $this->store->delete($writer);
    }

    public function testUpgradeByTheOnlyReader(): void
    {
        $resource = TestRedis::unique('upgrade');
        $key = new Key($resource);
        $this->store->saveRead($key);
        $this->store->save($key);                       // upgrade: same lock, now write
        self::assertTrue($this->store->exists($key));
        self::assertTrue($this->conflicts(fn () => $this->store->saveRead(new Key($resource))));
        $this->store->delete($key);
        self::assertFalse($this->store->exists($key));
        $this->store->saveRead(new Key($resource));     // nothing left behind
        self::assertTrue(true);
    }

    public function testUpgradeRefusedBesideAnotherReaderKeepsTheReadLock(): void
    {
        $resource = TestRedis::unique('upgrade-refused');
        $key = new Key($resource);
        $other = new Key($resource);
        $this->store->saveRead($key);
        $this->store->saveRead($other);
        self::assertTrue($this->conflicts(fn () => $this->store->save($key)));
        self::assertTrue($this->store->exists($key), 'still reading');
        $this->store->delete($other);
        $this->store->save($key);
        self::assertTrue($this->conflicts(fn () => $this->store->saveRead($other)));
        $this->store->delete($key);
    }

    public function testDowngradeByTheWriterLetsReadersIn(): void
    {
        $resource = TestRedis::unique('downgrade');
        $key = new Key($resource);
        $this->store->save($key);
        $this->store->saveRead($key);                   // downgrade
        self::assertTrue($this->store->exists($key));
        $other = new Key($resource);
        $this->store->saveRead($other);
        self::assertTrue($this->conflicts(fn () => $this->store->save(new Key($resource))));
        $this->store->delete($key);
        $this->store->delete($other);
        self::assertFalse($this->store->exists($key));
    }

    public function testSaveReadAgainRenewsTheReader(): void
    {
        $store = new RedisLockStore(0.3);
        $key = new Key(TestRedis::unique('reread'));
        $store->saveRead($key);
        usleep(200000);
        $key->resetLifetime();
        $store->saveRead($key);                          // renewed to 0.3 s from now
        usleep(200000);
        self::assertTrue($store->exists($key));
        $store->delete($key);
    }

    public function testPutOffExpirationOfAReader(): void
    {
        $store = new RedisLockStore(0.3);
        $key = new Key(TestRedis::unique('reader-putoff'));
        $store->saveRead($key);
        $key->resetLifetime();
        $store->putOffExpiration($key, 2.0);
        usleep(500000);
        self::assertTrue($store->exists($key));
        $store->delete($key);
        $this->expectException(LockConflictedException::class);
        $store->putOffExpiration($key, 1.0);
    }

    public function testWaitAndSaveReadIsWokenByTheWritersRelease(): void
    {
        $resource = TestRedis::unique('wait-read');
        $holder = proc_open(TestRedis::php(__DIR__ . '/fixtures/hold.php', 'write', $resource, '0.4'),
            [1 => ['pipe', 'w']], $pipes);
        self::assertSame("held\n", fgets($pipes[1]));
        $key = new Key($resource);
        $this->store->waitAndSaveRead($key);
        $got = microtime(true);
        $released = (float) substr((string) fgets($pipes[1]), \strlen('released '));
        proc_close($holder);
        self::assertTrue($this->store->exists($key));
        self::assertLessThan(0.1, $got - $released, 'woken by the release, not polling');
        $this->store->delete($key);
    }

    public function testWaitAndSaveWaitsForAReaderInAnotherProcess(): void
    {
        $resource = TestRedis::unique('wait-write');
        $holder = proc_open(TestRedis::php(__DIR__ . '/fixtures/hold.php', 'read', $resource, '0.4'),
            [1 => ['pipe', 'w']], $pipes);
        self::assertSame("held\n", fgets($pipes[1]));
        $key = new Key($resource);
        $this->store->waitAndSave($key);
        $got = microtime(true);
        $released = (float) substr((string) fgets($pipes[1]), \strlen('released '));
        proc_close($holder);
        self::assertLessThan(0.1, $got - $released);
        $this->store->delete($key);
    }
}
