--TEST--
Lifecycle: synchronized() against an unreachable Redis throws RedisLockException itself (not the timeout subclass) without running the callback; when Redis dies during the callback, an exception the callback throws still comes out unchanged
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.timeout', '300');
ini_set('redislock.connect_timeout', '300');

$port = free_port();                                   // nothing listens there
ini_set('redislock.servers', "redis://127.0.0.1:$port");
$ran = false;
try {
    RedisLock::synchronized('job', function () use (&$ran) { $ran = true; }, 0.2, 5);
    echo "no exception\n";
} catch (RedisLockException $e) {
    echo get_class($e), ': ', str_replace((string) $port, 'PORT', $e->getMessage()), "\n";
}
var_dump($ran);

$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
$thrown = new LogicException('the callback failed');
try {
    RedisLock::synchronized('job', function () use ($srv, $thrown) {
        $srv->stop();                                  // the release that follows cannot reach Redis
        throw $thrown;
    }, 0, 5);
    echo "no exception\n";
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), ', same object: ', var_export($e === $thrown, true), "\n";
}
?>
--EXPECT--
RedisLockException: Redis server 127.0.0.1:PORT: Connection refused (os error 111)
bool(false)
LogicException: the callback failed, same object: true
