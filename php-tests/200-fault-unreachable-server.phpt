--TEST--
Fault: a server with nothing listening makes acquireLock and releaseLock throw RedisLockException naming 127.0.0.1:PORT, at once
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$port = free_port();   // bound and closed again: nothing listens there
$s = @fsockopen('127.0.0.1', $port, $errno, $errstr, 1.0);
var_dump($s === false);
ini_set('redislock.servers', "redis://127.0.0.1:$port");
$name = unique_name('unreachable');

$calls = [
    'acquireLock' => fn() => RedisLock::acquireLock($name, 0),
    'releaseLock' => fn() => RedisLock::releaseLock($name, str_repeat('a', 32)),
];
foreach ($calls as $what => $call) {
    $t = microtime(true);
    try {
        var_dump($call());
    } catch (RedisLockException $e) {
        echo $what, ': ', get_class($e), "\n";
        var_dump($e instanceof RuntimeException);
        var_dump(str_contains($e->getMessage(), "127.0.0.1:$port"));
        echo str_replace((string) $port, 'PORT', $e->getMessage()), "\n";
    }
    // Hang bound only: refused is immediate; connect_timeout is 1000 ms, so 10 s is 10x that.
    var_dump(microtime(true) - $t < 10.0);
}
?>
--EXPECT--
bool(true)
acquireLock: RedisLockException
bool(true)
bool(true)
Redis server 127.0.0.1:PORT: Connection refused (os error 111)
bool(true)
releaseLock: RedisLockException
bool(true)
bool(true)
Redis server 127.0.0.1:PORT: Connection refused (os error 111)
bool(true)
