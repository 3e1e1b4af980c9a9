--TEST--
Compatibility: right after the old PHP class (copied from blog posts) releases, the extension acquires at its first attempt, and vice versa
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
require __DIR__ . '/fixtures/OldRedisLock.php';
ini_set('redislock.servers', test_url());
$r = inspector();
$old = new OldRedisLockConnection();
$old->connect('127.0.0.1', test_port(), 2.0, null, 0, 2.0);
OldRedisLock::$redis = $old;
$name = unique_name('order');
$key = 'AGENT_ORDER_LOCK:' . $name;

echo "-- old class releases, extension acquires\n";
$oldId = OldRedisLock::acquireLock($name, 3, 20);
var_dump(OldRedisLock::releaseLock($name, $oldId));
$newId = RedisLock::acquireLock($name, 0, 20);              // acquire_time 0: exactly one attempt
var_dump(is_string($newId), $r->get($key) === $newId);

echo "-- extension releases, old class acquires\n";
var_dump(RedisLock::releaseLock($name, $newId));
old_lock_wait_for_fresh_second();
$old->evalCalls = 0;
$oldId = OldRedisLock::acquireLock($name, 1, 20);
var_dump(is_string($oldId), $old->evalCalls);               // one EVAL: its first attempt won
var_dump($r->get($key) === $oldId);
$ttl = $r->ttl($key);
var_dump($ttl > 0 && $ttl <= 20);
var_dump(OldRedisLock::releaseLock($name, $oldId));
?>
--EXPECT--
-- old class releases, extension acquires
bool(true)
bool(true)
bool(true)
-- extension releases, old class acquires
bool(true)
bool(true)
int(1)
bool(true)
bool(true)
bool(true)
