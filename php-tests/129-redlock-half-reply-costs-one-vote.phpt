--TEST--
RedLock: a master that sends half a reply and stalls (2 s timeout of its own) costs only its vote: lock() is granted by the two timely masters without waiting for it
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$half = new FakeServer('half-stall');
[$p1, $p2] = master_ports();
$masters = [inspector('m1'), inspector('m2')];
$resource = unique_name('redlock-half');
$rl = new RedLock([['127.0.0.1', $p1, 2.0], ['127.0.0.1', $half->port, 2.0], ['127.0.0.1', $p2, 2.0]], 10, 1);

$t = microtime(true);
$lock = $rl->lock($resource, 30000);
$elapsed = microtime(true) - $t;
var_dump(is_array($lock) && $lock['validity'] > 0 && $lock['validity'] < 30000);
var_dump($elapsed < 1.0);   // far below the stalled master's 2 s
foreach ($masters as $i => $m) {
    echo "m", $i + 1, ": ", var_export($m->get($resource) === $lock['token'], true), "\n";
}
// The stalled master did get the request: its half reply is all it will ever send.
$c = stream_socket_client("tcp://127.0.0.1:{$half->port}", $errno, $errstr, 1.0);
fwrite($c, "PING\r\n");
stream_set_timeout($c, 0, 300000);
var_dump(fread($c, 100));
var_dump($rl->unlock($lock));   // 2 of 3 confirm
echo "left: ", array_sum(array_map(fn($m) => $m->exists($resource), $masters)), "\n";
?>
--EXPECT--
bool(true)
bool(true)
m1: true
m2: true
string(3) "+PO"
bool(true)
left: 0
