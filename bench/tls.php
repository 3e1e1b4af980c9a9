<?php
/**
 * The TLS benchmark (rediss://), run by scripts/bench-tls.sh, which makes a CA and a server
 * certificate, starts the TLS redis-servers and passes them here:
 *
 *   TLS_BENCH_CA=ca.pem TLS_BENCH_MAIN=TLSPORT:PLAINPORT TLS_BENCH_MASTERS=T1:P1,...,T5:P5 \
 *     php -d extension=/tmp/tls-bench.so bench/tls.php OUT.json OUT.md [--quick]
 *
 * Every server has a TLS port and a plain port (same process, same data), so TLS and plain TCP
 * are compared on the same server. Three measurements, each in alternated rounds (the order of
 * the series rotates every round; medians reported):
 *  1. uncontended acquire+release cycles/s: the extension (RedisLock over rediss://) against
 *     phpredis doing the same round trips (SET NX PX, then compare-and-delete by EVALSHA) over
 *     tls:// with the same CA and the same 1 s connect/read timeouts; both also over plain TCP;
 *  2. a new connection each cycle: CLIENT KILL (from a plain-port connection) before every
 *     cycle, so the extension's next acquire connects anew (TCP, TLS handshake, its first
 *     exchange) and phpredis connects a new Redis object (connect, SET NX PX, EVALSHA, close);
 *     both also over plain TCP; and phpredis connect+PING+close alone (no kill), TLS and plain;
 *  3. RedLock lock+unlock cycles/s over 5 TLS masters against 1 TLS master (and the same over
 *     plain TCP), default node timeout (50 ms).
 * INFO commandstats on the servers confirms what each series sent.
 */
$out = $argv[1] ?? 'bench/results/tls.json';
$md = $argv[2] ?? 'bench/results/tls.md';
$quick = in_array('--quick', $argv, true);
$ca = (string) getenv('TLS_BENCH_CA');
[$mainTls, $mainPlain] = array_map('intval', explode(':', (string) getenv('TLS_BENCH_MAIN')));
$masters = array_map(fn($p) => array_map('intval', explode(':', $p)), explode(',', (string) getenv('TLS_BENCH_MASTERS')));
if ($ca === '' || !$mainTls || count($masters) !== 5) {
    fwrite(STDERR, "bench/tls.php: run it through scripts/bench-tls.sh\n");
    exit(2);
}
if (!extension_loaded('redislock') || !extension_loaded('redis')) {
    fwrite(STDERR, "bench/tls.php: needs the redislock and redis extensions\n");
    exit(2);
}
$started = microtime(true);
ini_set('redislock.tls_ca_file', $ca);
ini_set('redislock.prefix', 'tlsbench:');
ini_set('redislock.connect_timeout', '1000');
ini_set('redislock.timeout', '1000');
$ROUNDS = $quick ? 3 : 7;
$CYCLES = $quick ? 1000 : 5000;
$FRESH = $quick ? 100 : 500;
$REDLOCK = $quick ? 500 : 2000;
$release = "if redis.call('get',KEYS[1]) == ARGV[1] then return redis.call('del',KEYS[1]) else return 0 end";
$stream = ['stream' => ['cafile' => $ca, 'verify_peer' => true, 'verify_peer_name' => true, 'peer_name' => 'localhost']];

/** phpredis to the server: TLS (verified with the CA) or plain; 1 s connect and read timeouts. */
function phpredis(bool $tls, int $port): Redis
{
    global $stream;
    $r = new Redis();
    if ($tls) {
        $r->connect('tls://127.0.0.1', $port, 1.0, null, 0, 1.0, $stream);
    } else {
        $r->connect('127.0.0.1', $port, 1.0, null, 0, 1.0);
    }
    return $r;
}

function cpu(): float
{
    $u = getrusage();
    return $u['ru_utime.tv_sec'] + $u['ru_utime.tv_usec'] / 1e6 + $u['ru_stime.tv_sec'] + $u['ru_stime.tv_usec'] / 1e6;
}

