<?php
/**
 * One measured PHP process (started by bench/run.php, never by hand):
 *   php worker.php IMPL MODE SERVERS TIMEOUT_S PARAMS_JSON
 * Builds the adapter, opens its connections (one warm-up cycle), prints "ready", waits for
 * "go <monotonic ns>" on stdin, sleeps until that shared instant, runs MODE, prints
 * "result <json>". Any exception prints "error <message>" and exits 3.
 * A hard limit (SIGALRM, params.limit_s) ends a process that hangs.
 */
require __DIR__ . '/lib.php';

[, $impl, $mode, $serversArg, $timeoutArg, $paramsJson] = $argv;
$p = json_decode($paramsJson, true, 8, JSON_THROW_ON_ERROR);
pcntl_alarm((int) ($p['limit_s'] ?? 60));

function out(string $line): void
{
    fwrite(STDOUT, "$line\n");
    fflush(STDOUT);
}

function wait_go(): int
{
    $line = fgets(STDIN);
    if ($line === false || !str_starts_with($line, 'go ')) {
        exit(0);
    }
    return (int) substr(trim($line), 3);
}

function ms(int $ns): float
{
    return round($ns / 1e6, 3);
}

try {
    $servers = parse_servers($serversArg);
    $timeout = (float) $timeoutArg;
    // Settings of this process (params.ini, e.g. redislock.watchdog), as a php.ini would give them.
    foreach ($p['ini'] ?? [] as $k => $v) {
        if (ini_set($k, (string) $v) === false) {
            throw new RuntimeException("ini_set($k, $v) refused");
        }
    }
    $lock = $mode === 'ping' ? null : make_adapter($impl, $servers, $timeout);
    // A separate phpredis connection for the data the scenario works on (counter, stock).
    $data = in_array($mode, ['contended', 'oversell', 'ping'], true) ? bench_phpredis($servers[0][0], $servers[0][1], $timeout) : null;
    $data?->ping();
    $warm = "warm:$impl:" . getmypid();
    if ($lock !== null) {
        $t = $lock->acquire($warm, 10000, 1000);
        if ($t === false || !$lock->release($warm, $t)) {
            throw new RuntimeException('warm-up lock cycle failed');
        }
    }
    $w = $p['warm_cycles'] ?? 0;
    for ($i = 0; $i < $w; $i++) {
        $t = $lock->acquire("$warm:$i", 10000, 1000);
        if ($t === false || !$lock->release("$warm:$i", $t)) {
            throw new RuntimeException('warm-up lock cycle failed');
        }
    }
    out('ready');

    switch ($mode) {
        case 'ping':          // raw phpredis round trips, the client-side floor of any lock
            sleep_until(wait_go());
            $n = 0;
            $t0 = hrtime(true);
            $stop = $t0 + (int) ($p['seconds'] * 1e9);
            while ($n < $p['cycles'] && hrtime(true) < $stop) {
                $data->ping();
                $n++;
            }
            out('result ' . json_encode(['ops' => $n, 'seconds' => (hrtime(true) - $t0) / 1e9]));
            break;

        case 'uncontended':   // lock+unlock on distinct keys, as fast as one process goes
        case 'redlock':
            sleep_until(wait_go());
            $n = 0;
            $failures = 0;
            $pid = getmypid();
            $cpu0 = getrusage();
            $t0 = hrtime(true);
            $stop = $t0 + (int) ($p['seconds'] * 1e9);
            while ($n < $p['cycles'] && hrtime(true) < $stop) {
                $name = "{$p['run']}:$pid:$n";
                $t = $lock->acquire($name, $p['ttl_ms'], $p['wait_ms']);
                if ($t === false || !$lock->release($name, $t)) {
                    $failures++;
                }
                $n++;
            }
            $seconds = (hrtime(true) - $t0) / 1e9;
            $cpu1 = getrusage();
            $cpu = fn (array $u) => $u['ru_utime.tv_sec'] * 1e6 + $u['ru_utime.tv_usec'] + $u['ru_stime.tv_sec'] * 1e6 + $u['ru_stime.tv_usec'];
            out('result ' . json_encode(['cycles' => $n, 'failures' => $failures, 'seconds' => $seconds, 'cpu_us' => $cpu($cpu1) - $cpu($cpu0)]));
            break;

        case 'cost':          // redislock only, through its API (no adapter): what variants of the
                              // lock+unlock cycle cost (params.variants: name => [variant: acquireLock
                              // or acquireFenced, ini: settings such as the watchdog]), interleaved in
                              // blocks of params.block_cycles in this one process, the order rotated
                              // by block, so every variant meets the same machine
            sleep_until(wait_go());
            $lt = $p['lock_timeout_s'];
            $pid = getmypid();
            $names = array_keys($p['variants']);
            $cycle = function (string $v, string $name) use ($p, $lt): bool {
                if ($p['variants'][$v]['variant'] === 'acquireFenced') {
                    $l = RedisLock::acquireFenced($name, 0, $lt);
                    $id = $l === false ? false : $l['identifier'];
                } else {
                    $id = RedisLock::acquireLock($name, 0, $lt);
                }
                return $id !== false && RedisLock::releaseLock($name, $id);
            };
            $use = function (string $v) use ($p): void {
                foreach ($p['variants'][$v]['ini'] as $k => $x) {
                    if (ini_set($k, (string) $x) === false) {
                        throw new RuntimeException("ini_set($k, $x) refused");
                    }
                }
            };
            $cpu = fn (array $u) => $u['ru_utime.tv_sec'] * 1e6 + $u['ru_utime.tv_usec'] + $u['ru_stime.tv_sec'] * 1e6 + $u['ru_stime.tv_usec'];
            $acc = [];
            foreach ($names as $v) {        // warm-up of each (the watchdog's thread starts here)
                $use($v);
                for ($i = 0; $i < ($p['warm_cycles'] ?? 0); $i++) {
                    $cycle($v, "{$p['run']}:$pid:warm:$v:$i");
                }
                $acc[$v] = ['cycles' => 0, 'failures' => 0, 'ns' => 0, 'cpu_us' => 0, 'csw' => 0, 'durations' => []];
            }
            $n = 0;
            for ($blk = 0; $blk < $p['blocks']; $blk++) {
                $order = $names;
                for ($k = 0; $k < $blk % count($names); $k++) {
                    $order[] = array_shift($order);
                }
                foreach ($order as $v) {
                    $use($v);
                    $r = &$acc[$v];
                    $u0 = getrusage();
                    $t0 = hrtime(true);
                    for ($i = 0; $i < $p['block_cycles']; $i++, $n++) {
                        $a = hrtime(true);
                        if (!$cycle($v, "{$p['run']}:$pid:$n")) {
                            $r['failures']++;
                        }
                        $r['durations'][] = hrtime(true) - $a;
                    }
                    $r['ns'] += hrtime(true) - $t0;
                    $u1 = getrusage();
                    $r['cycles'] += $p['block_cycles'];
                    $r['cpu_us'] += $cpu($u1) - $cpu($u0);
                    $r['csw'] += $u1['ru_nvcsw'] - $u0['ru_nvcsw'] + $u1['ru_nivcsw'] - $u0['ru_nivcsw'];
                    unset($r);
                }
            }
            $out = [];
            foreach ($acc as $v => $r) {
                $out[$v] = ['cycles' => $r['cycles'], 'failures' => $r['failures'], 'seconds' => $r['ns'] / 1e9,
                    'cycles_per_s' => $r['cycles'] / ($r['ns'] / 1e9), 'cpu_us_per_cycle' => $r['cpu_us'] / $r['cycles'],
                    'csw_per_cycle' => $r['csw'] / $r['cycles'], 'cycle_p50_us' => percentile($r['durations'], 50) / 1000,
                    'cycle_p99_us' => percentile($r['durations'], 99) / 1000, 'cycle_max_us' => percentile($r['durations'], 100) / 1000];
            }
            out('result ' . json_encode(['cycles' => $n, 'variants' => $out]));
            break;

        case 'frozen':        // Redlock with one master frozen: what an acquire costs now
            sleep_until(wait_go());
            $acq = $rel = $cyc = [];
            $failures = 0;
            $pid = getmypid();
            $t0 = hrtime(true);
            $stop = $t0 + (int) ($p['seconds'] * 1e9);
            for ($n = 0; $n < $p['cycles'] && hrtime(true) < $stop; $n++) {
                $name = "{$p['run']}:$pid:$n";
                $a = hrtime(true);
                $t = $lock->acquire($name, $p['ttl_ms'], $p['wait_ms']);
                $b = hrtime(true);
                $acq[] = ms($b - $a);
                if ($t === false) {
                    $failures++;
                    continue;
                }
                $ok = $lock->release($name, $t);
                $rel[] = ms(hrtime(true) - $b);
                $cyc[] = ms(hrtime(true) - $a);
                $failures += $ok ? 0 : 1;
            }
            out('result ' . json_encode(['cycles' => $n, 'failures' => $failures, 'acquire_ms' => $acq,
                'release_ms' => $rel, 'cycle_ms' => $cyc, 'seconds' => (hrtime(true) - $t0) / 1e9]));
            break;

        case 'contended':     // one lock name, a non-atomic GET / SET+1 inside, other work outside
            sleep_until(wait_go());
            $waits = [];
            $ok = $failed = $releaseFailed = 0;
            for ($i = 0; $i < $p['cycles']; $i++) {
                $a = hrtime(true);
                $t = $lock->acquire($p['lock'], $p['ttl_ms'], $p['wait_ms']);
                $waits[] = ms(hrtime(true) - $a);
                if ($t === false) {
                    $failed++;
                } else {
                    $v = (int) $data->get($p['counter']);
                    usleep($p['cs_us']);
                    $data->set($p['counter'], $v + 1);
                    $ok++;
                    if (!$lock->release($p['lock'], $t)) {
                        $releaseFailed++;
                    }
                }
                usleep($p['outside_us']);
            }
            out('result ' . json_encode(['ok' => $ok, 'failed' => $failed, 'release_failed' => $releaseFailed,
                'waits_ms' => $waits, 'end_ns' => hrtime(true)]));
            break;

        case 'oversell':      // the flash-sale scenario: read stock, pause, write stock-1
            sleep_until(wait_go());
            $failed = 0;
            $bought = 0;
            for ($i = 0; $i < $p['purchases']; $i++) {
                $t = $lock->acquire($p['lock'], $p['ttl_ms'], $p['wait_ms']);
                if ($t === false) {
                    $failed++;
                    continue;
                }
                $stock = (int) $data->get($p['stock']);
                if ($stock > 0) {
                    usleep($p['pause_us']);     // the order is written to the database meanwhile
                    $data->set($p['stock'], $stock - 1);
                    $data->incr($p['sold']);
                    $bought++;
                }
                $lock->release($p['lock'], $t);
            }
            out('result ' . json_encode(['bought' => $bought, 'failed' => $failed, 'end_ns' => hrtime(true)]));
            break;

        case 'holder':        // the task-dispatch scenario (a worker dies holding its task): takes
                              // the lock, reports when, then is SIGKILLed holding it
            sleep_until(wait_go());
            $t = $lock->acquire($p['lock'], $p['ttl_ms'], $p['wait_ms']);
            if ($t === false) {
                throw new RuntimeException('holder could not take the lock');
            }
            out('held ' . hrtime(true));
            sleep(3600);      // until SIGKILL (or the alarm)
            break;

        case 'waiter':        // waits for the lock the killed holder still has
            sleep_until(wait_go());
            $a = hrtime(true);
            $t = $lock->acquire($p['lock'], $p['ttl_ms'], $p['wait_ms']);
            $b = hrtime(true);
            if ($t !== false) {
                $lock->release($p['lock'], $t);
            }
            out('result ' . json_encode(['got' => $t !== false, 'start_ns' => $a, 'got_ns' => $b]));
            break;

        default:
            throw new InvalidArgumentException("unknown mode $mode");
    }
} catch (Throwable $e) {
    out('error ' . get_class($e) . ': ' . str_replace("\n", ' ', $e->getMessage()));
    exit(3);
}
// Stay until the coordinator closes stdin, so it can read Redis' counters before we exit.
fgets(STDIN);
