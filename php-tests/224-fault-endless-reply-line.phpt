--TEST--
Fault: a server sending a reply line that grows past 1 MiB without an end gives RedisLockException "exceeds" before the reply timeout, not a timeout
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$fake = new FakeServer('endless-line');
ini_set('redislock.servers', $fake->url());
ini_set('redislock.connect_timeout', '200');
ini_set('redislock.timeout', '1000');
$name = unique_name('endless-line');

$t = microtime(true);
try {
    var_dump(RedisLock::acquireLock($name, 0));
} catch (RedisLockException $e) {
    echo get_class($e), ': ', str_replace((string) $fake->port, 'PORT', $e->getMessage()), "\n";
}
// Hang bound only: a few milliseconds (the limit is hit as the bytes arrive); 5 s is well over 10x that.
var_dump(microtime(true) - $t < 5.0);

// The process goes on: the next lock, on a good server, works.
ini_set('redislock.servers', test_url());
$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && inspector()->get(lock_key($name)) === $id, RedisLock::releaseLock($name, $id));
?>
--EXPECTF--
RedisLockException: Redis server 127.0.0.1:PORT: unexpected reply: %sexceeds%s
bool(true)
bool(true)
bool(true)
