<?php
/**
 * The framework-faces benchmark (scripts/bench-faces.sh starts the redis-server and runs this):
 * Symfony's LockFactory over RedisLockStore vs over Symfony's RedisStore (phpredis), and a
 * Laravel lock from RedisLockStore vs Laravel's own Illuminate\Cache\RedisLock (phpredis), each
 * used the way the framework's documentation shows.
 *   php bench/faces.php PORT OUT.json OUT.md [--quick]
 * 1. Uncontended: acquire + release cycles per second on one name, one fresh process per round,
 *    the implementations alternated (the order rotates every round); median of the rounds.
 * 2. Contended: 8 processes started together, each `cycles` blocking acquires (Symfony
 *    acquire(true), Laravel block(10)) around a 1 ms read-pause-write of a counter, 2 ms apart;
 *    the wait of every acquire, p50/p99/max over all rounds; the counter must be exact.
 * Exit status 1 when a counter was not exact (two holders at once), 2 when a worker failed.
 */
declare(strict_types=1);

[, $port, $outJson, $outMd] = $argv;
$quick = in_array('--quick', $argv, true);
$impls = [
    'sf-redislock' => 'Symfony LockFactory + RedisLockStore (this package)',
    'sf-redisstore' => 'Symfony LockFactory + RedisStore (phpredis)',
    'lv-redislock' => 'Laravel lock from RedisLockStore (this package)',
    'lv-redis' => 'Laravel Illuminate\\Cache\\RedisLock (phpredis)',
];
$cfg = [
    'uncontended' => ['rounds' => $quick ? 1 : 5, 'seconds' => $quick ? 0.3 : 1.0, 'warm_cycles' => 50],
    'contended' => ['rounds' => $quick ? 1 : 3, 'procs' => 8, 'cycles' => $quick ? 5 : 25, 'cs_us' => 1000, 'outside_us' => 2000],
];
$so = getenv('REDISLOCK_SO') ?: throw new RuntimeException('REDISLOCK_SO not set');
$redis = new Redis();
$redis->connect('127.0.0.1', (int) $port, 1.0, null, 0, 1.0);
$status = 0;

function worker_cmd(string $so, string $impl, string $scenario, string $name, string $port, array $params): string
{
    return implode(' ', array_map('escapeshellarg', [PHP_BINARY, '-d', "extension=$so", __DIR__ . '/faces_worker.php',
        $impl, $scenario, $name, $port, json_encode($params)])) . ' 2>&1';
}

function pct(array $sorted, float $p): int
{
    return $sorted === [] ? 0 : $sorted[min(count($sorted) - 1, (int) ceil($p * count($sorted)) - 1)];
}

function median(array $xs): float
{
    sort($xs);
    $n = count($xs);
    return $n === 0 ? 0.0 : ($n % 2 ? $xs[intdiv($n, 2)] : ($xs[$n / 2 - 1] + $xs[$n / 2]) / 2);
}

$names = array_keys($impls);
$result = ['started' => date('c'), 'php' => PHP_VERSION, 'config' => $cfg, 'impls' => []];
foreach ($names as $impl) {
    $result['impls'][$impl] = ['label' => $impls[$impl], 'rates' => [], 'waits_us' => [], 'counter_ok' => true, 'contended_s' => []];
}

// 1. Uncontended, alternated.
for ($r = 0; $r < $cfg['uncontended']['rounds']; $r++) {
    $order = array_merge(array_slice($names, $r % 4), array_slice($names, 0, $r % 4));
    foreach ($order as $impl) {
        $out = shell_exec(worker_cmd($so, $impl, 'uncontended', "faces:u:$impl:" . getmypid(), $port, $cfg['uncontended']));
        $j = json_decode(trim((string) $out), true);
        if (!is_array($j)) {
            fwrite(STDERR, "uncontended $impl failed: $out\n");
            $status = 2;
            continue;
        }
        $rate = $j['cycles'] / $j['seconds'];
        $result['impls'][$impl]['rates'][] = round($rate);
        fprintf(STDERR, "uncontended round %d %-14s %8.0f cycles/s\n", $r + 1, $impl, $rate);
    }
}

