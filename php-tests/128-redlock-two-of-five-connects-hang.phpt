--TEST--
RedLock: two of five masters whose TCP connects hang (2 s timeouts of their own) cost only their votes: lock() is granted by the other three without waiting for them, and unlock() confirms
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$hangA = new FakeServer('hang-connect');
$hangB = new FakeServer('hang-connect');
[$p1, $p2, $p3] = master_ports();
$masters = [inspector('m1'), inspector('m2'), inspector('m3')];
$resource = unique_name('redlock-hang-two');
$rl = new RedLock([['127.0.0.1', $hangA->port, 2.0], ['127.0.0.1', $p1, 2.0], ['127.0.0.1', $p2, 2.0],
    ['127.0.0.1', $hangB->port, 2.0], ['127.0.0.1', $p3, 2.0]], 10, 1);

$t = microtime(true);
$lock = $rl->lock($resource, 30000);
$elapsed = microtime(true) - $t;
var_dump(is_array($lock) && $lock['validity'] > 0 && $lock['validity'] < 30000);
var_dump($elapsed < 1.0);   // far below the hanging masters' 2 s
foreach ($masters as $i => $m) {
    echo "m", $i + 1, ": ", var_export($m->get($resource) === $lock['token'], true), "\n";
}
$t = microtime(true);
var_dump($rl->unlock($lock));   // 3 of 5 confirm
var_dump(microtime(true) - $t < 1.0);
echo "left: ", array_sum(array_map(fn($m) => $m->exists($resource), $masters)), "\n";
?>
--EXPECT--
bool(true)
bool(true)
m1: true
m2: true
m3: true
bool(true)
bool(true)
left: 0
