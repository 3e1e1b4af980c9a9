--TEST--
Concurrency: 8 processes x 50 non-atomic increments inside acquireLock/releaseLock lose no update
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('counter-lock');
$counter = 'redislock-test:counter:' . $name;
$go = 'redislock-test:go:' . $name;
$r->del($counter, $go);

// Workers (fixtures/counter_worker.php) do GET, usleep(200), SET under the lock.
$cmd = php_cmd() . ' ' . escapeshellarg(__DIR__ . '/fixtures/counter_worker.php') . ' '
    . implode(' ', array_map('escapeshellarg', [(string) test_port(), $counter, $name, $go, 'lock', '50']));
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
var_dump($r->exists(lock_key($name)));   // every lock was released
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
int(0)
