--TEST--
RedisLock: under declare(strict_types=1) an int name is accepted (string|int), int and float times are accepted (int|float); null, float and bool names, non-string identifiers and string times raise PHP's TypeError
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

attempt(fn() => RedisLock::acquireLock((string) $n, "1"));
attempt(fn() => RedisLock::acquireLock((string) $n, 0, "20"));
attempt(fn() => RedisLock::acquireLock(null));
attempt(fn() => RedisLock::acquireLock(1.0 * $n));
attempt(fn() => RedisLock::acquire(false));      // PHP 8.2: "bool given", 8.3+: "false given"
attempt(fn() => RedisLock::releaseLock((string) $n, 123));
attempt(fn() => RedisLock::release((string) $n, 123));
attempt(fn() => RedisLock::releaseLock(1.0 * $n, 'x'));
var_dump($r->exists(lock_key((string) $n)));  // nothing was locked

// Correct types work in strict mode: an int name is its decimal string, times may be floats.
$id = RedisLock::acquireLock($n, 0, 20);
var_dump($r->get(lock_key((string) $n)) === $id);
attempt(fn() => RedisLock::acquire($n, 0.0));            // held: false, not a TypeError
var_dump(RedisLock::releaseLock($n, $id));
$id = RedisLock::acquire((string) $n, 0.5, 2.5);
$ttl = $r->pttl(lock_key((string) $n));
var_dump($ttl > 2400 && $ttl <= 2500);
var_dump(RedisLock::release($n, $id));
?>
--EXPECTF--
TypeError: RedisLock::acquireLock(): Argument #2 ($acquire_time) must be of type int|float, string given
TypeError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be of type int|float, string given
TypeError: RedisLock::acquireLock(): Argument #1 ($lock_name) must be of type string|int, null given
TypeError: RedisLock::acquireLock(): Argument #1 ($lock_name) must be of type string|int, float given
TypeError: RedisLock::acquire(): Argument #1 ($lock_name) must be of type string|int, %r(bool|false)%r given
TypeError: RedisLock::releaseLock(): Argument #2 ($identifier) must be of type string, int given
TypeError: RedisLock::release(): Argument #2 ($identifier) must be of type string, int given
TypeError: RedisLock::releaseLock(): Argument #1 ($lock_name) must be of type string|int, float given
int(0)
bool(true)
false
bool(true)
bool(true)
bool(true)
