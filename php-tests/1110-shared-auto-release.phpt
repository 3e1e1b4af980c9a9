--TEST--
Shared locks: with redislock.auto_release=1 a read lock (and a downgraded one) a child process did not release is released when it ends, so a writer gets the name at once
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$name = unique_name('shared-auto-release');
echo child_php(['redislock.servers' => test_url(), 'redislock.auto_release' => 1],
    '$id = RedisLock::acquireShared(' . var_export($name, true) . ', 0, 60); echo is_string($id) ? "read\n" : "no\n";'), "";
$w = RedisLock::acquireLock($name, 0, 10);
var_dump(is_string($w));
RedisLock::releaseLock($name, $w);
echo child_php(['redislock.servers' => test_url(), 'redislock.auto_release' => 1],
    '$n = ' . var_export($name, true) . '; $id = RedisLock::acquireLock($n, 0, 60); var_dump(RedisLock::downgradeLock($n, $id, 60));');
$w = RedisLock::acquireLock($name, 0, 10);
var_dump(is_string($w));
RedisLock::releaseLock($name, $w);
?>
--EXPECT--
read
bool(true)
bool(true)
bool(true)
