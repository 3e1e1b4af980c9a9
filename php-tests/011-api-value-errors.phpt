--TEST--
RedisLock: out-of-range arguments raise ValueError with PHP's message shape and never reach Redis
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
// A server of this test's own: its whole keyspace and command counts are this test's.
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

attempt(fn() => RedisLock::acquireLock(''));
attempt(fn() => RedisLock::acquireLock(str_repeat('n', 1025)));
attempt(fn() => RedisLock::acquireLock('v', -1));
attempt(fn() => RedisLock::acquireLock('v', 86401));
attempt(fn() => RedisLock::acquireLock('v', PHP_INT_MIN));
attempt(fn() => RedisLock::acquireLock('v', 0, 0));
attempt(fn() => RedisLock::acquireLock('v', 0, -5));
attempt(fn() => RedisLock::acquireLock('v', 0, 2592001));
attempt(fn() => RedisLock::acquireLock('v', 0, PHP_INT_MAX));
attempt(fn() => RedisLock::acquire(''));
attempt(fn() => RedisLock::releaseLock('', 'ffffffffffffffffffffffffffffffff'));
attempt(fn() => RedisLock::release('', 'ffffffffffffffffffffffffffffffff'));

echo "-- nothing reached Redis\n";
var_dump($r->keys('*'));
$stats = $r->info('commandstats');
var_dump(isset($stats['cmdstat_set']), isset($stats['cmdstat_evalsha']), isset($stats['cmdstat_eval']));

echo "-- the limits themselves are valid\n";
$name = str_repeat('n', 1024);
$id = RedisLock::acquireLock($name, 86400, 2592000);
var_dump($r->get('AGENT_ORDER_LOCK:' . $name) === $id);
$ttl = $r->pttl('AGENT_ORDER_LOCK:' . $name);
var_dump($ttl > 2591990000 && $ttl <= 2592000000);
var_dump(RedisLock::releaseLock($name, $id));
// The lower limit of $lock_timeout, 0.001 s, is 705-lifecycle-lock-timeout-one-ms-granted.phpt.
$id = RedisLock::acquireLock('v', 0, 1);
var_dump($r->get('AGENT_ORDER_LOCK:v') === $id);
var_dump(RedisLock::releaseLock('v', $id));
var_dump($r->dbSize());
?>
--EXPECT--
ValueError: RedisLock::acquireLock(): Argument #1 ($lock_name) must not be empty
ValueError: RedisLock::acquireLock(): Argument #1 ($lock_name) must be at most 1024 bytes long
ValueError: RedisLock::acquireLock(): Argument #2 ($acquire_time) must be between 0 and 86400 (seconds)
ValueError: RedisLock::acquireLock(): Argument #2 ($acquire_time) must be between 0 and 86400 (seconds)
ValueError: RedisLock::acquireLock(): Argument #2 ($acquire_time) must be between 0 and 86400 (seconds)
ValueError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
ValueError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
ValueError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
ValueError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
ValueError: RedisLock::acquire(): Argument #1 ($lock_name) must not be empty
ValueError: RedisLock::releaseLock(): Argument #1 ($lock_name) must not be empty
ValueError: RedisLock::release(): Argument #1 ($lock_name) must not be empty
-- nothing reached Redis
array(0) {
}
bool(false)
bool(false)
bool(false)
-- the limits themselves are valid
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
int(0)
