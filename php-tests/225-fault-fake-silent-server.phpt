--TEST--
Fault: a server that accepts the connection, reads the command and never answers gives RedisLockException "no reply within 200 ms" (redislock.timeout)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$fake = new FakeServer('silent');
ini_set('redislock.servers', $fake->url());
ini_set('redislock.connect_timeout', '200');
ini_set('redislock.timeout', '200');
$name = unique_name('silent');

$t = microtime(true);
try {
    var_dump(RedisLock::acquireLock($name, 0));
} catch (RedisLockException $e) {
    echo get_class($e), ': ', str_replace((string) $fake->port, 'PORT', $e->getMessage()), "\n";
}
// Hang bound only: one or two 200 ms timeouts (the acquire, then the release of a lock that may have been set); 5 s is well over 10x that.
var_dump(microtime(true) - $t < 5.0);

// The process goes on: the next lock, on a good server, works.
ini_set('redislock.servers', test_url());
$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && inspector()->get(lock_key($name)) === $id, RedisLock::releaseLock($name, $id));
?>
--EXPECT--
RedisLockException: Redis server 127.0.0.1:PORT: no reply within 200 ms
bool(true)
bool(true)
bool(true)
