--TEST--
Concurrency (control for 300): the same 8 workers with the lock bypassed lose updates
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('counter-nolock');
$counter = 'redislock-test:counter:' . $name;
$go = 'redislock-test:go:' . $name;
$r->del($counter, $go);

// The worker of test 300, told to skip acquireLock/releaseLock: GET, usleep(200), SET unguarded.
$cmd = php_cmd() . ' ' . escapeshellarg(__DIR__ . '/fixtures/counter_worker.php') . ' '
    . implode(' ', array_map('escapeshellarg', [(string) test_port(), $counter, $name, $go, 'nolock', '50']));
$procs = [];
$pipes = [];
for ($i = 0; $i < 8; $i++) {
    $procs[$i] = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes[$i]);
}
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
var_dump($count < 400);                  // 400 increments ran, some were overwritten
var_dump($r->exists(lock_key($name)));   // the lock was never taken
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
int(0)
