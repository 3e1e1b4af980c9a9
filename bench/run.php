<?php
/**
 * The side-by-side benchmark's coordinator. Run by scripts/bench.sh, which starts the
 * redis-servers and passes them in the environment:
 *   BENCH_MAIN=127.0.0.1:P  BENCH_MASTERS=127.0.0.1:P1,...,127.0.0.1:P5  REDISLOCK_SO=/path/libredislock.so
 *   php bench/run.php OUT.json [--quick] [--scenarios=1,3] [--only=redislock,floor]
 * Scenarios: 1 uncontended, 2 contended, 3 oversell, 4 Redlock on five masters, 5 dead holder
 * (TTL 1 s), 6 dead holder of a long job (TTL 30 s; redislock with its watchdog), 7 what
 * redislock's watchdog and acquireFenced() cost per uncontended cycle (redislock only).
 * Every measured process is a fresh `php worker.php ...` (bench/worker.php) with the extension
 * loaded, whatever it measures. Every scenario is bounded in count and in time.
 * Exit status: 1 if a lock let two holders in (counter mismatch, oversell, takeover before the
 * holder died); 2 if something could not be measured (an error in a worker); else 0.
 */
require __DIR__ . '/lib.php';

$out = $argv[1] ?? throw new InvalidArgumentException('usage: run.php OUT.json [--quick]');
$quick = in_array('--quick', $argv, true);
$only = null;           // development: --only=redislock,floor  --scenarios=1,3
$scenarios = [1, 2, 3, 4, 5, 6, 7];
foreach ($argv as $a) {
    if (str_starts_with($a, '--only=')) {
        $only = explode(',', substr($a, 7));
    }
    if (str_starts_with($a, '--scenarios=')) {
        $scenarios = array_map('intval', explode(',', substr($a, 12)));
    }
}

$main = parse_servers(getenv('BENCH_MAIN') ?: throw new RuntimeException('BENCH_MAIN not set'));
$masters = parse_servers(getenv('BENCH_MASTERS') ?: throw new RuntimeException('BENCH_MASTERS not set'));
$so = getenv('REDISLOCK_SO') ?: throw new RuntimeException('REDISLOCK_SO not set');
if (count($masters) !== 5) {
    throw new RuntimeException('BENCH_MASTERS must name 5 servers');
}

// Same timeouts as the extension: 1 s connect / 1 s reply on one server (redislock.connect_timeout,
// redislock.timeout), 50 ms per master on five (redislock.node_timeout).
const SINGLE_TIMEOUT_S = 1.0;
const NODE_TIMEOUT_S = 0.05;

$cfg = [
    'uncontended' => ['rounds' => 5, 'cycles' => 20000, 'seconds' => 1.0, 'warm_cycles' => 50, 'ttl_ms' => 10000, 'wait_ms' => 1000,
        'baseline_ops' => 5000],
    'contended' => ['rounds' => 3, 'procs' => 8, 'cycles' => 100, 'cs_us' => 1000, 'outside_us' => 2000, 'ttl_ms' => 10000, 'wait_ms' => 10000,
        'limit_s' => 45],
    'oversell' => ['initial_stock' => 100, 'procs' => 20, 'purchases' => 20, 'pause_us' => 1000, 'ttl_ms' => 5000, 'wait_ms' => 10000,
        'limit_s' => 45],
    'redlock' => ['rounds' => 3, 'cycles' => 5000, 'seconds' => 1.0, 'warm_cycles' => 20, 'ttl_ms' => 10000, 'wait_ms' => 1000,
        'frozen_cycles' => 20, 'frozen_seconds' => 10, 'frozen_master' => 3],
    'dead_holder' => ['trials' => 3, 'ttl_ms' => 1000, 'kill_after_ms' => 300, 'wait_ms' => 5000, 'limit_s' => 20],
    // A lock meant to cover a long job: every peer asks for the whole 30 s as its TTL (none has a
    // watchdog); redislock asks for lock_timeout 30 s with its watchdog on, so the key lives one
    // lease (1 s) and is renewed while the holder lives. The holder is killed as soon as it has it.
    'dead_holder_long' => ['trials' => 1, 'ttl_ms' => 30000, 'kill_after_ms' => 0, 'wait_ms' => 45000, 'limit_s' => 60,
        'redislock_ini' => ['redislock.watchdog' => '1', 'redislock.watchdog_lease' => '1000']],
    // redislock only: lock+unlock on distinct keys through RedisLock's API, the variants interleaved
    // in blocks within each process (a fresh one per round). lock_timeout 10 s, lease 1 s: every
    // lock of the watchdog variant is watched.
    'cost' => ['rounds' => 5, 'blocks' => 40, 'block_cycles' => 250, 'warm_cycles' => 50, 'lock_timeout_s' => 10, 'limit_s' => 120,
        'variants' => [
            'plain' => ['label' => 'acquireLock + releaseLock, watchdog off', 'variant' => 'acquireLock',
                'ini' => ['redislock.watchdog' => '0']],
            'watchdog' => ['label' => 'acquireLock + releaseLock, watchdog on (lease 1 s < lock_timeout 10 s: every lock watched)',
                'variant' => 'acquireLock', 'ini' => ['redislock.watchdog' => '1', 'redislock.watchdog_lease' => '1000']],
            'fenced' => ['label' => 'acquireFenced + releaseLock, watchdog off', 'variant' => 'acquireFenced',
                'ini' => ['redislock.watchdog' => '0']],
        ]],
];
if ($quick) {   // a short development run: same scenarios, fewer rounds and cycles
    $cfg['uncontended'] = array_merge($cfg['uncontended'], ['rounds' => 1, 'cycles' => 1000, 'seconds' => 0.5, 'baseline_ops' => 5000]);
    $cfg['contended'] = array_merge($cfg['contended'], ['rounds' => 1, 'cycles' => 30]);
    $cfg['oversell'] = array_merge($cfg['oversell'], ['purchases' => 10]);
    $cfg['redlock'] = array_merge($cfg['redlock'], ['rounds' => 1, 'cycles' => 300, 'seconds' => 0.5, 'frozen_cycles' => 5]);
    $cfg['dead_holder'] = array_merge($cfg['dead_holder'], ['trials' => 1]);
    $cfg['dead_holder_long'] = array_merge($cfg['dead_holder_long'], ['ttl_ms' => 5000, 'wait_ms' => 10000, 'limit_s' => 20]);
    $cfg['cost'] = array_merge($cfg['cost'], ['rounds' => 1, 'blocks' => 6]);
}

