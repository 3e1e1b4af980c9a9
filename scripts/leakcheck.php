<?php
/**
 * The workloads of scripts/leakcheck.sh (run by it, not by hand; no other extension needed: php -n).
 *
 *   php -n -d extension=libredislock.so scripts/leakcheck.php rss      PORT CYCLES LEASE_MS
 *   php -n -d extension=libredislock.so scripts/leakcheck.php valgrind PORT CYCLES LEASE_MS
 *
 * rss: CYCLES watchdog acquire/release cycles (lock_timeout 5 s, longer than the lease: every lock
 *   is watched) while 3 locks stay held and renewed; VmRSS (/proc/self/status) before the first
 *   cycle and after every 10,000. Prints one JSON line.
 * valgrind: the same cycles (fewer), then synchronized() (returning, throwing, refused),
 *   acquireFenced(), isHeld(), extendLock(), RedLock lock/isHeld/extend/unlock, while 3 locks stay
 *   held across many renewal periods (checked held at the end); one watched lock is left at
 *   request end. Prints one JSON line.
 * Exit status 1 when the extension misbehaved (a failed cycle, a held lock lost, no renewal).
 *
 *   php -n scripts/leakcheck.php parse-valgrind VALGRIND.LOG
 * Sorts valgrind's records (errors and leak records) into: errors (invalid read/write, use of
 * uninitialised values, bad frees...), with or without a libredislock frame; leaks with a
 * libredislock frame made once at module startup (MINIT: class and INI registration; they do not
 * grow with use), other leaks with a libredislock frame, and leaks without one (PHP's). Prints one
 * line; exit status 1 on any error record, or on a definite leak of libredislock outside startup.
 */
[, $mode, $port, $cycles, $lease] = $argv + [null, null, null, null, null];
if ($mode === 'parse-valgrind') {
    exit(parse_valgrind((string) $port));
}
if (!in_array($mode, ['rss', 'valgrind'], true) || !$port) {
    fwrite(STDERR, "usage: leakcheck.php rss|valgrind PORT CYCLES LEASE_MS\n");
    exit(2);
}
$cycles = (int) $cycles;
$lease = (int) $lease;
ini_set('redislock.servers', "redis://127.0.0.1:$port");
ini_set('redislock.prefix', 'leakcheck:');
ini_set('redislock.watchdog', '1');
ini_set('redislock.watchdog_lease', (string) $lease);
ini_set('redislock.auto_release', '0');

$problems = [];
function problem(string $what): void
{
    global $problems;
    $problems[] = $what;
    fwrite(STDERR, "leakcheck: $what\n");
}

function rss_kb(): int
{
    return preg_match('/^VmRSS:\s+(\d+) kB/m', (string) file_get_contents('/proc/self/status'), $m) ? (int) $m[1] : -1;
}

/** [watched, renewals, lost] from phpinfo()'s "watchdog (this process)" line. */
function watchdog_stats(): array
{
    ob_start();
    phpinfo(INFO_MODULES);
    $info = (string) ob_get_clean();
    if (preg_match('/watchdog \(this process\) => running: (\d+) lock\(s\) renewed; (\d+) renewal\(s\), (\d+) lock\(s\) found lost/', $info, $m)) {
        return [(int) $m[1], (int) $m[2], (int) $m[3]];
    }
    return [0, 0, 0];
}

function cycle(string $name, int|float $lockTimeout = 5): void
{
    $id = RedisLock::acquireLock($name, 0, $lockTimeout);
    if ($id === false) {
        problem("acquireLock($name) refused (nobody else holds it)");
        return;
    }
    if (!RedisLock::releaseLock($name, $id)) {
        problem("releaseLock($name) returned false");
    }
}

$run = getmypid();
cycle("first:$run");     // the connection (and the thread) first: under valgrind it takes longer than a short lease
$start = hrtime(true);
// Three locks held for the whole run: the watchdog renews them every lease/3 throughout.
$held = [];
for ($k = 0; $k < 3; $k++) {
    $held["held:$run:$k"] = RedisLock::acquireLock("held:$run:$k", 0, 600) ?: problem("held lock $k not acquired");
}

