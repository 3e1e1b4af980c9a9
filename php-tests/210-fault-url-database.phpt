--TEST--
Fault: a database number in the URL (redis://host:port/3) puts the lock in that database, not in db 0
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
ini_set('redislock.servers', test_url() . '/3');
$r = inspector();
$name = unique_name('db3');

$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id));
$r->select(0);
var_dump($r->exists(lock_key($name)));
$r->select(3);
var_dump($r->get(lock_key($name)) === $id);
var_dump(RedisLock::releaseLock($name, $id));
var_dump($r->exists(lock_key($name)));
?>
--EXPECT--
bool(true)
int(0)
bool(true)
bool(true)
int(0)