$tmp = __DIR__ . '/results/tmp';
@mkdir($tmp, 0777, true);
$log = "$tmp/workers.log";
file_put_contents($log, '');
$run = 'bench' . getmypid() . '-' . time();
$inspector = bench_phpredis($main[0][0], $main[0][1], SINGLE_TIMEOUT_S);
$impls = array_keys(IMPLS);
if ($only) {
    $impls = array_values(array_intersect($impls, $only));
}
$failures = [];     // correctness failures of locks: exit 1
$errors = [];       // could not measure: exit 2
$t0 = microtime(true);
$loadAtStart = sys_getloadavg();

function say(string $s): void
{
    fwrite(STDOUT, $s . "\n");
}

function servers_arg(array $servers): string
{
    return implode(',', array_map(fn ($s) => "$s[0]:$s[1]", $servers));
}

function spawn(string $impl, string $mode, array $servers, float $timeout, array $params): Worker
{
    global $so, $log;
    return new Worker([PHP_BINARY, '-d', "extension=$so", __DIR__ . '/worker.php', $impl, $mode,
        servers_arg($servers), (string) $timeout, json_encode($params)], $log);
}

/** @param Worker[] $ws */
function finish(array $ws): void
{
    foreach ($ws as $w) {
        $w->kill(9);
        $w->close();
    }
}

/**
 * Counts the commands clients send, per server, with MONITOR (which marks commands run inside a
 * Lua script as "lua", so those are counted apart). Used for a separate short pass, never while
 * timing: MONITOR slows Redis down.
 */
final class Monitor
{
    private array $socks = [];

    public function __construct(private array $servers)
    {
        foreach ($servers as [$host, $port]) {
            $s = stream_socket_client("tcp://$host:$port", $errno, $errstr, 1.0);
            if (!$s) {
                throw new RuntimeException("MONITOR connection: $errstr");
            }
            stream_set_timeout($s, 5);
            fwrite($s, "MONITOR\r\n");
            if (trim((string) fgets($s)) !== '+OK') {
                throw new RuntimeException('MONITOR refused');
            }
            $this->socks[] = $s;
        }
    }

    /** ['client' => [cmd => n], 'lua' => [cmd => n]] since construction, over all servers. */
    public function finish(): array
    {
        $sentinel = 'bench-sentinel-' . bin2hex(random_bytes(6));
        $counts = ['client' => [], 'lua' => []];
        foreach ($this->servers as $i => [$host, $port]) {
            $r = bench_phpredis($host, $port, 1.0);
            $r->echo($sentinel);
            $r->close();
            while (($line = fgets($this->socks[$i])) !== false) {
                if (str_contains($line, $sentinel)) {
                    break;
                }
                if (preg_match('/^\+[\d.]+ \[\d+ ([^\]]+)\] "([^"]+)"/', $line, $m)) {
                    $side = $m[1] === 'lua' ? 'lua' : 'client';
                    $cmd = strtolower($m[2]);
                    $counts[$side][$cmd] = ($counts[$side][$cmd] ?? 0) + 1;
                }
            }
            fclose($this->socks[$i]);
        }
        return $counts;
    }
}

/** Commands per lock+unlock cycle, from a short MONITOR pass of $cycles cycles in a fresh worker. */
function count_commands(string $impl, array $servers, float $timeout, array $p, int $cycles = 100, string $mode = 'uncontended'): array
{
    $w = spawn($impl, $mode, $servers, $timeout, ['cycles' => $cycles, 'seconds' => 20, 'warm_cycles' => 0, 'limit_s' => 30] + $p);
    try {
        expect_all([$w], 'ready', 20);
        $mon = new Monitor($servers);
        $w->send('go ' . hrtime(true));
        $n = json_decode(expect_all([$w], 'result', 25)[0], true)['cycles'];
        $c = $mon->finish();
    } finally {
        finish([$w]);
    }
    $per = fn (array $xs) => array_map(fn ($x) => round($x / $n, 2), $xs);
    ksort($c['client']);
    ksort($c['lua']);
    return ['sent' => round(array_sum($c['client']) / $n, 2), 'sent_by_command' => $per($c['client']),
        'run_inside_lua' => $per($c['lua'])];
}

/** Median over rounds of rate / the floor's rate in the same round (slow drifts of the machine cancel out). */
function ratio_to_floor(array $rounds, string $impl): ?float
{
    $r = [];
    foreach ($rounds[$impl] ?? [] as $k => $x) {
        $f = $rounds['floor'][$k]['rate'] ?? null;
        if (is_int($k) && $f) {
            $r[] = $x['rate'] / $f;
        }
    }
    return $r ? round(median($r), 3) : null;
}

