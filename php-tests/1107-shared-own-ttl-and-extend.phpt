--TEST--
Shared locks: each reader has its own TTL (the name is held as long as the longest reader); an expired reader is not revived by extendShared(); extendShared() sets a reader's TTL from now
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('shared-ttl');
$short = RedisLock::acquireShared($name, 0, 0.2);
$long = RedisLock::acquireShared($name, 0, 5);
$pttl = $r->pttl(lock_key($name));
var_dump($pttl > 4800 && $pttl <= 5000);
usleep(300000);
var_dump(RedisLock::isHeldShared($name, $short), RedisLock::extendShared($name, $short, 10));
var_dump(RedisLock::isHeldShared($name, $long), RedisLock::acquireLock($name, 0, 5));
var_dump(RedisLock::extendShared($name, $long, 0.3));
$pttl = $r->pttl(lock_key($name));
var_dump($pttl > 200 && $pttl <= 300);
$t = microtime(true);
$w = RedisLock::acquireLock($name, 5, 5);    // waits for the reader's expiry
$waited = (microtime(true) - $t) * 1000;
var_dump(is_string($w), $waited > 150 && $waited < 600);
RedisLock::releaseLock($name, $w);
?>
--EXPECT--
bool(true)
bool(false)
bool(false)
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
