--TEST--
RedLock: connecting to a master gets no more than redislock.connect_timeout, as in RedisLock's quorum (a hanging connect with connect_timeout 20 and node_timeout 400 is "connect timed out after 20 ms")
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
redislock.connect_timeout=20
redislock.node_timeout=400
--FILE--
<?php
require __DIR__ . '/redis.inc';
$hang = new FakeServer('hang-connect');
$rl = new RedLock([$hang->url()], 0, 1);
try {
    var_dump($rl->lock(unique_name('ct'), 10000));
} catch (RedisLockException $e) {
    echo str_replace((string) $hang->port, 'P', $e->getMessage()), "\n";
}
ini_set('redislock.servers', $hang->url() . ',redis://127.0.0.1:' . test_port('m1') . ',redis://127.0.0.1:' . test_port('m2'));
var_dump(is_string($id = RedisLock::acquireLock(unique_name('ct'), 0)));
?>
--EXPECT--
Redis server 127.0.0.1:P: connect timed out after 20 ms
bool(true)