function na_reason(string $impl, string $scenario, string $topology): ?string
{
    $def = IMPLS[$impl];
    if (!empty($def['control']) && !in_array($scenario, ['contended', 'oversell'], true)) {
        return 'control, not a lock (only where a check can fail)';
    }
    return $def['na'][$topology] ?? null;
}

function record_error(string $scenario, string $impl, Throwable $e): array
{
    global $errors;
    $msg = $e->getMessage();
    $errors[] = "$scenario / $impl: $msg";
    say("  ERROR $impl: $msg");
    return ['error' => $msg];
}

/** One single-process throughput run (a fresh worker): cycles/s and Redis commands per cycle. */
function throughput_run(string $impl, string $mode, array $servers, float $timeout, array $p): array
{
    $w = spawn($impl, $mode, $servers, $timeout, $p + ['limit_s' => 30]);
    try {
        expect_all([$w], 'ready', 20);
        $w->send('go ' . (hrtime(true) + 5_000_000));
        $r = json_decode(expect_all([$w], 'result', 25)[0], true);
        $n = $r['cycles'] ?? $r['ops'];
        return ['rate' => $n / $r['seconds'], 'n' => $n, 'failures' => $r['failures'] ?? 0,
            'cpu_us_per_cycle' => isset($r['cpu_us']) && $n ? $r['cpu_us'] / $n : null];
    } finally {
        finish([$w]);
    }
}

/** An implementation's result over the rounds of a throughput scenario (or why it has none). */
function throughput_summary(array $rounds, string $impl, string $scenario, string $topology, array $counts): array
{
    if (($why = na_reason($impl, $scenario, $topology)) !== null) {
        return ['na' => $why];
    }
    if (isset($rounds[$impl]['error'])) {
        return ['error' => $rounds[$impl]['error']];
    }
    $rates = array_column($rounds[$impl], 'rate');
    return [
        'cycles_per_s' => round(median($rates), 1),
        'ratio_to_floor' => ratio_to_floor($rounds, $impl),
        'rounds_cycles_per_s' => array_map(fn ($x) => round($x, 1), $rates),
        'cpu_us_per_cycle' => round(median(array_column($rounds[$impl], 'cpu_us_per_cycle')), 1),
        'failures' => array_sum(array_column($rounds[$impl], 'failures')),
        'commands_per_cycle' => $counts[$impl] ?? null,
    ];
}

/** One round of a throughput scenario: every implementation in turn, the order rotated by round. */
function throughput_round(array &$rounds, array $impls, int $round, string $scenario, string $topology,
    array $servers, float $timeout, array $c, string $run): void
{
    for ($k = 0; $k < $round; $k++) {
        $impls[] = array_shift($impls);
    }
    foreach ($impls as $impl) {
        if (na_reason($impl, $scenario, $topology) !== null) {
            continue;
        }
        try {
            $rounds[$impl][] = throughput_run($impl, $scenario, $servers, $timeout,
                ['cycles' => $c['cycles'], 'seconds' => $c['seconds'], 'warm_cycles' => $c['warm_cycles'],
                    'ttl_ms' => $c['ttl_ms'], 'wait_ms' => $c['wait_ms'], 'run' => $run]);
        } catch (Throwable $e) {
            $rounds[$impl]['error'] = record_error($scenario, $impl, $e)['error'];
        }
    }
}

function redis_benchmark(array $server, int $n): array
{
    $cmd = sprintf('redis-benchmark -h %s -p %d -n %d -c 1 -P 1 -t ping,set --csv 2>/dev/null',
        escapeshellarg($server[0]), $server[1], $n);
    $rates = [];
    foreach (explode("\n", (string) shell_exec($cmd)) as $line) {
        $f = str_getcsv($line);
        if (count($f) >= 2 && is_numeric($f[1])) {
            $rates[$f[0]] = (float) $f[1];
        }
    }
    return $rates;
}

$results = ['scenarios' => []];

