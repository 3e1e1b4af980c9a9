--TEST--
RedisLock: too few or too many arguments raise PHP's ArgumentCountError
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('argc');

function attempt(callable $f): void
{
    try {
        $res = $f();
        echo is_string($res) ? 'identifier' : var_export($res, true), "\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}

attempt(fn() => RedisLock::acquireLock());
attempt(fn() => RedisLock::acquireLock($name, 0, 20, 'extra'));
attempt(fn() => RedisLock::acquire());
attempt(fn() => RedisLock::acquire($name, 0, 20, 'extra'));
attempt(fn() => RedisLock::releaseLock());
attempt(fn() => RedisLock::releaseLock($name));
attempt(fn() => RedisLock::releaseLock($name, 'ffffffffffffffffffffffffffffffff', 'extra'));
attempt(fn() => RedisLock::release($name));
attempt(fn() => RedisLock::release($name, 'ffffffffffffffffffffffffffffffff', 'extra'));
var_dump($r->exists(lock_key($name)));        // the 4-argument acquire did not lock anything
?>
--EXPECT--
ArgumentCountError: RedisLock::acquireLock() expects at least 1 argument, 0 given
ArgumentCountError: RedisLock::acquireLock() expects at most 3 arguments, 4 given
ArgumentCountError: RedisLock::acquire() expects at least 1 argument, 0 given
ArgumentCountError: RedisLock::acquire() expects at most 3 arguments, 4 given
ArgumentCountError: RedisLock::releaseLock() expects exactly 2 arguments, 0 given
ArgumentCountError: RedisLock::releaseLock() expects exactly 2 arguments, 1 given
ArgumentCountError: RedisLock::releaseLock() expects exactly 2 arguments, 3 given
ArgumentCountError: RedisLock::release() expects exactly 2 arguments, 1 given
ArgumentCountError: RedisLock::release() expects exactly 2 arguments, 3 given
int(0)
