--TEST--
Shared locks: readers hold a name together, each with its own identifier; acquireLock() is refused while any reader holds it and succeeds once the last has left; nothing is left in Redis
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('shared-together');
$a = RedisLock::acquireShared($name, 0, 10);
$b = RedisLock::acquireShared($name, 0, 10);
var_dump(is_string($a) && preg_match('/^[0-9a-f]{32}$/', $a) === 1, is_string($b), $a !== $b);
var_dump(RedisLock::isHeldShared($name, $a), RedisLock::isHeldShared($name, $b));
var_dump(RedisLock::acquireLock($name, 0, 10));
var_dump(RedisLock::releaseShared($name, $a), RedisLock::releaseShared($name, $a));
var_dump(RedisLock::acquireLock($name, 0, 10));
var_dump(RedisLock::releaseShared($name, $b));
echo "keys left: ", count($r->keys('*' . $name . '*')), "\n";
$w = RedisLock::acquireLock($name, 0, 10);
var_dump(is_string($w), RedisLock::releaseLock($name, $w));
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
bool(true)
bool(false)
bool(false)
bool(true)
keys left: 0
bool(true)
bool(true)