// ---------------------------------------------------------------- 1. uncontended
if (in_array(1, $scenarios, true)) {
    $c = $cfg['uncontended'];
    say(sprintf('1. uncontended: one process, lock+unlock on distinct keys, up to %d cycles or %.1f s, %d rounds alternated',
        $c['cycles'], $c['seconds'], $c['rounds']));
    $rounds = [];
    $counts = [];
    foreach ($impls as $impl) {
        if (na_reason($impl, 'uncontended', 'single') === null) {
            try {
                $counts[$impl] = count_commands($impl, $main, SINGLE_TIMEOUT_S,
                    ['ttl_ms' => $c['ttl_ms'], 'wait_ms' => $c['wait_ms'], 'run' => "$run:count"]);
            } catch (Throwable $e) {
                record_error('uncontended command count', $impl, $e);
            }
        }
    }
    $base = ['redis_benchmark_set' => [], 'redis_benchmark_ping' => [], 'phpredis_ping' => []];
    for ($round = 0; $round < $c['rounds']; $round++) {
        $rb = redis_benchmark($main[0], $c['baseline_ops']);
        $base['redis_benchmark_set'][] = $rb['SET'] ?? null;
        $base['redis_benchmark_ping'][] = $rb['PING_MBULK'] ?? null;
        try {
            $base['phpredis_ping'][] = throughput_run('floor', 'ping', $main, SINGLE_TIMEOUT_S,
                ['cycles' => $c['baseline_ops'], 'seconds' => $c['seconds']])['rate'];
        } catch (Throwable $e) {
            record_error('uncontended', 'phpredis ping', $e);
        }
        throughput_round($rounds, $impls, $round, 'uncontended', 'single', $main, SINGLE_TIMEOUT_S, $c, "$run:u$round");
    }
    $res = [];
    foreach ($impls as $impl) {
        $res[$impl] = throughput_summary($rounds, $impl, 'uncontended', 'single', $counts);
        if (!isset($res[$impl]['cycles_per_s'])) {
            continue;
        }
        $rates = array_column($rounds[$impl], 'rate');
        say(sprintf('  %-34s %8.0f cycles/s  rounds [%s]  CPU %5.1f us/cycle  commands/cycle %s', IMPLS[$impl]['label'], $res[$impl]['cycles_per_s'],
            implode(' ', array_map(fn ($x) => round($x), $rates)), $res[$impl]['cpu_us_per_cycle'], json_encode($res[$impl]['commands_per_cycle']['sent_by_command'] ?? null)));
    }
    $results['baseline'] = [
        'redis_benchmark_set_per_s' => median(array_filter($base['redis_benchmark_set'])),
        'redis_benchmark_ping_per_s' => median(array_filter($base['redis_benchmark_ping'])),
        'phpredis_ping_per_s' => round((float) median($base['phpredis_ping']), 1),
        'command' => "redis-benchmark -n {$c['baseline_ops']} -c 1 -P 1 -t ping,set (PING_MBULK, SET); phpredis: \$redis->ping() in a loop",
    ];
    say(sprintf('  baseline: redis-benchmark SET %.0f/s, PING %.0f/s; phpredis ping %.0f/s (a 2-round-trip lock cycle: at most %.0f cycles/s)',
        $results['baseline']['redis_benchmark_set_per_s'], $results['baseline']['redis_benchmark_ping_per_s'],
        $results['baseline']['phpredis_ping_per_s'], $results['baseline']['phpredis_ping_per_s'] / 2));
    $results['scenarios']['uncontended'] = ['config' => $c, 'results' => $res];
}

// ---------------------------------------------------------------- 2. contended
/** One contended run: $c['procs'] fresh processes on one lock name, released together. */
function contended_once(string $impl, array $c, string $tag): array
{
    global $main, $inspector;
    $lockName = "$tag:lock";
    $counter = "$tag:counter";
    $inspector->set($counter, 0);
    $ws = [];
    try {
        for ($i = 0; $i < $c['procs']; $i++) {
            $ws[] = spawn($impl, 'contended', $main, SINGLE_TIMEOUT_S, $c + ['lock' => $lockName, 'counter' => $counter]);
        }
        expect_all($ws, 'ready', 30);
        $go = hrtime(true) + 100_000_000;       // the shared start instant
        foreach ($ws as $w) {
            $w->send("go $go");
        }
        $rs = array_map(fn ($l) => json_decode($l, true), expect_all($ws, 'result', $c['limit_s']));
        $wall = (max(array_column($rs, 'end_ns')) - $go) / 1e9;
        $ok = array_sum(array_column($rs, 'ok'));
        return ['ok' => $ok, 'failed' => array_sum(array_column($rs, 'failed')),
            'release_failed' => array_sum(array_column($rs, 'release_failed')), 'wall_s' => $wall,
            'waits' => array_merge(...array_column($rs, 'waits_ms')), 'counter' => (int) $inspector->get($counter)];
    } finally {
        finish($ws);
        $inspector->del($counter);
    }
}

if (in_array(2, $scenarios, true)) {
    $c = $cfg['contended'];
    say(sprintf('2. contended: %d processes, one lock, %d cycles each (GET, %d us, SET+1 inside; %d us outside), %d rounds alternated',
        $c['procs'], $c['cycles'], $c['cs_us'], $c['outside_us'], $c['rounds']));
    $raw = [];
    for ($round = 0; $round < $c['rounds']; $round++) {
        $order = $impls;
        for ($k = 0; $k < $round; $k++) {
            $order[] = array_shift($order);
        }
        foreach ($order as $impl) {
            if (na_reason($impl, 'contended', 'single') !== null || isset($raw[$impl]['error'])) {
                continue;
            }
            try {
                $x = contended_once($impl, $c, "$run:contended:$impl:$round");
                $raw[$impl][] = $x;
                if ($x['counter'] !== $x['ok'] && empty(IMPLS[$impl]['control'])) {
                    $failures[] = sprintf('contended / %s (round %d): counter %d but %d increments ran under the lock (lost updates: two holders at once)',
                        $impl, $round + 1, $x['counter'], $x['ok']);
                    say("  *** COUNTER MISMATCH: $impl round " . ($round + 1) . ": counter {$x['counter']}, increments {$x['ok']} ***");
                }
            } catch (Throwable $e) {
                $raw[$impl] = ['error' => record_error('contended', $impl, $e)['error']];
            }
        }
    }
    $res = [];
    foreach ($impls as $impl) {
        if (($why = na_reason($impl, 'contended', 'single')) !== null) {
            $res[$impl] = ['na' => $why];
            continue;
        }
        if (isset($raw[$impl]['error'])) {
            $res[$impl] = ['error' => $raw[$impl]['error']];
            continue;
        }
        $xs = $raw[$impl];
        $waits = array_merge(...array_column($xs, 'waits'));      // all rounds pooled
        $ok = array_sum(array_column($xs, 'ok'));
        $count = array_sum(array_column($xs, 'counter'));
        $rates = array_map(fn ($x) => $x['ok'] / $x['wall_s'], $xs);
        $r = [
            'cycles_per_s' => round(median($rates), 1),
            'rounds_cycles_per_s' => array_map(fn ($x) => round($x, 1), $rates),
            'rounds_wall_s' => array_map(fn ($x) => round($x['wall_s'], 3), $xs),
            'wait_p50_ms' => percentile($waits, 50), 'wait_p99_ms' => percentile($waits, 99), 'wait_max_ms' => percentile($waits, 100),
            'acquires' => count($waits),
            'failed_acquires' => array_sum(array_column($xs, 'failed')),
            'failed_releases' => array_sum(array_column($xs, 'release_failed')),
            'counter' => $count, 'counter_expected' => $ok,
            'counter_ok' => !array_filter($xs, fn ($x) => $x['counter'] !== $x['ok']),
        ];
        $res[$impl] = $r;
        say(sprintf('  %-34s %7.1f cycles/s [%s]  wait p50 %7.2f  p99 %7.2f  max %7.2f ms  counter %d/%d %s  failed acquires %d',
            IMPLS[$impl]['label'], $r['cycles_per_s'], implode(' ', array_map(fn ($x) => round($x), $rates)),
            $r['wait_p50_ms'], $r['wait_p99_ms'], $r['wait_max_ms'], $count, $ok,
            $r['counter_ok'] ? 'ok' : (empty(IMPLS[$impl]['control']) ? '*** MISMATCH ***' : 'mismatch (control)'), $r['failed_acquires']));
    }
    $results['scenarios']['contended'] = ['config' => $c, 'results' => $res];
}

