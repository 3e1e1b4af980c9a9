--TEST--
RedisLock: named arguments in any order reach the right parameters; omitted ones take their defaults
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$n = unique_name('named');
$key = lock_key($n);

$id = RedisLock::acquireLock(lock_timeout: 7, lock_name: $n);
var_dump($r->get($key) === $id);
$ttl = $r->pttl($key);
var_dump($ttl > 6000 && $ttl <= 7000);        // lock_timeout 7 s

// acquire_time was omitted: default 3 s of trying against the held lock.
$t0 = microtime(true);
var_dump(RedisLock::acquireLock(lock_timeout: 7, lock_name: $n));
$e = microtime(true) - $t0;
var_dump($e >= 3.0 && $e < 30.0);

var_dump(RedisLock::acquireLock($n, lock_timeout: 9, acquire_time: 0)); // positional + named mix
var_dump(RedisLock::releaseLock(identifier: $id, lock_name: $n));
var_dump($r->exists($key));

$id = RedisLock::acquire(lock_name: $n, acquire_time: 0);   // lock_timeout omitted: 20 s
$ttl = $r->pttl($key);
var_dump($ttl > 19000 && $ttl <= 20000);
var_dump(RedisLock::release(identifier: $id, lock_name: $n));

foreach ([fn() => RedisLock::acquireLock(lock_name: $n, timeout: 5),
          fn() => RedisLock::acquireLock(acquire_time: 0),
          fn() => RedisLock::releaseLock(lock_name: $n),
          fn() => RedisLock::releaseLock(identifier: 'ffffffffffffffffffffffffffffffff')] as $f) {
    try {
        $f();
        echo "no error\n";
    } catch (Error $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump($r->exists($key));
?>
--EXPECT--
bool(true)
bool(true)
bool(false)
bool(true)
bool(false)
bool(true)
int(0)
bool(true)
bool(true)
Error: Unknown named parameter $timeout
ArgumentCountError: RedisLock::acquireLock(): Argument #1 ($lock_name) not passed
ArgumentCountError: RedisLock::releaseLock() expects exactly 2 arguments, 1 given
ArgumentCountError: RedisLock::releaseLock(): Argument #1 ($lock_name) not passed
int(0)
