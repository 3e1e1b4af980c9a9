--TEST--
RedLock: a resource held by one RedLock object is refused to another after its retries; the holder's keys stay untouched
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$masters = array_map(fn($i) => inspector("m$i"), [1, 2, 3, 4, 5]);
$servers = array_map(fn($p) => "redis://127.0.0.1:$p", master_ports());
$resource = unique_name('redlock-held');

$holder = new RedLock($servers);
$lock = $holder->lock($resource, 30000);
var_dump(is_array($lock));

$other = new RedLock($servers, 50, 2);
$t = microtime(true);
var_dump($other->lock($resource, 30000));
$elapsed = (microtime(true) - $t) * 1000;
// Two attempts with one pause of [25, 50] ms between them.
var_dump($elapsed >= 25);
var_dump($elapsed < 2000);   // hang bound only (expected about 50 ms)

foreach ($masters as $i => $m) {
    $pttl = $m->pttl($resource);
    echo "m", $i + 1, ": ", var_export($m->get($resource) === $lock['token'], true), ' ',
        var_export($pttl > 20000, true), "\n";
}
var_dump($holder->unlock($lock));
// Free again: the other object gets it now.
$lock2 = $other->lock($resource, 30000);
var_dump(is_array($lock2) && $lock2['token'] !== $lock['token']);
var_dump($other->unlock($lock2));
?>
--EXPECT--
bool(true)
bool(false)
bool(true)
bool(true)
m1: true true
m2: true true
m3: true true
m4: true true
m5: true true
bool(true)
bool(true)
bool(true)