// ---------------------------------------------------------------- 3. oversell
if (in_array(3, $scenarios, true)) {
    $c = $cfg['oversell'];
    say(sprintf('3. oversell (flash sale): stock %d, %d processes x %d purchases, %d us between reading and writing the stock',
        $c['initial_stock'], $c['procs'], $c['purchases'], $c['pause_us']));
    $res = [];
    foreach ($impls as $impl) {
        if (($why = na_reason($impl, 'oversell', 'single')) !== null) {
            $res[$impl] = ['na' => $why];
            continue;
        }
        $keys = ['stock' => "$run:stock:$impl", 'sold' => "$run:sold:$impl", 'lock' => "$run:goods:$impl"];
        $inspector->set($keys['stock'], $c['initial_stock']);
        $inspector->set($keys['sold'], 0);
        $ws = [];
        try {
            for ($i = 0; $i < $c['procs']; $i++) {
                $ws[] = spawn($impl, 'oversell', $main, SINGLE_TIMEOUT_S, $c + $keys);
            }
            expect_all($ws, 'ready', 30);
            $go = hrtime(true) + 100_000_000;
            foreach ($ws as $w) {
                $w->send("go $go");
            }
            $rs = array_map(fn ($l) => json_decode($l, true), expect_all($ws, 'result', $c['limit_s']));
            $wall = (max(array_column($rs, 'end_ns')) - $go) / 1e9;
            $sold = (int) $inspector->get($keys['sold']);
            $stock = (int) $inspector->get($keys['stock']);
            $r = ['sold' => $sold, 'stock_left' => $stock, 'oversold' => max(0, $sold - $c['initial_stock']),
                'failed_acquires' => array_sum(array_column($rs, 'failed')), 'wall_ms' => round($wall * 1000, 1)];
            $r['correct'] = $r['oversold'] === 0 && $sold + $stock === $c['initial_stock'];
            if (!$r['correct'] && empty(IMPLS[$impl]['control'])) {
                $failures[] = sprintf('oversell / %s: sold %d of stock %d, %d left (oversold %d)', $impl, $sold, $c['initial_stock'], $stock, $r['oversold']);
            }
            $res[$impl] = $r;
            say(sprintf('  %-34s sold %3d  stock left %3d  oversold %3d %s  failed acquires %3d  wall %6.0f ms', IMPLS[$impl]['label'],
                $sold, $stock, $r['oversold'], $r['correct'] ? '' : (empty(IMPLS[$impl]['control']) ? '*** OVERSOLD ***' : '(control)'),
                $r['failed_acquires'], $r['wall_ms']));
        } catch (Throwable $e) {
            $res[$impl] = record_error('oversell', $impl, $e);
        } finally {
            finish($ws);
            $inspector->del(array_values($keys));
        }
    }
    $results['scenarios']['oversell'] = ['config' => $c, 'results' => $res];
}

