--TEST--
RedisLock with several redislock.servers (a quorum): a server whose TCP connect hangs costs only its vote; acquireLock() is granted by the other two without waiting out redislock.node_timeout, and releaseLock() confirms
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$hang = new FakeServer('hang-connect');
[$p1, $p2] = master_ports();
$masters = [inspector('m1'), inspector('m2')];
ini_set('redislock.servers', "redis://127.0.0.1:$p1,{$hang->url()},redis://127.0.0.1:$p2");
ini_set('redislock.node_timeout', '1500');   // below a tenth of the 20 s lock timeout
$name = unique_name('quorum-ini-hang');

$t = microtime(true);
$id = RedisLock::acquireLock($name, 0, 20);
$elapsed = microtime(true) - $t;
var_dump(is_string($id));
var_dump($elapsed < 0.75);   // far below the hanging server's 1.5 s
foreach ($masters as $i => $m) {
    echo "m", $i + 1, ": ", var_export($m->get(lock_key($name)) === $id, true), "\n";
}
$t = microtime(true);
var_dump(RedisLock::releaseLock($name, $id));
var_dump(microtime(true) - $t < 0.75);
echo "left: ", array_sum(array_map(fn($m) => $m->exists(lock_key($name)), $masters)), "\n";
?>
--EXPECT--
bool(true)
bool(true)
m1: true
m2: true
bool(true)
bool(true)
left: 0