/** commandstats calls per command, summed over these plain ports. */
function calls(array $ports): array
{
    $sum = [];
    foreach ($ports as $p) {
        $r = phpredis(false, $p);
        foreach ($r->info('commandstats') as $k => $v) {
            if (preg_match('/calls=(\d+)/', $v, $m)) {
                $k = str_replace('cmdstat_', '', $k);
                $sum[$k] = ($sum[$k] ?? 0) + (int) $m[1];
            }
        }
        $r->close();
    }
    return $sum;
}

/** What was called between two calls() readings, per cycle (the readings' own INFO and the
 *  benchmark's CLIENT KILLs left out). */
function per_cycle(array $a, array $b, int $cycles, int $readings): array
{
    $d = [];
    foreach ($b as $k => $v) {
        $n = $v - ($a[$k] ?? 0) - ($k === 'info' ? $readings : 0);   // the first reading's own INFO
        if ($n > 0 && !str_starts_with($k, 'client|')) {
            $d[strtoupper($k)] = round($n / $cycles, 2);
        }
    }
    ksort($d);
    return $d;
}

/**
 * Runs the series in $rounds alternated rounds of $n cycles (the order rotates each round); each
 * series is fn(int $n): void. Returns per series: cycles/s of each round, the median, CPU µs per
 * cycle (median) and the commands per cycle (first round) on $ports.
 */
function rounds(array $series, int $rounds, int $n, array $ports): array
{
    $names = array_keys($series);
    $res = array_fill_keys($names, ['rates' => [], 'cpu_us' => [], 'commands' => null]);
    foreach ($series as $fn) {
        $fn(min(100, $n));   // warm: connections opened, scripts loaded
    }
    for ($round = 0; $round < $rounds; $round++) {
        $order = array_merge(array_slice($names, $round % count($names)), array_slice($names, 0, $round % count($names)));
        foreach ($order as $name) {
            $c0 = $round === 0 ? calls($ports) : null;
            $cpu = cpu();
            $t = hrtime(true);
            $series[$name]($n);
            $s = (hrtime(true) - $t) / 1e9;
            $cpuUs = 1e6 * (cpu() - $cpu) / $n;
            if ($round === 0) {
                $res[$name]['commands'] = per_cycle($c0, calls($ports), $n, count($ports));
            }
            $res[$name]['rates'][] = round($n / $s, 1);
            $res[$name]['cpu_us'][] = round($cpuUs, 1);
            printf("  round %d %-26s %9.0f /s  %7.1f us CPU\n", $round + 1, $name, $n / $s, $cpuUs);
        }
    }
    foreach ($res as $name => $r) {
        $res[$name]['median'] = median($r['rates']);
        $res[$name]['cpu_us_median'] = median($r['cpu_us']);
    }
    return $res;
}

function median(array $v): float
{
    sort($v);
    $n = count($v);
    return $n % 2 ? $v[intdiv($n, 2)] : ($v[$n / 2 - 1] + $v[$n / 2]) / 2;
}

// ---- 1. uncontended acquire+release, pooled connections ----------------------------------------
$shaR = phpredis(false, $mainPlain);
$sha = $shaR->script('load', $release);
$shaR->close();
$ext = function (string $url): Closure {
    return function (int $n) use ($url): void {
        ini_set('redislock.servers', $url);
        for ($i = 0; $i < $n; $i++) {
            $id = RedisLock::acquireLock("k$i", 0, 20);
            if ($id === false || !RedisLock::releaseLock("k$i", $id)) {
                throw new RuntimeException("extension cycle failed on $url");
            }
        }
    };
};
$peer = function (bool $tls, int $port) use ($sha): Closure {
    $r = null;
    return function (int $n) use (&$r, $tls, $port, $sha): void {
        $r ??= phpredis($tls, $port);
        for ($i = 0; $i < $n; $i++) {
            $key = "tlsbench:k$i";
            $id = bin2hex(random_bytes(16));
            if ($r->set($key, $id, ['nx', 'px' => 20000]) !== true || $r->evalSha($sha, [$key, $id], 1) !== 1) {
                throw new RuntimeException('phpredis cycle failed');
            }
        }
    };
};
echo "1. uncontended acquire+release, $ROUNDS rounds x $CYCLES cycles\n";
$roundtrip = rounds([
    'redislock rediss://' => $ext("rediss://127.0.0.1:$mainTls"),
    'phpredis tls://' => $peer(true, $mainTls),
    'redislock redis://' => $ext("redis://127.0.0.1:$mainPlain"),
    'phpredis tcp' => $peer(false, $mainPlain),
], $ROUNDS, $CYCLES, [$mainPlain]);