// ---------------------------------------------------------------- 4. Redlock, 5 masters
if (in_array(4, $scenarios, true)) {
    $c = $cfg['redlock'];
    say(sprintf('4. Redlock on 5 masters (%d ms per master): lock+unlock cycles, %d rounds; then master %d frozen (SIGSTOP), %d cycles',
        NODE_TIMEOUT_S * 1000, $c['rounds'], $c['frozen_master'], $c['frozen_cycles']));
    $mconns = array_map(fn ($s) => bench_phpredis($s[0], $s[1], SINGLE_TIMEOUT_S), $masters);
    $frozenPid = (int) $mconns[$c['frozen_master'] - 1]->info('server')['process_id'];
    $frozen = false;
    $resume = function () use (&$frozen, $frozenPid): void {
        if ($frozen) {
            posix_kill($frozenPid, SIGCONT);
            $frozen = false;
        }
    };
    register_shutdown_function($resume);
    pcntl_async_signals(true);
    foreach ([SIGINT, SIGTERM, SIGHUP] as $sig) {
        pcntl_signal($sig, function () use ($resume) {
            $resume();
            exit(130);
        });
    }
    $rounds = [];
    $counts = [];
    foreach ($impls as $impl) {
        if (na_reason($impl, 'redlock', 'redlock') === null) {
            try {
                $counts[$impl] = count_commands($impl, $masters, NODE_TIMEOUT_S,
                    ['ttl_ms' => $c['ttl_ms'], 'wait_ms' => $c['wait_ms'], 'run' => "$run:rcount"], 50);
            } catch (Throwable $e) {
                record_error('redlock command count', $impl, $e);
            }
        }
    }
    for ($round = 0; $round < $c['rounds']; $round++) {
        throughput_round($rounds, $impls, $round, 'redlock', 'redlock', $masters, NODE_TIMEOUT_S, $c, "$run:r$round");
    }
    $res = [];
    foreach ($impls as $impl) {
        $res[$impl] = throughput_summary($rounds, $impl, 'redlock', 'redlock', $counts);
        if (!isset($res[$impl]['cycles_per_s'])) {
            continue;
        }
        $rates = array_column($rounds[$impl], 'rate');
        // The same with one master frozen: its socket accepts, nothing answers.
        $w = spawn($impl, 'frozen', $masters, NODE_TIMEOUT_S, ['cycles' => $c['frozen_cycles'], 'seconds' => $c['frozen_seconds'],
            'ttl_ms' => $c['ttl_ms'], 'wait_ms' => $c['wait_ms'], 'run' => "$run:f", 'limit_s' => 30]);
        try {
            expect_all([$w], 'ready', 20);
            $frozen = true;
            posix_kill($frozenPid, SIGSTOP);
            $w->send('go ' . hrtime(true));
            $f = json_decode(expect_all([$w], 'result', $c['frozen_seconds'] + 15)[0], true);
            $res[$impl]['frozen'] = ['cycles' => $f['cycles'], 'failures' => $f['failures'],
                'acquire_p50_ms' => percentile($f['acquire_ms'], 50), 'acquire_max_ms' => percentile($f['acquire_ms'], 100),
                'release_p50_ms' => percentile($f['release_ms'], 50), 'cycle_p50_ms' => percentile($f['cycle_ms'], 50), 'cycles_per_s' => round($f['cycles'] / $f['seconds'], 1)];
        } catch (Throwable $e) {
            $res[$impl]['frozen'] = record_error('redlock frozen', $impl, $e);
        } finally {
            $resume();
            finish([$w]);
        }
        $fr = $res[$impl]['frozen'];
        say(sprintf('  %-34s %7.0f cycles/s  rounds [%s]  commands/cycle %s | frozen: acquire p50 %s ms max %s ms, %s of %s ok',
            IMPLS[$impl]['label'], $res[$impl]['cycles_per_s'], implode(' ', array_map(fn ($x) => round($x), $rates)),
            json_encode($res[$impl]['commands_per_cycle']['sent_by_command'] ?? null), $fr['acquire_p50_ms'] ?? '-', $fr['acquire_max_ms'] ?? '-',
            isset($fr['cycles']) ? $fr['cycles'] - $fr['failures'] : '-', $fr['cycles'] ?? '-'));
    }
    $results['scenarios']['redlock'] = ['config' => $c + ['node_timeout_ms' => NODE_TIMEOUT_S * 1000], 'results' => $res];
    foreach ($mconns as $m) {
        $m->flushAll();     // the frozen master ran its queued SETs when resumed
    }

}

// ---------------------------------------------------------------- 5. and 6. dead holder
/**
 * The task-dispatch scenario: a holder takes the lock, is SIGKILLed $c['kill_after_ms'] after it has
 * it while a second process waits; how long after the kill the waiter gets in. $c['redislock_ini']:
 * settings of redislock's processes (the watchdog). Returns the results per implementation.
 */