// 2. Contended, alternated.
$c = $cfg['contended'];
for ($r = 0; $r < $c['rounds']; $r++) {
    $order = array_merge(array_slice($names, $r % 4), array_slice($names, 0, $r % 4));
    foreach ($order as $impl) {
        $name = "faces:c:$impl:$r:" . getmypid();
        $redis->set("$name:n", '0');
        $params = $c + ['start_at' => microtime(true) + 0.5];
        $procs = [];
        $t = microtime(true);
        for ($i = 0; $i < $c['procs']; $i++) {
            $procs[] = popen(worker_cmd($so, $impl, 'contended', $name, $port, $params), 'r');
        }
        foreach ($procs as $proc) {
            $out = stream_get_contents($proc);
            pclose($proc);
            $j = json_decode(trim((string) $out), true);
            if (!is_array($j)) {
                fwrite(STDERR, "contended $impl failed: $out\n");
                $status = 2;
                continue;
            }
            array_push($result['impls'][$impl]['waits_us'], ...$j['waits_us']);
        }
        $elapsed = microtime(true) - $t - 0.5;
        $n = (int) $redis->get("$name:n");
        $redis->del("$name:n");
        if ($n !== $c['procs'] * $c['cycles']) {
            $result['impls'][$impl]['counter_ok'] = false;
            $status = 1;
        }
        $result['impls'][$impl]['contended_s'][] = round($elapsed, 2);
        fprintf(STDERR, "contended round %d %-14s counter %d/%d, %.1f s\n", $r + 1, $impl, $n, $c['procs'] * $c['cycles'], $elapsed);
    }
}

$rows = [];
foreach ($result['impls'] as $impl => &$x) {
    $w = $x['waits_us'];
    sort($w);
    $x['uncontended_median'] = round(median($x['rates']));
    $x['wait_p50_ms'] = round(pct($w, 0.50) / 1000, 2);
    $x['wait_p99_ms'] = round(pct($w, 0.99) / 1000, 2);
    $x['wait_max_ms'] = round(($w === [] ? 0 : end($w)) / 1000, 2);
    $x['acquires'] = count($w);
    unset($x['waits_us']);
    $rows[] = sprintf('| %s | %s | %s | %s | %s | %s | %s | %s |', $x['label'], number_format($x['uncontended_median']),
        implode(', ', array_map('number_format', $x['rates'])), $x['wait_p50_ms'], $x['wait_p99_ms'], $x['wait_max_ms'],
        $x['counter_ok'] ? 'exact' : '**WRONG**', implode(', ', $x['contended_s']));
}
unset($x);
file_put_contents($outJson, json_encode($result, JSON_PRETTY_PRINT) . "\n");
$md = "Framework faces, PHP {$result['php']}, {$result['started']}" . (getenv('BENCH_PINNING') ? ' (' . getenv('BENCH_PINNING') . ')' : '') . "\n\n"
    . "| implementation | uncontended cycles/s (median) | per round | contended wait p50 ms | p99 ms | max ms | counter | contended round s |\n"
    . "|---|---:|---|---:|---:|---:|---|---|\n" . implode("\n", $rows) . "\n\n"
    . sprintf("Uncontended: %d alternated rounds of %.1f s, a fresh process each. Contended: %d rounds, %d processes x %d blocking acquires, 1 ms critical section, 2 ms between; waits over all rounds (%d acquires per implementation).\n",
        $cfg['uncontended']['rounds'], $cfg['uncontended']['seconds'], $c['rounds'], $c['procs'], $c['cycles'], $c['rounds'] * $c['procs'] * $c['cycles']);
file_put_contents($outMd, $md);
echo $md;
exit($status);
