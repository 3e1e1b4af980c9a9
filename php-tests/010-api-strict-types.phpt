--TEST--
RedisLock: under declare(strict_types=1) non-string names and identifiers, and non-int times, raise PHP's TypeError
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
declare(strict_types=1);
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$n = random_int(1000000000, 2000000000);       // an int order id no other test uses

function attempt(callable $f): void
{
    try {
        $res = $f();
        echo is_string($res) ? 'identifier' : var_export($res, true), "\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}

attempt(fn() => RedisLock::acquireLock($n));
attempt(fn() => RedisLock::acquire($n));
attempt(fn() => RedisLock::acquireLock((string) $n, "1"));
attempt(fn() => RedisLock::acquireLock((string) $n, 1.0));
attempt(fn() => RedisLock::acquireLock((string) $n, 0, "20"));
attempt(fn() => RedisLock::acquireLock(null));
attempt(fn() => RedisLock::releaseLock((string) $n, 123));
attempt(fn() => RedisLock::release((string) $n, 123));
attempt(fn() => RedisLock::releaseLock($n, 'x'));
var_dump($r->exists(lock_key((string) $n)));  // nothing was locked

// Correct types still work in strict mode.
$id = RedisLock::acquireLock((string) $n, 0, 20);
var_dump($r->get(lock_key((string) $n)) === $id);
var_dump(RedisLock::releaseLock((string) $n, $id));
?>
--EXPECT--
TypeError: RedisLock::acquireLock(): Argument #1 ($lock_name) must be of type string, int given
TypeError: RedisLock::acquire(): Argument #1 ($lock_name) must be of type string, int given
TypeError: RedisLock::acquireLock(): Argument #2 ($acquire_time) must be of type int, string given
TypeError: RedisLock::acquireLock(): Argument #2 ($acquire_time) must be of type int, float given
TypeError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be of type int, string given
TypeError: RedisLock::acquireLock(): Argument #1 ($lock_name) must be of type string, null given
TypeError: RedisLock::releaseLock(): Argument #2 ($identifier) must be of type string, int given
TypeError: RedisLock::release(): Argument #2 ($identifier) must be of type string, int given
TypeError: RedisLock::releaseLock(): Argument #1 ($lock_name) must be of type string, int given
int(0)
bool(true)
bool(true)