if ($mode === 'rss') {
    for ($i = 0; $i < 1000; $i++) {     // warm-up: connections, the thread, the allocator
        cycle("warm:$run:$i");
    }
    $samples = [0 => rss_kb()];
    for ($i = 1; $i <= $cycles; $i++) {
        cycle("c:$run:$i");
        if ($i % 10000 === 0) {
            $samples[$i] = rss_kb();
        }
    }
} else {
    for ($i = 1; $i <= $cycles; $i++) {
        cycle("c:$run:$i");
    }
    for ($i = 0; $i < 200; $i++) {      // synchronized(): returns, throws, refused
        $r = RedisLock::synchronized("s:$run:$i", fn () => str_repeat('x', $i), 0, 5);
        if ($r !== str_repeat('x', $i)) {
            problem("synchronized() returned something else");
        }
        if ($i % 10 === 0) {
            try {
                RedisLock::synchronized("s:$run:$i", function () {
                    throw new DomainException('from the callback');
                }, 0, 5);
                problem('synchronized() swallowed the exception');
            } catch (DomainException) {
            }
            try {
                RedisLock::synchronized(array_key_first($held), fn () => problem('ran under a lock held by another'), 0, 5);
            } catch (RedisLockTimeoutException) {
            }
        }
    }
    for ($i = 0; $i < 200; $i++) {      // acquireFenced(), isHeld(), extendLock()
        $name = "f:$run:$i";
        $l = RedisLock::acquireFenced($name, 0, 5);
        if (!is_array($l) || !is_int($l['fence'])) {
            problem('acquireFenced() failed');
            continue;
        }
        if (!RedisLock::isHeld($name, $l['identifier'])) {
            problem('isHeld() false right after acquireFenced()');
        }
        if (!RedisLock::extendLock($name, $l['identifier'], 7)) {
            problem('extendLock() of a held lock returned false');
        }
        if (!RedisLock::releaseLock($name, $l['identifier'])) {
            problem('releaseLock() after extendLock() returned false');
        }
        if (RedisLock::isHeld($name, $l['identifier']) || RedisLock::extendLock($name, $l['identifier'], 7)) {
            problem('isHeld()/extendLock() true after release');
        }
    }
    $rl = new RedLock([['127.0.0.1', (int) $port, 1.0]], 10, 1);
    for ($i = 0; $i < 100; $i++) {      // RedLock on one master, watched (ttl above the lease)
        $lock = $rl->lock("r:$run:$i", 5000);
        if ($lock === false) {
            problem('RedLock::lock() refused');
            continue;
        }
        if (!$rl->isHeld($lock) || ($ext = $rl->extend($lock, 6000)) === false || !$rl->unlock($ext)) {
            problem('RedLock isHeld/extend/unlock failed');
        }
    }
    // Keep the held locks across several renewal periods (at least 10 of lease/3, and 1 s).
    $until = $start + max(10 * $lease / 3, 1000) * 1_000_000;
    while (hrtime(true) < $until) {
        usleep(10000);
    }
    // One more extendLock() on a watched lock that the thread has renewed.
    $first = array_key_first($held);
    if (is_string($held[$first]) && !RedisLock::extendLock($first, $held[$first], 600)) {
        problem('extendLock() of a renewed lock returned false');
    }
}

