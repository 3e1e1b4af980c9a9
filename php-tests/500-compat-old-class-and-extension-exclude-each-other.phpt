--TEST--
Compatibility: the old PHP class (copied from blog posts) and the extension exclude each other on the same Redis key
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

echo "-- old class holds\n";
$a = unique_name('order');
$oldId = OldRedisLock::acquireLock($a, 3, 20);
var_dump($r->get('AGENT_ORDER_LOCK:' . $a) === $oldId);
var_dump(RedisLock::acquireLock($a, 0));
var_dump($r->get('AGENT_ORDER_LOCK:' . $a) === $oldId);   // still the old class's lock
var_dump(OldRedisLock::releaseLock($a, $oldId));

echo "-- extension holds\n";
$b = unique_name('order');
$newId = RedisLock::acquireLock($b, 0, 20);
var_dump($r->get('AGENT_ORDER_LOCK:' . $b) === $newId);
$pttl = $r->pttl('AGENT_ORDER_LOCK:' . $b);
old_lock_wait_for_fresh_second();
$old->evalCalls = 0;
var_dump(OldRedisLock::acquireLock($b, 1));
var_dump($old->evalCalls >= 1);                            // it tried, and was refused
var_dump($r->get('AGENT_ORDER_LOCK:' . $b) === $newId);   // still the extension's lock
var_dump($r->pttl('AGENT_ORDER_LOCK:' . $b) <= $pttl);     // its TTL not reset by the old class
var_dump(RedisLock::releaseLock($b, $newId));
?>
--EXPECT--
-- old class holds
bool(true)
bool(false)
bool(true)
bool(true)
-- extension holds
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
