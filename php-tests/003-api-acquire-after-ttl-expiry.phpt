--TEST--
RedisLock: once the holder's lock_timeout has passed, acquireLock succeeds with a new identifier
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('expiry');
$key = lock_key($name);

$old = RedisLock::acquireLock($name, 0, 1);
var_dump(is_string($old));
$ttl = $r->pttl($key);
var_dump($ttl > 0 && $ttl <= 1000);           // lock_timeout 1 -> at most 1000 ms
var_dump(RedisLock::acquireLock($name, 0, 1)); // still held

usleep(1200000);
var_dump($r->exists($key));                   // Redis expired it

$new = RedisLock::acquireLock($name, 0, 20);
var_dump(is_string($new) && $new !== $old);
var_dump($r->get($key) === $new);
var_dump(RedisLock::releaseLock($name, $old)); // the expired holder cannot release the new lock
var_dump($r->get($key) === $new);
var_dump(RedisLock::releaseLock($name, $new));
?>
--EXPECT--
bool(true)
bool(true)
bool(false)
int(0)
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