// ---- 2. a new connection every cycle -----------------------------------------------------------
$killer = phpredis(false, $mainPlain);
$kill = fn() => $killer->rawCommand('CLIENT', 'KILL', 'TYPE', 'normal');   // all but itself
$extFresh = function (string $url) use ($kill): Closure {
    return function (int $n) use ($url, $kill): void {
        ini_set('redislock.servers', $url);
        for ($i = 0; $i < $n; $i++) {
            $kill();
            $id = RedisLock::acquireLock("f$i", 0, 20);
            if ($id === false || !RedisLock::releaseLock("f$i", $id)) {
                throw new RuntimeException("extension fresh cycle failed on $url");
            }
        }
    };
};
$peerFresh = function (bool $tls, int $port) use ($kill, $sha): Closure {
    return function (int $n) use ($tls, $port, $kill, $sha): void {
        for ($i = 0; $i < $n; $i++) {
            $kill();
            $r = phpredis($tls, $port);
            $key = "tlsbench:f$i";
            $id = bin2hex(random_bytes(16));
            if ($r->set($key, $id, ['nx', 'px' => 20000]) !== true || $r->evalSha($sha, [$key, $id], 1) !== 1) {
                throw new RuntimeException('phpredis fresh cycle failed');
            }
            $r->close();
        }
    };
};
$connectPing = function (bool $tls, int $port): Closure {
    return function (int $n) use ($tls, $port): void {
        for ($i = 0; $i < $n; $i++) {
            $r = phpredis($tls, $port);
            if ($r->ping() !== true) {
                throw new RuntimeException('phpredis ping failed');
            }
            $r->close();
        }
    };
};
$killOnly = function (int $n) use ($kill): void {
    for ($i = 0; $i < $n; $i++) {
        $kill();
    }
};
echo "2. a new connection every cycle, $ROUNDS rounds x $FRESH cycles\n";
$fresh = rounds([
    'redislock rediss://' => $extFresh("rediss://127.0.0.1:$mainTls"),
    'phpredis tls://' => $peerFresh(true, $mainTls),
    'redislock redis://' => $extFresh("redis://127.0.0.1:$mainPlain"),
    'phpredis tcp' => $peerFresh(false, $mainPlain),
    'phpredis tls:// connect+PING' => $connectPing(true, $mainTls),
    'phpredis tcp connect+PING' => $connectPing(false, $mainPlain),
    'CLIENT KILL alone' => $killOnly,
], $ROUNDS, $FRESH, [$mainPlain]);

// ---- 3. RedLock: 5 TLS masters against 1 --------------------------------------------------------
$redlock = function (array $entries): Closure {
    $rl = new RedLock($entries, 200, 3);
    return function (int $n) use ($rl): void {
        for ($i = 0; $i < $n; $i++) {
            $lock = $rl->lock("tlsbench:r$i", 10000);
            if ($lock === false || !$rl->unlock($lock)) {
                throw new RuntimeException('RedLock cycle failed');
            }
        }
    };
};
$tls5 = array_map(fn($m) => "rediss://127.0.0.1:{$m[0]}", $masters);
$plain5 = array_map(fn($m) => "redis://127.0.0.1:{$m[1]}", $masters);
echo "3. RedLock lock+unlock, $ROUNDS rounds x $REDLOCK cycles\n";
$rl = rounds([
    'RedLock 5 TLS masters' => $redlock($tls5),
    'RedLock 1 TLS master' => $redlock([$tls5[0]]),
    'RedLock 5 plain masters' => $redlock($plain5),
    'RedLock 1 plain master' => $redlock([$plain5[0]]),
], $ROUNDS, $REDLOCK, array_map(fn($m) => $m[1], $masters));

