--TEST--
Fault: a server whose TCP connect hangs (listen backlog full: no SYN-ACK) gives RedisLockException "connect timed out after 200 ms" (redislock.connect_timeout)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$fake = new FakeServer('hang-connect');
// The fault is real on this machine: a plain connect does not complete within 300 ms.
$t = microtime(true);
$c = @stream_socket_client("tcp://127.0.0.1:{$fake->port}", $errno, $errstr, 0.3);
var_dump($c === false, microtime(true) - $t >= 0.29);

ini_set('redislock.servers', $fake->url());
ini_set('redislock.connect_timeout', '200');
ini_set('redislock.timeout', '200');
$name = unique_name('hang-connect');
$t = microtime(true);
try {
    var_dump(RedisLock::acquireLock($name, 0));
} catch (RedisLockException $e) {
    echo get_class($e), ': ', str_replace((string) $fake->port, 'PORT', $e->getMessage()), "\n";
}
// Hang bound only: one 200 ms connect timeout is expected; 5 s is well over 10x that.
var_dump(microtime(true) - $t < 5.0);

ini_set('redislock.servers', test_url());
$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && inspector()->get(lock_key($name)) === $id, RedisLock::releaseLock($name, $id));
?>
--EXPECT--
bool(true)
bool(true)
RedisLockException: Redis server 127.0.0.1:PORT: connect timed out after 200 ms
bool(true)
bool(true)
bool(true)
