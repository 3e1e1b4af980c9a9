--TEST--
Fault: an invalid redislock.node_timeout given at startup (-d) does not break single-server RedisLock, which never reads it; a quorum (several redislock.servers, a RedLock) reports it as RedisLockException naming the setting
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('bad-node-timeout');
$single = 'try { $id = RedisLock::acquireLock("' . $name . '", 0);'
    . ' echo is_string($id) ? "acquired\n" : "not acquired\n";'
    . ' echo var_export(RedisLock::releaseLock("' . $name . '", $id), true), "\n"; }'
    . ' catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }';
foreach (['abc', '0', '60001', ''] as $value) {
    echo "node_timeout '$value': ", str_replace("\n", ' ', trim(child_php(
        ['redislock.servers' => test_url(), 'redislock.node_timeout' => $value], $single))), "\n";
}
var_dump($r->exists(lock_key($name)));

// A quorum does read it.
[$p1, $p2, $p3] = master_ports();
$quorum = 'try { var_dump(RedisLock::acquireLock("q", 0)); }'
    . ' catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }'
    . ' try { new RedLock(["redis://127.0.0.1:' . $p1 . '"]); echo "constructed\n"; }'
    . ' catch (Throwable $e) { echo get_class($e), ": ", $e->getMessage(), "\n"; }';
echo child_php(['redislock.servers' => "redis://127.0.0.1:$p1,redis://127.0.0.1:$p2,redis://127.0.0.1:$p3",
    'redislock.node_timeout' => 'abc'], $quorum);
?>
--EXPECT--
node_timeout 'abc': acquired true
node_timeout '0': acquired true
node_timeout '60001': acquired true
node_timeout '': acquired true
int(0)
RedisLockException: invalid redislock.node_timeout 'abc': expected milliseconds from 1 to 60000
RedisLockException: invalid redislock.node_timeout 'abc': expected milliseconds from 1 to 60000
