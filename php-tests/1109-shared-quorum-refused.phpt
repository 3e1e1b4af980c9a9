--TEST--
Shared locks: with several redislock.servers (a quorum) every shared-lock method throws RedisLockException saying they need one server, and writes nothing
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', implode(',', array_map(fn($p) => "redis://127.0.0.1:$p", array_slice(master_ports(), 0, 3))));
$name = unique_name('shared-quorum');
foreach ([
    fn() => RedisLock::acquireShared($name, 0, 5),
    fn() => RedisLock::releaseShared($name, str_repeat('a', 32)),
    fn() => RedisLock::isHeldShared($name, str_repeat('a', 32)),
    fn() => RedisLock::extendShared($name, str_repeat('a', 32)),
    fn() => RedisLock::upgradeShared($name, str_repeat('a', 32), 0),
    fn() => RedisLock::downgradeLock($name, str_repeat('a', 32)),
] as $call) {
    try {
        var_dump($call());
    } catch (RedisLockException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
$keys = 0;
foreach ([1, 2, 3] as $i) {
    $keys += count(inspector("m$i")->keys('*' . $name . '*'));
}
echo "keys: $keys\n";
?>
--EXPECT--
RedisLockException: shared (read) locks need one Redis server, not a quorum of 3: independent sets of readers on several masters cannot be decided as one
RedisLockException: shared (read) locks need one Redis server, not a quorum of 3: independent sets of readers on several masters cannot be decided as one
RedisLockException: shared (read) locks need one Redis server, not a quorum of 3: independent sets of readers on several masters cannot be decided as one
RedisLockException: shared (read) locks need one Redis server, not a quorum of 3: independent sets of readers on several masters cannot be decided as one
RedisLockException: shared (read) locks need one Redis server, not a quorum of 3: independent sets of readers on several masters cannot be decided as one
RedisLockException: shared (read) locks need one Redis server, not a quorum of 3: independent sets of readers on several masters cannot be decided as one
keys: 0
