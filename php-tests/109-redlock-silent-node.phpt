--TEST--
RedLock: a master that accepts connections and never answers is a missing vote: lock() is granted by the others within 10x its node timeout
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
// Listens, never accepts, never answers: the kernel completes the TCP handshake from the backlog.
$silent = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) substr(strrchr(stream_socket_get_name($silent, false), ':'), 1);
[$p1, $p2] = master_ports();
$masters = array_map(fn($i) => inspector("m$i"), [1, 2]);
$resource = unique_name('redlock-silent');

// Three masters, the silent one with a 50 ms timeout of its own (the quorum is the other two).
$rl = new RedLock([['127.0.0.1', $p1, 0.5], ['127.0.0.1', $port, 0.05], ['127.0.0.1', $p2, 0.5]], 10, 1);
$t = microtime(true);
$lock = $rl->lock($resource, 10000);
$elapsed = microtime(true) - $t;
var_dump(is_array($lock) && $lock['validity'] > 0 && $lock['validity'] < 10000);
var_dump($elapsed < 1.0);   // hang bound: 20x the silent node's 50 ms
foreach ($masters as $i => $m) {
    echo "m", $i + 1, ": ", var_export($m->get($resource) === $lock['token'], true), "\n";
}
// The SET did reach the silent node: it is waiting in the backlog, unanswered.
$c = stream_socket_accept($silent, 1);
stream_set_timeout($c, 1);
$seen = '';
while (!str_contains($seen, $resource) && ($chunk = fread($c, 8192)) !== false && $chunk !== '') {
    $seen .= $chunk;
}
var_dump(str_contains($seen, "SET\r\n") && str_contains($seen, $lock['token']));
var_dump($rl->unlock($lock));
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
