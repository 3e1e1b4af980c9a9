--TEST--
RedLock: a master frozen with SIGSTOP costs one node timeout: lock() is granted by the other four and returns well within 1 s
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
ini_set('redislock.node_timeout', '50');
$frozen = new TestServer();
$pid = $frozen->pid();
// However the test ends (exception, fatal error, exit), the server must run again.
register_shutdown_function(fn() => posix_kill($pid, SIGCONT));
[$p1, $p2, $p3, $p4] = master_ports();
$masters = array_map(fn($i) => inspector("m$i"), [1, 2, 3, 4]);
$resource = unique_name('redlock-frozen');

// No timeout in the entries: redislock.node_timeout (50 ms) applies to each master.
$rl = new RedLock([['127.0.0.1', $p1], ['127.0.0.1', $frozen->port], ['127.0.0.1', $p2],
    ['127.0.0.1', $p3], ['127.0.0.1', $p4]], 10, 1);
try {
    var_dump(posix_kill($pid, SIGSTOP));
    $t = microtime(true);
    $lock = $rl->lock($resource, 10000);
    $elapsed = microtime(true) - $t;
    var_dump(is_array($lock) && $lock['validity'] > 0 && $lock['validity'] < 10000);
    var_dump($elapsed < 1.0);   // hang bound: 20x the 50 ms node timeout
    foreach ($masters as $i => $m) {
        echo "m", $i + 1, ": ", var_export($m->get($resource) === $lock['token'], true), "\n";
    }
    var_dump($rl->unlock($lock));   // 4 of 5 confirm
    // The node really was frozen: a PING gets no answer within 200 ms.
    $c = stream_socket_client("tcp://127.0.0.1:{$frozen->port}", $errno, $errstr, 1.0);
    fwrite($c, "PING\r\n");
    $read = [$c];
    $w = $e = null;
    echo "frozen node answers: ", stream_select($read, $w, $e, 0, 200000) > 0 ? 'yes' : 'no', "\n";
} finally {
    posix_kill($pid, SIGCONT);
}
echo "left: ", array_sum(array_map(fn($m) => $m->exists($resource), $masters)), "\n";
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
m1: true
m2: true
m3: true
m4: true
bool(true)
frozen node answers: no
left: 0