function dead_holder(array $c, string $scenario, string $run): array
{
    global $impls, $main, $inspector, $failures;
    $res = [];
    foreach ($impls as $impl) {
        if (($why = na_reason($impl, 'dead_holder', 'single')) !== null) {
            $res[$impl] = ['na' => $why];
            continue;
        }
        $trials = [];
        $ini = $impl === 'redislock' ? ($c['redislock_ini'] ?? []) : [];
        $lease = isset($ini['redislock.watchdog']) && $ini['redislock.watchdog'] === '1' ? (int) $ini['redislock.watchdog_lease'] : null;
        $effTtl = make_adapter($impl, $main, SINGLE_TIMEOUT_S)->effectiveTtlMs($c['ttl_ms'], $c['ttl_ms']);
        // What the key lives in Redis between renewals: a lease when the watchdog watches the lock.
        $keyTtl = $lease !== null && $lease < $effTtl ? $lease : $effTtl;
        try {
            for ($t = 0; $t < $c['trials']; $t++) {
                $p = ['lock' => "$run:$scenario:$impl:$t", 'ttl_ms' => $c['ttl_ms'], 'limit_s' => $c['limit_s'], 'ini' => $ini];
                $waiter = spawn($impl, 'waiter', $main, SINGLE_TIMEOUT_S, $p + ['wait_ms' => $c['wait_ms']]);
                $holder = spawn($impl, 'holder', $main, SINGLE_TIMEOUT_S, $p + ['wait_ms' => $c['ttl_ms']]);
                try {
                    expect_all([$waiter, $holder], 'ready', 20);
                    $holder->send('go 0');
                    $acq = (int) expect_all([$holder], 'held', 10)[0];
                    $waiter->send('go 0');
                    sleep_until($acq + $c['kill_after_ms'] * 1_000_000);
                    $holder->kill(9);
                    $kill = hrtime(true);
                    // redislock: what the dead holder's key has left (a lease with the watchdog, not its lock_timeout).
                    $pttl = $impl === 'redislock' ? $inspector->pttl('AGENT_ORDER_LOCK:' . $p['lock']) : null;
                    $r = json_decode(expect_all([$waiter], 'result', $c['limit_s'])[0], true);
                    if (!$r['got']) {
                        $trials[] = ['got' => false];
                        continue;
                    }
                    if ($r['got_ns'] < $kill) {
                        $failures[] = sprintf('%s / %s: the waiter got the lock %.1f ms before the holder was killed', $scenario, $impl,
                            ($kill - $r['got_ns']) / 1e6);
                    }
                    $trials[] = ['got' => true, 'after_kill_ms' => round(($r['got_ns'] - $kill) / 1e6, 1),
                        'after_expiry_ms' => round(($r['got_ns'] - $acq) / 1e6 - $keyTtl, 1),
                        'kill_after_acquire_ms' => round(($kill - $acq) / 1e6, 1)]
                        + ($pttl !== null ? ['key_pttl_after_kill_ms' => $pttl] : []);
                } finally {
                    finish([$waiter, $holder]);
                }
            }
            $got = array_filter($trials, fn ($x) => $x['got']);
            $res[$impl] = ['takeover_after_kill_ms' => median(array_column($got, 'after_kill_ms')),
                'after_expiry_ms' => median(array_column($got, 'after_expiry_ms')), 'lock_ttl_ms' => $effTtl, 'key_ttl_ms' => $keyTtl,
                'watchdog_lease_ms' => $lease, 'not_taken' => count($trials) - count($got), 'trials' => $trials];
            say(sprintf('  %-34s taken %s ms after the kill (median of %d; lock TTL %d ms%s, so %s ms after it expired)%s',
                IMPLS[$impl]['label'], $res[$impl]['takeover_after_kill_ms'] ?? '-', count($got), $effTtl,
                $keyTtl !== $effTtl ? ", watchdog lease $keyTtl ms" : '', $res[$impl]['after_expiry_ms'] ?? '-',
                $res[$impl]['not_taken'] ? ", {$res[$impl]['not_taken']} trial(s) never got it" : ''));
        } catch (Throwable $e) {
            $res[$impl] = record_error($scenario, $impl, $e);
        }
    }
    return $res;
}

if (in_array(5, $scenarios, true)) {
    $c = $cfg['dead_holder'];
    say(sprintf('5. dead holder (task dispatch): holder takes the lock (ttl %d ms), SIGKILLed %d ms later while a second process waits; %d trials',
        $c['ttl_ms'], $c['kill_after_ms'], $c['trials']));
    $results['scenarios']['dead_holder'] = ['config' => $c, 'results' => dead_holder($c, 'dead_holder', $run)];
}

if (in_array(6, $scenarios, true)) {
    $c = $cfg['dead_holder_long'];
    say(sprintf('6. dead holder, long job: holder takes the lock (ttl / lock_timeout %d ms; redislock: watchdog, lease %s ms), SIGKILLed %d ms later while a second process waits; %d trial(s)',
        $c['ttl_ms'], $c['redislock_ini']['redislock.watchdog_lease'], $c['kill_after_ms'], $c['trials']));
    $results['scenarios']['dead_holder_long'] = ['config' => $c, 'results' => dead_holder($c, 'dead_holder_long', $run)];
}

