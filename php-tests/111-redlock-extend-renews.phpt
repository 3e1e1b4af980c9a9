--TEST--
RedLock: extend() renews the lock on every master (PTTL rises to the new ttl) and returns the same resource and token with a new validity
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$masters = array_map(fn($i) => inspector("m$i"), [1, 2, 3, 4, 5]);
$rl = new RedLock(array_map(fn($p) => ['127.0.0.1', $p, 0.5], master_ports()));
$resource = unique_name('redlock-extend');

$lock = $rl->lock($resource, 2000);
foreach ($masters as $i => $m) {
    $pttl = $m->pttl($resource);
    echo "before m", $i + 1, ": ", var_export($pttl > 0 && $pttl <= 2000, true), "\n";
}
$ext = $rl->extend($lock, 60000);
var_dump(array_keys($ext));
var_dump($ext['resource'] === $resource, $ext['token'] === $lock['token']);
var_dump(is_int($ext['validity']) && $ext['validity'] > 2000 && $ext['validity'] < 60000);
foreach ($masters as $i => $m) {
    $pttl = $m->pttl($resource);
    echo "after m", $i + 1, ": ", var_export($m->get($resource) === $lock['token'], true), ' ',
        var_export($pttl > 50000 && $pttl <= 60000, true), "\n";
}
var_dump($rl->unlock($ext));
echo "left: ", array_sum(array_map(fn($m) => $m->exists($resource), $masters)), "\n";
?>
--EXPECT--
before m1: true
before m2: true
before m3: true
before m4: true
before m5: true
array(3) {
  [0]=>
  string(8) "validity"
  [1]=>
  string(8) "resource"
  [2]=>
  string(5) "token"
}
bool(true)
bool(true)
bool(true)
after m1: true true
after m2: true true
after m3: true true
after m4: true true
after m5: true true
bool(true)
left: 0
