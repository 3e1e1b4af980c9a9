--TEST--
Lifecycle: a $lock_timeout of 0.0004, 0.0009, 0, -1, NAN, INF, -INF or just over 2592000, and an $acquire_time below 0, over 86400, NAN or INF, are ValueErrors in every method that takes them, and nothing reaches Redis
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
// A server of this test's own: its command counts are this test's.
$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
$r = $srv->client();

function attempt(callable $f): string
{
    try {
        $res = $f();
        return 'returned ' . (is_string($res) ? 'identifier' : json_encode($res));
    } catch (Throwable $e) {
        return get_class($e) . ': ' . $e->getMessage();
    }
}

$id = 'ffffffffffffffffffffffffffffffff';
foreach ([0.0004, 0.0009, 0, 0.0, -1, -0.5, NAN, INF, -INF, 2592000.001, 2592001] as $bad) {
    echo "lock_timeout ", var_export($bad, true), "\n";
    foreach ([
        attempt(fn() => RedisLock::acquireLock('v', 0, $bad)),
        attempt(fn() => RedisLock::acquire('v', 0, $bad)),
        attempt(fn() => RedisLock::extendLock('v', $id, $bad)),
        attempt(fn() => RedisLock::extend('v', $id, $bad)),
        attempt(fn() => RedisLock::synchronized('v', fn() => 'ran', 0, $bad)),
        attempt(fn() => RedisLock::acquireFenced('v', 0, $bad)),
    ] as $line) {
        echo "  $line\n";
    }
}
foreach ([-0.001, -1, 86400.5, 86401, NAN, INF, -INF] as $bad) {
    echo "acquire_time ", var_export($bad, true), "\n";
    foreach ([
        attempt(fn() => RedisLock::acquireLock('v', $bad)),
        attempt(fn() => RedisLock::synchronized('v', fn() => 'ran', $bad)),
        attempt(fn() => RedisLock::acquireFenced('v', $bad)),
    ] as $line) {
        echo "  $line\n";
    }
}

echo "-- nothing reached Redis\n";
var_dump($r->keys('*'));
$stats = $r->info('commandstats');
echo "commands: ", implode(', ', array_keys(array_filter($stats, fn($k) => !in_array($k,
    ['cmdstat_info', 'cmdstat_keys', 'cmdstat_hello', 'cmdstat_command', 'cmdstat_ping'], true), ARRAY_FILTER_USE_KEY))), "\n";

echo "-- the limits as floats are valid\n";
$lid = RedisLock::acquireLock('v', 86400.0, 2592000.0);
$ttl = $r->pttl('AGENT_ORDER_LOCK:v');
var_dump(is_string($lid), $ttl > 2591990000 && $ttl <= 2592000000);
var_dump(RedisLock::extendLock('v', $lid, 2592000.0));
var_dump(RedisLock::releaseLock('v', $lid));
?>
--EXPECTF--
lock_timeout 0.0004
  ValueError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquire(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extendLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extend(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::synchronized(): Argument #4 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquireFenced(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
lock_timeout 0.0009
  ValueError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquire(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extendLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extend(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::synchronized(): Argument #4 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquireFenced(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
lock_timeout 0
  ValueError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquire(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extendLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extend(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::synchronized(): Argument #4 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquireFenced(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
lock_timeout 0.0
  ValueError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquire(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extendLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extend(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::synchronized(): Argument #4 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquireFenced(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
lock_timeout -1
  ValueError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquire(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extendLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extend(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::synchronized(): Argument #4 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquireFenced(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
lock_timeout -0.5
  ValueError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquire(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extendLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extend(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::synchronized(): Argument #4 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquireFenced(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
lock_timeout NAN
  ValueError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquire(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extendLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extend(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::synchronized(): Argument #4 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquireFenced(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
lock_timeout INF
  ValueError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquire(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extendLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extend(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::synchronized(): Argument #4 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquireFenced(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
lock_timeout -INF
  ValueError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquire(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extendLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extend(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::synchronized(): Argument #4 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquireFenced(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
lock_timeout 2592000.001
  ValueError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquire(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extendLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extend(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::synchronized(): Argument #4 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquireFenced(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
lock_timeout 2592001
  ValueError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquire(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extendLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::extend(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::synchronized(): Argument #4 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
  ValueError: RedisLock::acquireFenced(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
acquire_time -0.001
  ValueError: RedisLock::acquireLock(): Argument #2 ($acquire_time) must be between 0 and 86400 (seconds)
  ValueError: RedisLock::synchronized(): Argument #3 ($acquire_time) must be between 0 and 86400 (seconds)
  ValueError: RedisLock::acquireFenced(): Argument #2 ($acquire_time) must be between 0 and 86400 (seconds)
acquire_time -1
  ValueError: RedisLock::acquireLock(): Argument #2 ($acquire_time) must be between 0 and 86400 (seconds)
  ValueError: RedisLock::synchronized(): Argument #3 ($acquire_time) must be between 0 and 86400 (seconds)
  ValueError: RedisLock::acquireFenced(): Argument #2 ($acquire_time) must be between 0 and 86400 (seconds)
acquire_time 86400.5
  ValueError: RedisLock::acquireLock(): Argument #2 ($acquire_time) must be between 0 and 86400 (seconds)
  ValueError: RedisLock::synchronized(): Argument #3 ($acquire_time) must be between 0 and 86400 (seconds)
  ValueError: RedisLock::acquireFenced(): Argument #2 ($acquire_time) must be between 0 and 86400 (seconds)
acquire_time 86401
  ValueError: RedisLock::acquireLock(): Argument #2 ($acquire_time) must be between 0 and 86400 (seconds)
  ValueError: RedisLock::synchronized(): Argument #3 ($acquire_time) must be between 0 and 86400 (seconds)
  ValueError: RedisLock::acquireFenced(): Argument #2 ($acquire_time) must be between 0 and 86400 (seconds)
acquire_time NAN
  ValueError: RedisLock::acquireLock(): Argument #2 ($acquire_time) must be between 0 and 86400 (seconds)
  ValueError: RedisLock::synchronized(): Argument #3 ($acquire_time) must be between 0 and 86400 (seconds)
  ValueError: RedisLock::acquireFenced(): Argument #2 ($acquire_time) must be between 0 and 86400 (seconds)
acquire_time INF
  ValueError: RedisLock::acquireLock(): Argument #2 ($acquire_time) must be between 0 and 86400 (seconds)
  ValueError: RedisLock::synchronized(): Argument #3 ($acquire_time) must be between 0 and 86400 (seconds)
  ValueError: RedisLock::acquireFenced(): Argument #2 ($acquire_time) must be between 0 and 86400 (seconds)
acquire_time -INF
  ValueError: RedisLock::acquireLock(): Argument #2 ($acquire_time) must be between 0 and 86400 (seconds)
  ValueError: RedisLock::synchronized(): Argument #3 ($acquire_time) must be between 0 and 86400 (seconds)
  ValueError: RedisLock::acquireFenced(): Argument #2 ($acquire_time) must be between 0 and 86400 (seconds)
-- nothing reached Redis
array(0) {
}
commands: 
-- the limits as floats are valid
bool(true)
bool(true)
bool(true)
bool(true)
