--TEST--
Cluster: a slot moved (IMPORTING/MIGRATING, MIGRATE, NODE) while four processes contend for a lock in it: no call fails, ASK/TRYAGAIN and MOVED are followed, the counter the lock guards is exact (the processes contend until the move is over); the same run with the lock bypassed loses updates
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/cluster.inc';
$c = new TestCluster();
$tag = 'moving-' . getmypid();
$name = "{{$tag}}:stock";
$slot = $c->slotOf(lock_key($name));
$from = $c->masterOfSlot($slot);
$to = array_values(array_filter($c->masters(), fn($p) => $p !== $from))[0];
// Keys that stay in the slot while it moves, so the move takes a while.
for ($i = 0; $i < 40; $i++) {
    $c->client($from)->set(lock_key("{{$tag}}:parked$i"), 'x');
}

function run_children(TestCluster $c, string $name, bool $locked, callable $during): array
{
    $file = tempnam(sys_get_temp_dir(), 'cluster-counter');
    file_put_contents($file, '0');
    $stop = "$file.stop";
    // The children go on until the parent says stop (after the move), so the move always
    // happens while they contend, however fast they are; each says how many increments it made.
    $code = <<<'PHP'
[$file, $name, $locked, $stop] = [$argv[1], $argv[2], $argv[3] === '1', $argv[4]];
$failed = 0;
$done = 0;
for ($i = 0; ($i < 50 || !file_exists($stop)) && $i < 100000; $i++) {
    try {
        $id = $locked ? RedisLock::acquireLock($name, 5, 5) : 'bypassed';
        if ($id === false) { $failed++; continue; }
        $n = (int) file_get_contents($file);
        usleep(200);
        file_put_contents($file, (string) ($n + 1));
        $done++;
        if ($locked && !RedisLock::releaseLock($name, $id)) { $failed++; }
    } catch (Throwable $e) {
        $failed++;
        fwrite(STDERR, $e->getMessage() . "\n");
    }
}
ob_start(); phpinfo(INFO_MODULES); $info = ob_get_clean();
if (!preg_match('/redirections followed: (\d+) MOVED, (\d+) ASK, (\d+) TRYAGAIN/', $info, $m)) {
    $m = [0, 0, 0, 0]; // the control never asked the cluster
}
echo "$failed {$m[1]} {$m[2]} {$m[3]} $done";
PHP;
    $kids = [];
    for ($k = 0; $k < 4; $k++) {
        $kids[] = popen(php_cmd() . ' -d ' . escapeshellarg('redislock.servers=' . $c->url()) . ' -r ' . escapeshellarg($code)
            . ' ' . escapeshellarg($file) . ' ' . escapeshellarg($name) . ' ' . ($locked ? '1' : '0')
            . ' ' . escapeshellarg($stop) . ' 2>&1', 'r');
    }
    usleep(300000);
    $during();
    usleep(300000);
    touch($stop);
    $sum = [0, 0, 0, 0, 0];
    foreach ($kids as $p) {
        $out = trim(stream_get_contents($p));
        pclose($p);
        $parts = explode(' ', substr($out, strrpos($out, "\n") === false ? 0 : strrpos($out, "\n") + 1));
        if (count($parts) !== 5) {
            echo "child said: $out\n";
            continue;
        }
        foreach ($parts as $i => $v) {
            $sum[$i] += (int) $v;
        }
    }
    $count = (int) file_get_contents($file);
    unlink($file);
    @unlink($stop);
    return [$count, $sum];
}

$t = 0.0;
[$count, [$failed, $moved, $ask, $again, $done]] = run_children($c, $name, true, function () use ($c, $slot, $to, &$t) {
    $start = microtime(true);
    $c->moveSlot($slot, $to, 2, 10000);
    $t = microtime(true) - $start;
});
echo 'locked: counter ', $count === $done && $done >= 200 ? 'equals the increments made' : "$count of $done", ", failed calls $failed\n";
var_dump($moved > 0, $ask + $again > 0);
var_dump($c->masterOfSlot($slot) === $to, $c->client($to)->get(lock_key("{{$tag}}:parked7")));
file_put_contents('/tmp/redislock-cluster-measurements.log', sprintf("%s phpt slot move: %.3f s, 4 processes, %d locked increments, %d failed, MOVED %d ASK %d TRYAGAIN %d\n",
    date('c'), $t, $done, $failed, $moved, $ask, $again), FILE_APPEND);

// The control: the same contention with the lock bypassed loses updates.
[$count, $sums] = run_children($c, $name, false, fn() => null);
var_dump($count < $sums[4]);
?>
--EXPECT--
locked: counter equals the increments made, failed calls 0
bool(true)
bool(true)
bool(true)
string(1) "x"
bool(true)
