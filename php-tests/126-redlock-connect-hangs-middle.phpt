--TEST--
RedLock: a master whose TCP connect hangs (middle of 3, 2 s timeout of its own) costs only its vote: lock() is granted by the other two without waiting for it, and unlock() confirms
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$hang = new FakeServer('hang-connect');
[$p1, $p2] = master_ports();
$masters = [inspector('m1'), inspector('m2')];
$resource = unique_name('redlock-hang-middle');
$entries = [['127.0.0.1', $p1, 2.0], ['127.0.0.1', $p2, 2.0]];
array_splice($entries, 1, 0, [['127.0.0.1', $hang->port, 2.0]]);
$rl = new RedLock($entries, 10, 1);

// A 30 s ttl allows each master up to 3 s; the hanging one has 2 s. The other two answer in
// milliseconds: once they said yes, the hanging connect gets a short grace and is abandoned.
$t = microtime(true);
$lock = $rl->lock($resource, 30000);
$elapsed = microtime(true) - $t;
var_dump(is_array($lock) && $lock['validity'] > 0 && $lock['validity'] < 30000);
var_dump($elapsed < 1.0);   // far below the hanging master's 2 s
foreach ($masters as $i => $m) {
    echo "m", $i + 1, ": ", var_export($m->get($resource) === $lock['token'], true), "\n";
}
$t = microtime(true);
var_dump($rl->unlock($lock));   // 2 of 3 confirm
var_dump(microtime(true) - $t < 1.0);
echo "left: ", array_sum(array_map(fn($m) => $m->exists($resource), $masters)), "\n";
?>
--EXPECT--
bool(true)
bool(true)
m1: true
m2: true
bool(true)
bool(true)
left: 0
