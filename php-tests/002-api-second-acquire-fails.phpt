--TEST--
RedisLock: a second acquireLock of a held name returns false (acquire_time 0); the key keeps the first identifier
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('second');
$key = lock_key($name);

$first = RedisLock::acquireLock($name, 0, 30);
var_dump(is_string($first));
var_dump($r->get($key) === $first);

$second = RedisLock::acquireLock($name, 0, 30);
var_dump($second);
var_dump($r->get($key) === $first);           // value untouched
$ttl = $r->pttl($key);
var_dump($ttl > 25000 && $ttl <= 30000);     // the failed attempt did not reset the TTL either

var_dump(RedisLock::releaseLock($name, $first));
var_dump($r->exists($key));
?>
--EXPECT--
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
int(0)
