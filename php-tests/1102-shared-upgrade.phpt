--TEST--
Shared locks: upgradeShared() turns the only reader into the exclusive holder under the same identifier (then releaseLock/isHeld apply); with another reader it is refused and stays a reader; an identifier holding nothing is refused
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('shared-upgrade');
$a = RedisLock::acquireShared($name, 0, 10);
$b = RedisLock::acquireShared($name, 0, 10);
var_dump(RedisLock::upgradeShared($name, $a, 0, 10));
var_dump(RedisLock::isHeldShared($name, $a));
RedisLock::releaseShared($name, $b);
var_dump(RedisLock::upgradeShared($name, $a, 0, 7));
var_dump($r->get(lock_key($name)) === $a, $r->pttl(lock_key($name)) > 6000);
var_dump(RedisLock::isHeld($name, $a), RedisLock::isHeldShared($name, $a));
var_dump(RedisLock::acquireShared($name, 0, 10), RedisLock::acquireLock($name, 0, 10));
var_dump(RedisLock::upgradeShared($name, str_repeat('0', 32), 0, 10));
var_dump(RedisLock::releaseLock($name, $a));
var_dump(RedisLock::upgradeShared($name, $a, 0, 10), $r->exists(lock_key($name)));
?>
--EXPECT--
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
bool(false)
bool(false)
bool(false)
bool(true)
bool(false)
int(0)
