--TEST--
Lifecycle: RedisLock::isHeld() is true while the lock is held under the identifier (for a string and an int name), and false once releaseLock() deleted it
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('isheld');
$num = random_int(1000000000, 2000000000);      // an int name no other test uses

$id = RedisLock::acquireLock($name, 0, 10);
var_dump(RedisLock::isHeld($name, $id));
var_dump(RedisLock::isHeld($name, $id));        // asking again changes nothing
var_dump($r->get(lock_key($name)) === $id);
var_dump(RedisLock::releaseLock($name, $id));
var_dump(RedisLock::isHeld($name, $id));
var_dump($r->exists(lock_key($name)));

$nid = RedisLock::acquireLock($num, 0, 10);
var_dump(RedisLock::isHeld($num, $nid), RedisLock::isHeld((string) $num, $nid));
var_dump(RedisLock::release($num, $nid));
var_dump(RedisLock::isHeld($num, $nid));
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
int(0)
bool(true)
bool(true)
bool(true)
bool(false)
