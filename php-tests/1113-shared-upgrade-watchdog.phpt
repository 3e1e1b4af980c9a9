--TEST--
Shared locks with the watchdog on: an upgraded lock is renewed like any exclusive lock (its key lives a lease, it outlives the lease while held); a downgrade stops the renewal, so the reader lives its own lock_timeout; readers themselves are not renewed
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
redislock.watchdog=1
redislock.watchdog_lease=200
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('shared-watchdog');
$id = RedisLock::acquireShared($name, 0, 0.4);
var_dump($r->pttl(lock_key($name)) > 300);                 // a reader: its own TTL, not the lease
var_dump(RedisLock::upgradeShared($name, $id, 0, 5));
var_dump($r->pttl(lock_key($name)) <= 200);                // upgraded: lives a lease ...
usleep(600000);
var_dump(RedisLock::isHeld($name, $id));                   // ... renewed past it
var_dump(RedisLock::downgradeLock($name, $id, 0.3));       // a reader of 0.3 s, no longer renewed
usleep(500000);
var_dump(RedisLock::isHeldShared($name, $id), $r->exists(lock_key($name)));
$other = RedisLock::acquireShared($name, 0, 0.3);
usleep(500000);
var_dump(RedisLock::isHeldShared($name, $other));         // readers expire with their TTL
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
int(0)
bool(false)