// ---- results ------------------------------------------------------------------------------------
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
preg_match('/^build => (.*)$/m', $info, $build);
$redisVersion = trim((string) shell_exec('redis-server --version'));
$opensslVersion = trim((string) shell_exec('openssl version'));
$result = [
    'date' => gmdate('Y-m-d\TH:i:s\Z'),
    'quick' => $quick,
    'machine' => ['cpus' => (int) trim((string) shell_exec('nproc --all')), 'kernel' => php_uname('r')],
    'versions' => ['php' => PHP_VERSION, 'phpredis' => phpversion('redis'), 'redislock' => phpversion('redislock'),
        'redislock_build' => $build[1] ?? null, 'redis_server' => $redisVersion, 'openssl' => $opensslVersion],
    'pinning' => getenv('BENCH_PINNING') ?: null,
    'timeouts' => 'connect 1 s and read 1 s for both (redislock.connect_timeout/timeout = 1000; phpredis connect(..., 1.0, null, 0, 1.0)); RedLock: node_timeout 50 ms',
    'uncontended' => ['rounds' => $ROUNDS, 'cycles' => $CYCLES, 'series' => $roundtrip],
    'fresh_connection' => ['rounds' => $ROUNDS, 'cycles' => $FRESH, 'series' => $fresh],
    'redlock' => ['rounds' => $ROUNDS, 'cycles' => $REDLOCK, 'series' => $rl],
    'seconds' => round(microtime(true) - $started, 1),
];
file_put_contents($out, json_encode($result, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES) . "\n");

$f = fn(float $v, int $d = 0) => number_format($v, $d);
$cmds = fn(?array $c) => $c ? implode(', ', array_map(fn($k, $v) => "$k ×$v", array_keys($c), $c)) : '';
$ratio = fn(array $s, string $a, string $b) => $s[$a]['median'] / $s[$b]['median'];
$lines = [];
$lines[] = "# TLS (rediss://) benchmark";
$lines[] = '';
$lines[] = sprintf('Run of %s%s: %d CPUs, Linux %s, PHP %s, phpredis %s, %s, %s, redislock %s (build %s); %s s. '
    . 'Generated by `scripts/bench-tls.sh` (bench/tls.php) into [`bench/results/tls.json`](tls.json).',
    $result['date'], $quick ? ' (--quick)' : '', $result['machine']['cpus'], $result['machine']['kernel'], PHP_VERSION,
    phpversion('redis'), $redisVersion, $opensslVersion, phpversion('redislock'), $build[1] ?? '?', $result['seconds']);
$lines[] = '';
$lines[] = 'Loopback, one redis-server per row group with a TLS port and a plain port (same process, same data); '
    . 'the test CA in `redislock.tls_ca_file` and in phpredis\'s `cafile` (both verify the certificate). '
    . "Alternated rounds (the order rotates each round), medians of $ROUNDS rounds. " . $result['timeouts'] . '.'
    . ($result['pinning'] ? ' Pinning: ' . $result['pinning'] . '.' : '');
$lines[] = '';
$lines[] = "## 1. Uncontended acquire+release, pooled connection ($CYCLES cycles per round)";
$lines[] = '';
$lines[] = '| series | cycles/s (median) | rounds | PHP CPU µs/cycle | commands executed per cycle (incl. those the Lua scripts run) |';
$lines[] = '|---|---|---|---|---|';
foreach ($roundtrip as $name => $s) {
    $lines[] = sprintf('| %s | **%s** | %s | %s | %s |', $name, $f($s['median']), implode(', ', array_map(fn($v) => $f($v), $s['rates'])),
        $f($s['cpu_us_median'], 1), $cmds($s['commands']));
}
$lines[] = '';
$lines[] = sprintf('redislock / phpredis over TLS: **%.2f×** the cycles/s (plain TCP: %.2f×). TLS costs redislock %.0f%% of its plain rate, phpredis %.0f%%.',
    $ratio($roundtrip, 'redislock rediss://', 'phpredis tls://'), $ratio($roundtrip, 'redislock redis://', 'phpredis tcp'),
    100 * (1 - $ratio($roundtrip, 'redislock rediss://', 'redislock redis://')),
    100 * (1 - $ratio($roundtrip, 'phpredis tls://', 'phpredis tcp')));
