--TEST--
RedLock: lock() on five masters returns validity/resource/token, the token is the key's value on all five; unlock() deletes it everywhere
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$masters = array_map(fn($i) => inspector("m$i"), [1, 2, 3, 4, 5]);
$servers = array_map(fn($p) => ['127.0.0.1', $p, 0.5], master_ports());
$resource = unique_name('redlock-round-trip');

$rl = new RedLock($servers);
$lock = $rl->lock($resource, 10000);
var_dump(array_keys($lock));
var_dump(is_int($lock['validity']) && $lock['validity'] > 0 && $lock['validity'] < 10000);
var_dump($lock['resource'] === $resource);
var_dump((bool) preg_match('/^[0-9a-f]{32}$/D', $lock['token']));
foreach ($masters as $i => $m) {
    // The key is the resource itself (no prefix), holding the token, with the ttl in ms.
    $pttl = $m->pttl($resource);
    echo "m", $i + 1, ": ", var_export($m->get($resource) === $lock['token'], true), ' ',
        var_export($pttl > 9000 && $pttl <= 10000, true), "\n";
}
var_dump($rl->unlock($lock));
foreach ($masters as $i => $m) {
    echo "m", $i + 1, " exists: ", $m->exists($resource), "\n";
}
var_dump($rl->unlock($lock));   // nothing left to release
?>
--EXPECT--
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
m1: true true
m2: true true
m3: true true
m4: true true
m5: true true
bool(true)
m1 exists: 0
m2 exists: 0
m3 exists: 0
m4 exists: 0
m5 exists: 0
bool(false)
