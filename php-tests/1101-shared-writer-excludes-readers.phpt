--TEST--
Shared locks: while acquireLock() holds a name, acquireShared() is refused (and a reader's calls with the writer's identifier are false); after releaseLock() readers come in
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$name = unique_name('shared-writer');
$w = RedisLock::acquireLock($name, 0, 10);
var_dump(RedisLock::acquireShared($name, 0, 10));
var_dump(RedisLock::releaseShared($name, $w), RedisLock::isHeldShared($name, $w), RedisLock::extendShared($name, $w, 5));
var_dump(RedisLock::isHeld($name, $w), RedisLock::releaseLock($name, $w));
$r = RedisLock::acquireShared($name, 0, 10);
var_dump(is_string($r));
// The exclusive calls never match a reader's identifier (and never fail on the shared layout).
var_dump(RedisLock::isHeld($name, $r), RedisLock::extendLock($name, $r, 5), RedisLock::releaseLock($name, $r));
var_dump(RedisLock::isHeldShared($name, $r), RedisLock::releaseShared($name, $r));
?>
--EXPECT--
bool(false)
bool(false)
bool(false)
bool(false)
bool(true)
bool(true)
bool(true)
bool(false)
bool(false)
bool(false)
bool(true)
bool(true)
