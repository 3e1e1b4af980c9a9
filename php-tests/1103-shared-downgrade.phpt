--TEST--
Shared locks: downgradeLock() turns the exclusive holder into a reader under the same identifier with the given TTL; other readers then come in and acquireLock() is refused; an identifier holding nothing is refused
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('shared-downgrade');
$w = RedisLock::acquireLock($name, 0, 30);
var_dump(RedisLock::downgradeLock($name, str_repeat('0', 32), 5));
var_dump(RedisLock::downgradeLock($name, $w, 5));
$pttl = $r->pttl(lock_key($name));
var_dump($pttl > 4800 && $pttl <= 5000);
var_dump(RedisLock::isHeld($name, $w), RedisLock::isHeldShared($name, $w));
$other = RedisLock::acquireShared($name, 0, 10);
var_dump(is_string($other), RedisLock::acquireLock($name, 0, 10));
var_dump(RedisLock::releaseShared($name, $w), RedisLock::releaseShared($name, $other));
var_dump(RedisLock::downgradeLock($name, $w, 5));
?>
--EXPECT--
bool(false)
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
bool(false)
