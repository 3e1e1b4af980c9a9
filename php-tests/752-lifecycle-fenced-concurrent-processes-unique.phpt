--TEST--
Lifecycle: 4 processes x 500 acquireFenced()/releaseLock() cycles (acquire_time 5) on one lock, started together: each process's fences strictly increase, the 2,000 fences are all distinct and are exactly 1..2000 (fresh counter), and a non-atomic increment under the lock loses nothing
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('fenced-conc');
$counter = '{' . lock_key($name) . '}:fence';
$go = "$name:go";
$shared = "$name:shared";

$code = <<<'PHP'
[$port, $name, $go, $shared, $n] = [(int) $argv[1], $argv[2], $argv[3], $argv[4], (int) $argv[5]];
$r = new Redis();
$r->connect('127.0.0.1', $port, 2.0, null, 0, 2.0);
RedisLock::releaseLock($name, 'ffffffffffffffffffffffffffffffff');   // connect before the start
echo "ready\n";
while (!$r->exists($go)) {
    usleep(1000);
}
$fences = [];
$failures = 0;
for ($i = 0; $i < $n; $i++) {
    $f = RedisLock::acquireFenced($name, 5, 10);
    if ($f === false) {
        $failures++;
        continue;
    }
    $fences[] = $f['fence'];
    $v = (int) $r->get($shared);          // read, then write: only the lock keeps this exact
    $r->set($shared, (string) ($v + 1));
    if (!RedisLock::releaseLock($name, $f['identifier'])) {
        $failures++;
    }
}
echo "failures=$failures\n", implode(',', $fences), "\n";
PHP;
$cmd = php_cmd() . ' -d ' . escapeshellarg('redislock.servers=' . test_url()) . ' -r ' . escapeshellarg($code) . ' '
    . implode(' ', array_map('escapeshellarg', [(string) test_port(), $name, $go, $shared, '500']));
$procs = $pipes = [];
for ($i = 0; $i < 4; $i++) {
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

$all = [];
foreach ($procs as $i => $proc) {
    $status = trim((string) fgets($pipes[$i][1]));
    $fences = array_map('intval', array_filter(explode(',', trim((string) fgets($pipes[$i][1]))), 'strlen'));
    $err = stream_get_contents($pipes[$i][2]);
    $code = proc_close($proc);
    $increasing = true;
    for ($k = 1; $k < count($fences); $k++) {
        $increasing = $increasing && $fences[$k] > $fences[$k - 1];
    }
    echo "process $i: $status, fences ", count($fences), ", strictly increasing: ", var_export($increasing, true),
        $err !== '' ? ", stderr: $err" : '', ", exit $code\n";
    $all = array_merge($all, $fences);
}
$unique = array_unique($all);
sort($unique);
echo "fences: ", count($all), ", distinct: ", count($unique), ", min ", min($all), ", max ", max($all),
    ", exactly 1..2000: ", var_export($unique === range(1, 2000), true), "\n";
var_dump($r->get($counter), $r->get($shared), $r->exists(lock_key($name)));
$r->del($counter, $go, $shared);
?>
--EXPECT--
ready: 4
process 0: failures=0, fences 500, strictly increasing: true, exit 0
process 1: failures=0, fences 500, strictly increasing: true, exit 0
process 2: failures=0, fences 500, strictly increasing: true, exit 0
process 3: failures=0, fences 500, strictly increasing: true, exit 0
fences: 2000, distinct: 2000, min 1, max 2000, exactly 1..2000: true
string(4) "2000"
string(4) "2000"
int(0)
