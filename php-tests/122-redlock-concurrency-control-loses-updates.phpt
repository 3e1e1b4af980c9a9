--TEST--
Concurrency on 5 masters (control for 121): the same 8 RedLock workers with the lock bypassed lose updates
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$masters = array_map(fn($i) => inspector("m$i"), [1, 2, 3, 4, 5]);
$resource = unique_name('redlock-counter-nolock');
$counter = 'redlock-test:counter:' . $resource;
$go = 'redlock-test:go:' . $resource;
$r->del($counter, $go);

// Workers (fixtures/counter_worker.php) do GET, usleep(200), SET on the main server, with
// the RedLock of test 121 bypassed.
$cmd = php_cmd() . ' ' . escapeshellarg(__DIR__ . '/fixtures/counter_worker.php') . ' '
    . implode(' ', array_map('escapeshellarg', [(string) test_port(), $counter, $resource, $go, 'nolock', '50',
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
$count = (int) $r->get($counter);
var_dump($count > 0);
var_dump($count < 400);      // 400 increments ran, some were overwritten
echo "left: ", array_sum(array_map(fn($m) => $m->exists($resource), $masters)), "\n";   // never locked
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
bool(true)
bool(true)
left: 0