$elapsedMs = (hrtime(true) - $start) / 1e6;
// Checked before phpinfo(): under valgrind (one thread runs at a time) its 100+ ms of CPU can keep
// the watchdog's thread from running for longer than a short lease.
foreach ($held as $name => $id) {
    if (!is_string($id) || !RedisLock::isHeld($name, $id)) {
        problem(sprintf('%s was lost after %.0f ms (lease %d ms): not renewed', $name, $elapsedMs, $lease));
    }
}
[$watched, $renewals, $lost] = watchdog_stats();
if ($renewals === 0) {
    problem('no renewal happened');
}
if ($lost) {
    problem("the watchdog found $lost lock(s) lost");
}
$leftName = array_key_last($held);
unset($held[$leftName]);        // left held at request end: the request end stops its renewal
foreach (array_filter($held, 'is_string') as $name => $id) {
    if (!RedisLock::releaseLock($name, $id)) {
        problem("release of $name returned false");
    }
}
$out = ['mode' => $mode, 'cycles' => $cycles, 'lease_ms' => $lease, 'elapsed_ms' => round($elapsedMs),
    'renewals' => $renewals, 'watched_at_end' => $watched, 'lost' => $lost, 'left_held_at_request_end' => $leftName,
    'problems' => $problems];
if ($mode === 'rss') {
    $out['rss_kb'] = $samples;
}
echo json_encode($out), "\n";
exit($problems ? 1 : 0);

function parse_valgrind(string $file): int
{
    $log = (string) @file_get_contents($file);
    if (!preg_match('/ERROR SUMMARY: (\d+) errors from (\d+) contexts/', $log, $m)) {
        echo "valgrind: no ERROR SUMMARY in $file (valgrind did not finish)\n";
        return 1;
    }
    $summary = [];
    foreach (['definitely', 'indirectly', 'possibly'] as $k) {
        $summary[$k] = preg_match("/$k lost: ([\\d,]+) bytes in ([\\d,]+) blocks/", $log, $x) ? "$x[1] bytes in $x[2] blocks" : '0 bytes';
    }
    $errors = ['ours' => [], 'other' => []];
    $leaks = ['startup' => [], 'ours' => [], 'other' => []];
    // One record per error or leak: the lines between two "==pid== " empty lines.
    foreach (preg_split('/^==\d+== ?\n/m', $log) as $b) {
        $b = preg_replace('/^==\d+== ?/m', '', $b);
        $first = trim((string) strtok($b, "\n"));
        $ours = stripos($b, 'redislock') !== false;
        if (preg_match('/^([\d,]+)(?: \(([\d,]+) direct.*?\))? bytes in [\d,]+ blocks are (definitely|possibly|indirectly) lost/', $first, $x)) {
            $where = !$ours ? 'other' : (preg_match('/module::startup|zend_startup_module/', $b) ? 'startup' : 'ours');
            $leaks[$where][$x[3]] = ($leaks[$where][$x[3]] ?? 0) + (int) str_replace(',', '', $x[2] !== '' ? $x[2] : $x[1]);
        } elseif (preg_match('/^(Invalid|Conditional jump|Use of uninitialised|Syscall param|Mismatched|Source and destination|Argument .* of function|Process terminating|Jump to the invalid)/', $first)) {
            $kind = preg_replace('/ of size \d+| at 0x\S+|\(s\)/', '', $first);
            $errors[$ours ? 'ours' : 'other'][$kind] = ($errors[$ours ? 'ours' : 'other'][$kind] ?? 0) + 1;
        }
    }
    $fmt = fn (array $xs, string $unit) => $xs ? implode(', ', array_map(fn ($k, $n) => "$k $n$unit", array_keys($xs), $xs)) : 'none';
    printf("valgrind: LEAK SUMMARY definitely lost %s, indirectly lost %s, possibly lost %s; %s\n", $summary['definitely'],
        $summary['indirectly'], $summary['possibly'], "ERROR SUMMARY $m[1] errors from $m[2] contexts (leak records included)");
    printf("  error records (invalid read/write etc.) with a libredislock frame: %s; without: %s\n", $fmt($errors['ours'], ''), $fmt($errors['other'], ''));
    printf("  leaks with a libredislock frame, made at module startup (once per process): %s\n", $fmt($leaks['startup'], ' bytes (direct)'));
    printf("  leaks with a libredislock frame, elsewhere: %s; leaks without one: %s\n", $fmt($leaks['ours'], ' bytes (direct)'), $fmt($leaks['other'], ' bytes (direct)'));
    return $errors['ours'] || $errors['other'] || !empty($leaks['ours']['definitely']) ? 1 : 0;
}
