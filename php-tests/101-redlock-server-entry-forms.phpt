--TEST--
RedLock: servers as [host, port, timeout] arrays, [host, port] arrays and redis:// URLs, mixed in one array, all take part in the lock
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
[$p1, $p2, $p3, $p4, $p5] = master_ports();
$masters = array_map(fn($i) => inspector("m$i"), [1, 2, 3, 4, 5]);
$resource = unique_name('redlock-entry-forms');

$rl = new RedLock([
    ['127.0.0.1', $p1, 0.5],            // ronnylt's shape
    ['127.0.0.1', $p2],                 // no timeout: redislock.node_timeout
    "redis://127.0.0.1:$p3",
    ['127.0.0.1', (string) $p4, 0],     // port as a string, 0 = no timeout of its own
    "redis://127.0.0.1:$p5/0",
]);
$lock = $rl->lock($resource, 10000);
var_dump(is_array($lock));
// Every entry form is a master that got the token (a vote), not just a quorum of them.
foreach ($masters as $i => $m) {
    echo "m", $i + 1, ": ", var_export($m->get($resource) === $lock['token'], true), "\n";
}
var_dump($rl->unlock($lock));
echo "left: ", array_sum(array_map(fn($m) => $m->exists($resource), $masters)), "\n";
?>
--EXPECT--
bool(true)
m1: true
m2: true
m3: true
m4: true
m5: true
bool(true)
left: 0
