--TEST--
Compatibility: neither the old PHP class (copied from blog posts) nor the extension releases the other's lock with a wrong identifier; each releases its own
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

$a = unique_name('order');   // held by the extension
$b = unique_name('order');   // held by the old class
$newId = RedisLock::acquireLock($a, 0, 20);
$oldId = OldRedisLock::acquireLock($b, 3, 20);
var_dump($r->get('AGENT_ORDER_LOCK:' . $a) === $newId, $r->get('AGENT_ORDER_LOCK:' . $b) === $oldId);

echo "-- old class, forged identifier, extension's lock\n";
var_dump(OldRedisLock::releaseLock($a, md5('forged' . mt_rand())));
var_dump($r->get('AGENT_ORDER_LOCK:' . $a) === $newId);

echo "-- extension, wrong identifier (its own, of another lock), old class's lock\n";
var_dump(RedisLock::releaseLock($b, $newId));
var_dump($r->get('AGENT_ORDER_LOCK:' . $b) === $oldId);

echo "-- each releases its own\n";
var_dump(RedisLock::releaseLock($a, $newId));
var_dump(OldRedisLock::releaseLock($b, $oldId));
var_dump($r->exists('AGENT_ORDER_LOCK:' . $a, 'AGENT_ORDER_LOCK:' . $b));
?>
--EXPECT--
bool(true)
bool(true)
-- old class, forged identifier, extension's lock
bool(false)
bool(true)
-- extension, wrong identifier (its own, of another lock), old class's lock
bool(false)
bool(true)
-- each releases its own
bool(true)
bool(true)
int(0)
