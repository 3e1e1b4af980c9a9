--TEST--
RedisLock: in weak mode arguments coerce like a native function with string|int and int|float parameters (int name, numeric strings, floats kept as fractions of a second, null name as int 0) with PHP's errors otherwise
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
// A server of this test's own, so that the literal order id 2001 cannot clash with anything.
$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
$r = $srv->client();

function attempt(callable $f): void
{
    try {
        $res = $f();
        echo is_string($res) ? 'identifier' : var_export($res, true), "\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}

echo "-- int order id as the name\n";
$id = RedisLock::acquireLock(2001);
var_dump($r->keys('*'));
var_dump($r->get('AGENT_ORDER_LOCK:2001') === $id);
var_dump(RedisLock::releaseLock(2001, $id));
var_dump($r->dbSize());

echo "-- numeric strings for the ints\n";
$name = 'weak';
$id = RedisLock::acquireLock($name, "1", "7");
var_dump($r->get('AGENT_ORDER_LOCK:weak') === $id);
$ttl = $r->pttl('AGENT_ORDER_LOCK:weak');
var_dump($ttl > 6000 && $ttl <= 7000);        // "7" became 7 s

$t0 = microtime(true);
var_dump(RedisLock::acquireLock($name, "1")); // held: "1" means one second of trying, not zero
$e = microtime(true) - $t0;
var_dump($e >= 1.0 && $e < 10.0);

echo "-- floats with integral value\n";
$t0 = microtime(true);
var_dump(RedisLock::acquireLock($name, 1.0));
$e = microtime(true) - $t0;
var_dump($e >= 1.0 && $e < 10.0);
var_dump(RedisLock::releaseLock($name, $id));
$id = RedisLock::acquireLock('frac', 0, 7.5);  // int|float: a fraction is kept, no deprecation
$ttl = $r->pttl('AGENT_ORDER_LOCK:frac');
var_dump($ttl > 7400 && $ttl <= 7500);
var_dump(RedisLock::releaseLock('frac', $id));

echo "-- what weak mode still rejects\n";
attempt(fn() => RedisLock::acquireLock('bad', "abc"));
attempt(fn() => RedisLock::acquireLock('bad', 0, "abc"));
attempt(fn() => RedisLock::acquireLock([]));
attempt(fn() => RedisLock::releaseLock('bad', []));
// null for string|int: PHP's deprecation, then int 0, as for a native string|int parameter
// (IntlChar::chr(null) is chr(0)): the lock "0".
attempt(fn() => RedisLock::acquireLock(null, 0, 5));
var_dump($r->exists('AGENT_ORDER_LOCK:0'));
$r->del('AGENT_ORDER_LOCK:0');
// None of the refused calls wrote anything (the lock "0" is deleted above). Counted with KEYS:
// the wake-up and "someone waits" mark of the waits above expire within 1.5 s, and DBSIZE may
// still count an expired key not yet swept.
usleep(1600000);
var_dump(count($r->keys('*')));
?>
--EXPECTF--
-- int order id as the name
array(1) {
  [0]=>
  string(21) "AGENT_ORDER_LOCK:2001"
}
bool(true)
bool(true)
int(0)
-- numeric strings for the ints
bool(true)
bool(true)
bool(false)
bool(true)
-- floats with integral value
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
-- what weak mode still rejects
TypeError: RedisLock::acquireLock(): Argument #2 ($acquire_time) must be of type int|float, string given
TypeError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be of type int|float, string given
TypeError: RedisLock::acquireLock(): Argument #1 ($lock_name) must be of type string|int, array given
TypeError: RedisLock::releaseLock(): Argument #2 ($identifier) must be of type string, array given

Deprecated: RedisLock::acquireLock(): Passing null to parameter #1 ($lock_name) of type string|int is deprecated in %s on line %d
identifier
int(1)
int(0)