$lines[] = '';
$lines[] = "## 2. A new connection every cycle ($FRESH cycles per round)";
$lines[] = '';
$lines[] = 'CLIENT KILL (one round trip on a plain-port connection) before each cycle closes the pooled connection: '
    . 'redislock\'s next acquire connects anew (TCP, TLS handshake with rustls\'s session resumption, its first exchange: INFO server and SCRIPT LOAD pipelined with the SET), '
    . 'phpredis connects a new `Redis` (a full TLS handshake each time: PHP\'s streams keep no client session cache), SET NX PX, EVALSHA, close. '
    . '"connect+PING" rows: phpredis alone, no kill. "CLIENT KILL alone": the kill\'s own share of each cycle.';
$lines[] = '';
$lines[] = '| series | cycles/s (median) | ms per cycle | PHP CPU µs/cycle | commands executed per cycle (incl. those the Lua scripts run) |';
$lines[] = '|---|---|---|---|---|';
foreach ($fresh as $name => $s) {
    $lines[] = sprintf('| %s | **%s** | %.3f | %s | %s |', $name, $f($s['median']), 1000 / $s['median'], $f($s['cpu_us_median'], 1),
        $cmds($s['commands']));
}
$killMs = 1000 / $fresh['CLIENT KILL alone']['median'];
$lines[] = '';
$lines[] = sprintf('A new TLS connection and a lock cycle, the kill taken out: redislock %.3f ms, phpredis %.3f ms (%.2f×); over plain TCP %.3f ms and %.3f ms. '
    . 'TLS adds %.3f ms to a new connection for redislock, %.3f ms for phpredis (connect+PING alone: %.3f ms TLS, %.3f ms plain).',
    1000 / $fresh['redislock rediss://']['median'] - $killMs, 1000 / $fresh['phpredis tls://']['median'] - $killMs,
    (1000 / $fresh['phpredis tls://']['median'] - $killMs) / (1000 / $fresh['redislock rediss://']['median'] - $killMs),
    1000 / $fresh['redislock redis://']['median'] - $killMs, 1000 / $fresh['phpredis tcp']['median'] - $killMs,
    1000 / $fresh['redislock rediss://']['median'] - 1000 / $fresh['redislock redis://']['median'],
    1000 / $fresh['phpredis tls://']['median'] - 1000 / $fresh['phpredis tcp']['median'],
    1000 / $fresh['phpredis tls:// connect+PING']['median'], 1000 / $fresh['phpredis tcp connect+PING']['median']);
$lines[] = '';
$lines[] = "## 3. RedLock lock+unlock, pooled connections ($REDLOCK cycles per round)";
$lines[] = '';
$lines[] = '| series | cycles/s (median) | rounds | PHP CPU µs/cycle | commands executed per cycle, all masters (incl. those the Lua scripts run) |';
$lines[] = '|---|---|---|---|---|';
foreach ($rl as $name => $s) {
    $lines[] = sprintf('| %s | **%s** | %s | %s | %s |', $name, $f($s['median']), implode(', ', array_map(fn($v) => $f($v), $s['rates'])),
        $f($s['cpu_us_median'], 1), $cmds($s['commands']));
}
$lines[] = '';
$lines[] = sprintf('5 TLS masters run at %.2f× the rate of 1 (plain TCP: %.2f×): the masters are asked at once, so five cost about one round trip plus five servers\' work; all redis-servers share CPU 0 here, so the five masters\' TLS work adds up on one core.',
    $ratio($rl, 'RedLock 5 TLS masters', 'RedLock 1 TLS master'), $ratio($rl, 'RedLock 5 plain masters', 'RedLock 1 plain master'));
file_put_contents($md, implode("\n", $lines) . "\n");
echo implode("\n", $lines), "\n";
