--TEST--
Lifecycle: acquireFenced() with several servers in redislock.servers throws RedisLockException saying fencing needs one server, and writes nothing (no lock, no counter) on any of them; acquireLock() with the same setting still works
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$ports = array_slice(master_ports(), 0, 3);
ini_set('redislock.servers', implode(',', array_map(fn($p) => "redis://127.0.0.1:$p", $ports)));
$masters = array_map(fn($i) => inspector("m$i"), [1, 2, 3]);
$name = unique_name('fenced-quorum');
$key = lock_key($name);
$counter = '{' . $key . '}:fence';

foreach ([0, 0.2] as $wait) {
    try {
        var_dump(RedisLock::acquireFenced($name, $wait, 5));
    } catch (RedisLockException $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
        echo "mentions fencing: ", var_export(stripos($e->getMessage(), 'fenc') !== false, true), "\n";
    }
}
echo "on the masters: ", json_encode(array_map(fn($m) => $m->exists($key, $counter), $masters)), "\n";

$id = RedisLock::acquireLock($name, 0, 5);
echo "acquireLock on the quorum: ", json_encode(array_map(fn($m) => $m->get($key) === $id, $masters)), "\n";
var_dump(RedisLock::releaseLock($name, $id));
?>
--EXPECT--
RedisLockException: fencing tokens need one Redis server, not a quorum of 3: independent counters on several masters cannot give one strictly increasing sequence
mentions fencing: true
RedisLockException: fencing tokens need one Redis server, not a quorum of 3: independent counters on several masters cannot give one strictly increasing sequence
mentions fencing: true
on the masters: [0,0,0]
acquireLock on the quorum: [true,true,true]
bool(true)
