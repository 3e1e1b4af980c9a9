--TEST--
Concurrency on 5 masters: 8 processes x 50 non-atomic increments between RedLock lock()/unlock() lose no update
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$masters = array_map(fn($i) => inspector("m$i"), [1, 2, 3, 4, 5]);
$resource = unique_name('redlock-counter-lock');
$counter = 'redlock-test:counter:' . $resource;
$go = 'redlock-test:go:' . $resource;
$r->del($counter, $go);

// Workers (fixtures/counter_worker.php) do GET, usleep(200), SET on the main server, each
// increment under a RedLock on m1..m5 (retryCount 10000, retryDelay 5).
$cmd = php_cmd() . ' ' . escapeshellarg(__DIR__ . '/fixtures/counter_worker.php') . ' '
    . implode(' ', array_map('escapeshellarg', [(string) test_port(), $counter, $resource, $go, 'lock', '50',
        implode(',', master_ports())]));
$procs = [];
$pipes = [];
for ($i = 0; $i < 8; $i++) {
    $procs[$i] = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes[$i]);
}
// Start barrier: every worker is connected and waiting before any of them starts.
$ready = 0;
foreach ($pipes as $p) {
    if (fgets($p[1]) === "ready\n") {
        $ready++;
    }
}
echo "ready: $ready\n";
$r->set($go, '1');

foreach ($procs as $i => $proc) {
    $out = stream_get_contents($pipes[$i][1]);
    $err = stream_get_contents($pipes[$i][2]);
    $code = proc_close($proc);
    echo "worker $i: ", trim($out), $err !== '' ? " stderr: $err" : '', " exit $code\n";
}
var_dump($r->get($counter));
// Every lock was released on every master.
echo "left: ", array_sum(array_map(fn($m) => $m->exists($resource), $masters)), "\n";
$r->del($counter, $go);
?>
--EXPECT--
ready: 8
worker 0: successes=50 failures=0 exit 0
worker 1: successes=50 failures=0 exit 0
worker 2: successes=50 failures=0 exit 0
worker 3: successes=50 failures=0 exit 0
worker 4: successes=50 failures=0 exit 0
worker 5: successes=50 failures=0 exit 0
worker 6: successes=50 failures=0 exit 0
worker 7: successes=50 failures=0 exit 0
string(3) "400"
left: 0