// ---------------------------------------------------------------- 7. what the watchdog and fencing cost
if (in_array(7, $scenarios, true) && in_array('redislock', $impls, true)) {
    $c = $cfg['cost'];
    $variants = array_keys($c['variants']);
    say(sprintf('7. redislock variants, uncontended: lock+unlock on distinct keys, lock_timeout %d s; %s interleaved in blocks of %d cycles, %d blocks each, in one process per round, %d rounds',
        $c['lock_timeout_s'], implode(', ', $variants), $c['block_cycles'], $c['blocks'], $c['rounds']));
    $vdefs = array_map(fn ($d) => ['variant' => $d['variant'], 'ini' => $d['ini']], $c['variants']);
    $counts = [];
    foreach ($variants as $v) {
        try {
            $counts[$v] = count_commands('redislock', $main, SINGLE_TIMEOUT_S, ['variants' => [$v => $vdefs[$v]], 'blocks' => 1,
                'block_cycles' => 100, 'lock_timeout_s' => $c['lock_timeout_s'], 'run' => "$run:ccount:$v"], 100, 'cost');
        } catch (Throwable $e) {
            record_error('cost command count', $v, $e);
        }
    }
    $rounds = [];
    for ($round = 0; $round < $c['rounds']; $round++) {
        $w = spawn('redislock', 'cost', $main, SINGLE_TIMEOUT_S, ['variants' => $vdefs, 'blocks' => $c['blocks'], 'block_cycles' => $c['block_cycles'],
            'warm_cycles' => $c['warm_cycles'], 'lock_timeout_s' => $c['lock_timeout_s'], 'run' => "$run:c$round", 'limit_s' => $c['limit_s']]);
        try {
            expect_all([$w], 'ready', 20);
            $w->send('go ' . (hrtime(true) + 5_000_000));
            $rounds[] = json_decode(expect_all([$w], 'result', $c['limit_s'])[0], true)['variants'];
        } catch (Throwable $e) {
            record_error('cost', "round $round", $e);
        } finally {
            finish([$w]);
        }
    }
    $res = [];
    foreach ($variants as $v) {
        $xs = array_column($rounds, $v);
        if (!$xs) {
            $res[$v] = ['error' => 'not measured'];
            continue;
        }
        $ratio = array_map(fn ($r) => $r[$v]['cycles_per_s'] / $r['plain']['cycles_per_s'], $rounds);
        $res[$v] = [
            'label' => $c['variants'][$v]['label'],
            'cycles_per_s' => round(median(array_column($xs, 'cycles_per_s')), 1),
            'ratio_to_plain' => round(median($ratio), 3),
            'rounds_cycles_per_s' => array_map(fn ($x) => round($x['cycles_per_s'], 1), $xs),
            'rounds_ratio_to_plain' => array_map(fn ($x) => round($x, 3), $ratio),
            'cycle_p50_us' => round(median(array_column($xs, 'cycle_p50_us')), 1),
            'cycle_p99_us' => round(median(array_column($xs, 'cycle_p99_us')), 1),
            'cycle_max_us' => round(max(array_column($xs, 'cycle_max_us')), 1),
            'cpu_us_per_cycle' => round(median(array_column($xs, 'cpu_us_per_cycle')), 1),
            'context_switches_per_cycle' => round(median(array_column($xs, 'csw_per_cycle')), 2),
            'cycles' => array_sum(array_column($xs, 'cycles')),
            'failures' => array_sum(array_column($xs, 'failures')),
            'commands_per_cycle' => $counts[$v] ?? null,
        ];
        if ($res[$v]['failures']) {
            $errors[] = "cost / $v: {$res[$v]['failures']} lock+unlock cycles failed";
        }
        say(sprintf('  %-10s %8.0f cycles/s (x%.3f; per round %s)  cycle p50 %.1f us p99 %.1f us  CPU %5.1f us/cycle  context switches/cycle %.2f  commands/cycle %s',
            $v, $res[$v]['cycles_per_s'], $res[$v]['ratio_to_plain'], implode(' ', $res[$v]['rounds_ratio_to_plain']),
            $res[$v]['cycle_p50_us'], $res[$v]['cycle_p99_us'], $res[$v]['cpu_us_per_cycle'], $res[$v]['context_switches_per_cycle'],
            json_encode($res[$v]['commands_per_cycle']['sent_by_command'] ?? null)));
    }
    $results['scenarios']['cost'] = ['config' => $c, 'results' => $res];
    // acquireFenced left one counter key per lock name (they never expire): not for the next runs.
    $it = null;
    while (($keys = $inspector->scan($it, '{AGENT_ORDER_LOCK:' . $run . ':*}:fence', 1000)) !== false) {
        if ($keys) {
            $inspector->unlink($keys);
        }
    }
}

// ---------------------------------------------------------------- write
$ver = fn (string $pkg) => trim((string) shell_exec('dpkg-query -W -f=\'${Version}\' ' . escapeshellarg($pkg) . ' 2>/dev/null'));
$results = [
    'generated' => gmdate('Y-m-d\TH:i:s\Z'),
    'quick' => $quick,
    'wall_s' => round(microtime(true) - $t0, 1),
    'machine' => ['cpus' => (int) trim((string) shell_exec('nproc --all')), 'kernel' => php_uname('r'),
        'kernel_hz' => preg_match('/^CONFIG_HZ=(\d+)$/m', (string) (@file_get_contents('/boot/config-' . php_uname('r'))
            ?: @file_get_contents('compress.zlib:///proc/config.gz')), $m) ? (int) $m[1] : null,
        'load_at_start' => $loadAtStart, 'load_at_end' => sys_getloadavg()],
    'versions' => ['php' => PHP_VERSION, 'phpredis' => phpversion('redis'),
        'redislock' => trim((string) shell_exec(escapeshellarg(PHP_BINARY) . ' -d extension=' . escapeshellarg($so) . ' -r "echo phpversion(\'redislock\');"')),
        'redis_server' => $inspector->info('server')['redis_version'],
        'php-symfony-lock' => $ver('php-symfony-lock'), 'php-malkusch-lock' => $ver('php-malkusch-lock')],
    'pinning' => getenv('BENCH_PINNING') ?: null,
    'timeouts' => ['single_server_s' => SINGLE_TIMEOUT_S, 'per_master_s' => NODE_TIMEOUT_S,
        'note' => 'every phpredis connection and the extension use the same connect and read timeouts'],
    'implementations' => array_map(fn ($d) => ['label' => $d['label'], 'what' => $d['what'], 'control' => !empty($d['control'])], IMPLS),
    'baseline' => $results['baseline'] ?? null,
    'scenarios' => $results['scenarios'],
    'correctness_failures' => $failures,
    'errors' => $errors,
];
file_put_contents($out, json_encode($results, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");
say(sprintf('wrote %s (%.0f s)', $out, $results['wall_s']));
if ($failures) {
    fwrite(STDERR, "\n*** CORRECTNESS FAILURE ***\n" . implode("\n", $failures) . "\n\n");
    exit(1);
}
if ($errors) {
    fwrite(STDERR, "\nsome measurements failed:\n" . implode("\n", $errors) . "\n");
    exit(2);
}
