--TEST--
Lifecycle: under strict_types an int lock name is accepted by every RedisLock method (its decimal string is the key) and by RedLock::lock(); a float name is PHP's TypeError "must be of type string|int, float given"; int and float seconds both pass, strings do not
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
declare(strict_types=1);
require __DIR__ . '/redis.inc';
// A server of this test's own: the literal names 12345 and -7 cannot clash with another test.
$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
$r = $srv->client();

function attempt(string $what, callable $f): void
{
    try {
        $res = $f();
        echo "$what: ", is_string($res) ? 'identifier' : json_encode($res), "\n";
    } catch (Throwable $e) {
        echo "$what: ", get_class($e), ': ', $e->getMessage(), "\n";
    }
}

// PHP 8.2 names a bool argument's type ("bool given"), PHP 8.3+ its value ("true given").
echo "-- int names\n";
$id = RedisLock::acquireLock(12345);
var_dump($r->keys('*'));
var_dump($r->get('AGENT_ORDER_LOCK:12345') === $id);
var_dump(RedisLock::isHeld(12345, $id));
var_dump(RedisLock::extendLock(12345, $id, 7));
$ttl = $r->pttl('AGENT_ORDER_LOCK:12345');
var_dump($ttl > 6000 && $ttl <= 7000);
var_dump(RedisLock::extend(12345, $id, 8.5));
var_dump(RedisLock::releaseLock(12345, $id));
$id = RedisLock::acquire(-7, 0, 1.5);
var_dump($r->get('AGENT_ORDER_LOCK:-7') === $id, RedisLock::release(-7, $id));
var_dump(RedisLock::synchronized(12345, fn() => RedisLock::isHeld('12345', (string) $r->get('AGENT_ORDER_LOCK:12345')), 0, 5));
$f = RedisLock::acquireFenced(12345, 0, 5);
var_dump($f['fence'], $r->get('{AGENT_ORDER_LOCK:12345}:fence'));
var_dump(RedisLock::releaseLock(12345, $f['identifier']));
$rl = new RedLock([$srv->url()]);
$lock = $rl->lock(4242, 5000);
var_dump($lock['resource'], $r->get('4242') === $lock['token'], $rl->isHeld($lock), $rl->unlock($lock));
var_dump($r->dbSize() === 1 && $r->exists('{AGENT_ORDER_LOCK:12345}:fence'));

echo "-- float names\n";
attempt('acquireLock', fn() => RedisLock::acquireLock(1.0));
attempt('acquire', fn() => RedisLock::acquire(12345.5));
attempt('releaseLock', fn() => RedisLock::releaseLock(2.0, 'x'));
attempt('release', fn() => RedisLock::release(2.0, 'x'));
attempt('isHeld', fn() => RedisLock::isHeld(2.0, 'x'));
attempt('extendLock', fn() => RedisLock::extendLock(2.0, 'x'));
attempt('extend', fn() => RedisLock::extend(2.0, 'x'));
attempt('synchronized', fn() => RedisLock::synchronized(2.0, fn() => 1));
attempt('acquireFenced', fn() => RedisLock::acquireFenced(2.0));
attempt('RedLock::lock', fn() => $rl->lock(2.0, 1000));
attempt('bool name', fn() => RedisLock::acquireLock(true));

echo "-- times\n";
$id = RedisLock::acquireLock('t', 0, 2);
var_dump(RedisLock::releaseLock('t', $id));
$id = RedisLock::acquireLock('t', 0.0, 2.5);
$ttl = $r->pttl('AGENT_ORDER_LOCK:t');
var_dump($ttl > 2400 && $ttl <= 2500);
var_dump(RedisLock::releaseLock('t', $id));
attempt('string acquire_time', fn() => RedisLock::acquireLock('t', '0.5'));
attempt('string lock_timeout', fn() => RedisLock::acquireLock('t', 0, '0.5'));
attempt('string extend timeout', fn() => RedisLock::extendLock('t', 'x', '5'));
attempt('bool acquire_time', fn() => RedisLock::synchronized('t', fn() => 1, false));
echo "-- nothing locked by the refused calls\n";
var_dump($r->keys('*'));
?>
--EXPECTF--
-- int names
array(1) {
  [0]=>
  string(22) "AGENT_ORDER_LOCK:12345"
}
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
int(1)
string(1) "1"
bool(true)
string(4) "4242"
bool(true)
bool(true)
bool(true)
bool(true)
-- float names
acquireLock: TypeError: RedisLock::acquireLock(): Argument #1 ($lock_name) must be of type string|int, float given
acquire: TypeError: RedisLock::acquire(): Argument #1 ($lock_name) must be of type string|int, float given
releaseLock: TypeError: RedisLock::releaseLock(): Argument #1 ($lock_name) must be of type string|int, float given
release: TypeError: RedisLock::release(): Argument #1 ($lock_name) must be of type string|int, float given
isHeld: TypeError: RedisLock::isHeld(): Argument #1 ($lock_name) must be of type string|int, float given
extendLock: TypeError: RedisLock::extendLock(): Argument #1 ($lock_name) must be of type string|int, float given
extend: TypeError: RedisLock::extend(): Argument #1 ($lock_name) must be of type string|int, float given
synchronized: TypeError: RedisLock::synchronized(): Argument #1 ($lock_name) must be of type string|int, float given
acquireFenced: TypeError: RedisLock::acquireFenced(): Argument #1 ($lock_name) must be of type string|int, float given
RedLock::lock: TypeError: RedLock::lock(): Argument #1 ($resource) must be of type string|int, float given
bool name: TypeError: RedisLock::acquireLock(): Argument #1 ($lock_name) must be of type string|int, %r(bool|true)%r given
-- times
bool(true)
bool(true)
bool(true)
string acquire_time: TypeError: RedisLock::acquireLock(): Argument #2 ($acquire_time) must be of type int|float, string given
string lock_timeout: TypeError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be of type int|float, string given
string extend timeout: TypeError: RedisLock::extendLock(): Argument #3 ($lock_timeout) must be of type int|float, string given
bool acquire_time: TypeError: RedisLock::synchronized(): Argument #3 ($acquire_time) must be of type int|float, %r(bool|false)%r given
-- nothing locked by the refused calls
array(1) {
  [0]=>
  string(30) "{AGENT_ORDER_LOCK:12345}:fence"
}
