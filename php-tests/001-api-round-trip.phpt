--TEST--
RedisLock: acquireLock returns an identifier stored as the key's value; releaseLock deletes it
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('order');

$id = RedisLock::acquireLock($name);
var_dump(is_string($id));
var_dump($r->get(lock_key($name)) === $id);
$ttl = $r->pttl(lock_key($name));
var_dump($ttl > 19000 && $ttl <= 20000);      // default $lock_timeout = 20 s
var_dump(RedisLock::releaseLock($name, $id));
var_dump($r->exists(lock_key($name)));
var_dump(RedisLock::releaseLock($name, $id)); // already released
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
int(0)
bool(false)
