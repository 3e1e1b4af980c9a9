<?php
/**
 * Renders bench/run.php's JSON, and nothing else, into:
 *   - a Markdown table (absolute numbers, ratios against the floor beside them) with its notes,
 *   - a PNG plot (gnuplot),
 *   - optionally README.md: the Markdown replaces what is between <!-- bench:start --> and
 *     <!-- bench:end --> (nothing outside the markers changes).
 *
 *   php bench/report.php latest.json latest.md latest.png [README.md]
 */
[, $jsonFile, $mdFile, $pngFile] = $argv + [null, null, null, null];
$readme = $argv[4] ?? null;
if (!$jsonFile || !$mdFile || !$pngFile) {
    fwrite(STDERR, "usage: report.php RESULTS.json OUT.md OUT.png [README.md]\n");
    exit(2);
}
$j = json_decode(file_get_contents($jsonFile), true, 64, JSON_THROW_ON_ERROR);
$S = $j['scenarios'];
$impls = array_keys($j['implementations']);
$floors = ['floor', 'floorwake'];       // plain phpredis: the first one is what ratios are against
$peers = array_values(array_filter($impls, fn ($i) => !in_array($i, ['redislock', ...$floors], true) && empty($j['implementations'][$i]['control'])));

// ------------------------------------------------------------------ cells
$notes = [];        // footnote text => number
function foot(string $text): string
{
    global $notes;
    $notes[$text] ??= count($notes) + 1;
    return '<sup>' . $notes[$text] . '</sup>';
}

function is_control(string $impl): bool
{
    return !empty($GLOBALS['j']['implementations'][$impl]['control']);
}

function num(?float $x, int $dec = 0): string
{
    if ($x === null) {
        return '–';
    }
    if ($dec === 0 && abs($x) < 10 && $x != round($x)) {
        $dec = 1;
    }
    return number_format($x, $dec, '.', ',');
}

/** The value of $path (e.g. 'frozen.acquire_p50_ms') in one implementation's result. */
function val(?array $r, string $path): ?float
{
    foreach (explode('.', $path) as $k) {
        if (!is_array($r) || !array_key_exists($k, $r)) {
            return null;
        }
        $r = $r[$k];
    }
    return is_numeric($r) ? (float) $r : null;
}

/** A cell for a number, with its ratio to the floor's. n/a and errors become footnotes. */
function cell(?array $r, ?array $floorR, string $path, string $impl, int $dec = 0, ?string $ratioPath = null): string
{
    if ($r === null) {
        return 'not run';
    }
    if (isset($r['na'])) {
        return 'n/a' . foot($r['na']);
    }
    if (isset($r['error']) || (is_array($r[explode('.', $path)[0]] ?? null) && isset($r[explode('.', $path)[0]]['error']))) {
        return 'error' . foot('measurement failed: ' . ($r['error'] ?? $r[explode('.', $path)[0]]['error']));
    }
    $v = val($r, $path);
    if ($v === null) {
        return '–';
    }
    $s = num($v, $dec);
    if ($impl !== 'floor' && $floorR !== null && ($ratio = $ratioPath ? val($r, $ratioPath) : null) === null) {
        $f = val($floorR, $path);
        $ratio = $f ? $v / $f : null;
    }
    if ($impl !== 'floor' && !is_control($impl) && isset($ratio)) {
        $s .= ' (' . number_format($ratio, 2) . '×)';
    }
    return $s;
}

function commands(?array $r): string
{
    if ($r === null || isset($r['na'])) {
        return isset($r['na']) ? 'n/a' . foot($r['na']) : 'not run';
    }
    $c = $r['commands_per_cycle'] ?? null;
    if (!$c) {
        return '–';
    }
    $parts = [];
    foreach ($c['sent_by_command'] as $cmd => $n) {
        $parts[] = strtoupper($cmd) . ($n != 1 ? ' ×' . num($n) : '');
    }
    return num($c['sent']) . ' (' . implode(', ', $parts) . ')';
}

$rows = [];
$row = function (string $scenario, string $metric, callable $f) use (&$rows, $impls) {
    $rows[] = array_merge([$scenario, $metric], array_map($f, $impls));
};
$res = fn (string $sc, string $impl) => $S[$sc]['results'][$impl] ?? null;

if (isset($S['uncontended'])) {
    $c = $S['uncontended']['config'];
    $sc = sprintf('1. uncontended<br>1 process, distinct keys; median of %d rounds', $c['rounds']);
    $row($sc, 'lock+unlock cycles/s ↑', fn ($i) => cell($res('uncontended', $i), $res('uncontended', 'floor'), 'cycles_per_s', $i, 0, 'ratio_to_floor'));
    $row($sc, 'Redis commands sent per cycle', fn ($i) => commands($res('uncontended', $i)));
    $row($sc, 'PHP process CPU per cycle, µs ↓', fn ($i) => cell($res('uncontended', $i), $res('uncontended', 'floor'), 'cpu_us_per_cycle', $i, 1));
}
if (isset($S['contended'])) {
    $c = $S['contended']['config'];
    $sc = sprintf('2. contended<br>%d processes × %d cycles, one lock; %d rounds, waits pooled', $c['procs'], $c['cycles'], $c['rounds']);
    $row($sc, 'throughput, cycles/s ↑', fn ($i) => cell($res('contended', $i), $res('contended', 'floor'), 'cycles_per_s', $i));
    $row($sc, 'wait to acquire p50, ms ↓', fn ($i) => cell($res('contended', $i), $res('contended', 'floor'), 'wait_p50_ms', $i, 2));
    $row($sc, 'wait to acquire p99, ms ↓', fn ($i) => cell($res('contended', $i), $res('contended', 'floor'), 'wait_p99_ms', $i, 1));
    $row($sc, 'wait to acquire max, ms ↓', fn ($i) => cell($res('contended', $i), $res('contended', 'floor'), 'wait_max_ms', $i, 1));
    $row($sc, 'counter = increments made under the lock', function ($i) use ($res) {
        $r = $res('contended', $i);
        if ($r === null || isset($r['na']) || isset($r['error'])) {
            return cell($r, null, 'x', $i);
        }
        $s = sprintf('%d / %d ', $r['counter'], $r['counter_expected']);
        $s .= $r['counter_ok'] ? '✓' : (is_control($i) ? '✗ lost updates (expected)' : '**✗ MISMATCH**');
        if ($r['failed_acquires']) {
            $s .= " ({$r['failed_acquires']} acquires timed out)";
        }
        return $s;
    });
}
if (isset($S['oversell'])) {
    $c = $S['oversell']['config'];
    $sc = sprintf('3. oversell (flash sale)<br>stock %d, %d processes × %d', $c['initial_stock'], $c['procs'], $c['purchases']);
    $row($sc, 'sold / oversold', function ($i) use ($res) {
        $r = $res('oversell', $i);
        if ($r === null || isset($r['na']) || isset($r['error'])) {
            return cell($r, null, 'x', $i);
        }
        $s = "{$r['sold']} / {$r['oversold']} ";
        $s .= $r['correct'] ? '✓' : (is_control($i) ? '✗ (expected)' : '**✗ OVERSOLD**');
        if ($r['failed_acquires']) {
            $s .= " ({$r['failed_acquires']} acquires timed out)";
        }
        return $s;
    });
    $row($sc, 'wall time, ms ↓', fn ($i) => cell($res('oversell', $i), $res('oversell', 'floor'), 'wall_ms', $i));
}
if (isset($S['redlock'])) {
    $c = $S['redlock']['config'];
    $sc = sprintf('4. Redlock, 5 masters<br>%d ms per master; median of %d rounds; frozen: %d cycles', $c['node_timeout_ms'], $c['rounds'], $c['frozen_cycles']);
    $row($sc, 'lock+unlock cycles/s ↑', fn ($i) => cell($res('redlock', $i), $res('redlock', 'floor'), 'cycles_per_s', $i, 0, 'ratio_to_floor'));
    $row($sc, 'Redis commands sent per cycle (all masters)', fn ($i) => commands($res('redlock', $i)));
    $row($sc, 'PHP process CPU per cycle, µs ↓', fn ($i) => cell($res('redlock', $i), $res('redlock', 'floor'), 'cpu_us_per_cycle', $i, 1));
    $row($sc, "master {$c['frozen_master']} frozen: acquire p50, ms ↓", fn ($i) => cell($res('redlock', $i), $res('redlock', 'floor'), 'frozen.acquire_p50_ms', $i, 1));
    $row($sc, "master {$c['frozen_master']} frozen: lock+unlock cycle p50, ms ↓", fn ($i) => cell($res('redlock', $i), $res('redlock', 'floor'), 'frozen.cycle_p50_ms', $i, 1));
}
if (isset($S['dead_holder'])) {
    $c = $S['dead_holder']['config'];
    $sc = sprintf('5. dead holder (task dispatch)<br>TTL %d ms, SIGKILL %d ms after acquiring', $c['ttl_ms'], $c['kill_after_ms']);
    $row($sc, sprintf('next holder in, ms after the kill ↓ (median of %d; best possible ≈ %d)', $c['trials'], $c['ttl_ms'] - $c['kill_after_ms']),
        function ($i) use ($res) {
            $r = $res('dead_holder', $i);
            $s = cell($r, $res('dead_holder', 'floor'), 'takeover_after_kill_ms', $i);
            return $s . dead_holder_notes($i, $r, $GLOBALS['S']['dead_holder']['config']);
        });
}
if (isset($S['dead_holder_long'])) {
    $c = $S['dead_holder_long']['config'];
    $lease = (int) $c['redislock_ini']['redislock.watchdog_lease'];
    $sc = sprintf('6. dead holder, long job<br>TTL / lock_timeout %s s, SIGKILL %s; redislock with its watchdog, lease %s ms',
        num($c['ttl_ms'] / 1000), $c['kill_after_ms'] ? "{$c['kill_after_ms']} ms after acquiring" : 'as soon as it has the lock', num($lease));
    $row($sc, sprintf('next holder in, ms after the kill ↓ (%s; best possible ≈ the key\'s TTL: %s, redislock %s)',
        $c['trials'] > 1 ? "median of {$c['trials']}" : 'one trial', num($c['ttl_ms'] - $c['kill_after_ms']), num($lease)),
        function ($i) use ($res, $c) {
            $r = $res('dead_holder_long', $i);
            return cell($r, $res('dead_holder_long', 'floor'), 'takeover_after_kill_ms', $i) . dead_holder_notes($i, $r, $c);
        });
}

/** Footnotes of a dead-holder cell: a TTL other than asked, the watchdog, trials that never got in. */
function dead_holder_notes(string $i, ?array $r, array $c): string
{
    $s = '';
    $label = $GLOBALS['j']['implementations'][$i]['label'];
    if (isset($r['lock_ttl_ms']) && $r['lock_ttl_ms'] !== $c['ttl_ms']) {
        $s .= foot(sprintf('%s: its TTL is its timeout + 1 s, so a %s s lock lives %s ms here',
            $label, num($c['ttl_ms'] / 1000), num($r['lock_ttl_ms'])));
    }
    if (!empty($r['watchdog_lease_ms']) && ($r['key_ttl_ms'] ?? null) !== ($r['lock_ttl_ms'] ?? null)) {
        $pttl = array_filter(array_column($r['trials'] ?? [], 'key_pttl_after_kill_ms'), 'is_numeric');
        $s .= foot(sprintf('%s: redislock.watchdog = 1, redislock.watchdog_lease = %d: a lock with lock_timeout %s s lives one lease in Redis and the holder\'s thread renews it every third of a lease%s',
            $label, $r['watchdog_lease_ms'], num($r['lock_ttl_ms'] / 1000),
            $pttl ? sprintf('; the dead holder\'s key had a PTTL of %s ms right after the kill', implode(', ', array_map(fn ($x) => num($x), $pttl))) : ''));
    }
    if (!empty($r['not_taken'])) {
        $s .= " ({$r['not_taken']} never taken)";
    }
    return $s;
}

$labels = array_map(fn ($i) => $j['implementations'][$i]['label'], $impls);
$md = [];
$md[] = '| scenario | metric | ' . implode(' | ', $labels) . ' |';
$md[] = '|---|---|' . str_repeat('---|', count($impls));
$prev = null;
foreach ($rows as $r) {
    $sc = $r[0] === $prev ? '' : $r[0];
    $prev = $r[0];
    $md[] = '| ' . $sc . ' | ' . implode(' | ', array_slice($r, 1)) . ' |';
}
$table = implode("\n", $md);

// ------------------------------------------------------------------ what redislock's options cost
$costMd = null;
if (isset($S['cost'])) {
    $c = $S['cost']['config'];
    $cr = $S['cost']['results'];
    $cm = [];
    $cm[] = sprintf('**What the watchdog and fencing cost** (scenario 7 of `bench/run.php`, redislock only): lock+unlock cycles on distinct keys through `RedisLock`\'s API, `$lock_timeout` %d s, one process per round in which the variants take turns in blocks of %d cycles (%d blocks each, the order rotated by block), so that they meet the same machine; %d rounds, %s cycles per variant in all. Cycles/s and the ratio to the first row: medians over rounds (the ratio of each round, then their median; per round: %s). p50/p99: of every cycle\'s duration in a round, median over rounds. CPU and context switches (getrusage, voluntary + involuntary) are the whole process\'s, the watchdog\'s thread included.',
        $c['lock_timeout_s'], $c['block_cycles'], $c['blocks'], $c['rounds'], num($c['rounds'] * $c['blocks'] * $c['block_cycles']),
        implode('; ', array_map(fn ($v) => $v . ' ' . implode(', ', array_map(fn ($x) => number_format($x, 2), $cr[$v]['rounds_ratio_to_plain'] ?? [])),
            array_keys(array_filter($cr, fn ($r, $v) => $v !== 'plain' && isset($r['rounds_ratio_to_plain']), ARRAY_FILTER_USE_BOTH)))));
    $cm[] = '';
    $cm[] = '| variant | lock+unlock cycles/s ↑ | ratio to watchdog off | cycle p50, µs ↓ | cycle p99, µs ↓ | PHP process CPU per cycle, µs ↓ | context switches per cycle ↓ | Redis commands sent per cycle |';
    $cm[] = '|---|---|---|---|---|---|---|---|';
    foreach ($c['variants'] as $v => $def) {
        $r = $cr[$v] ?? null;
        if ($r === null || isset($r['error'])) {
            $cm[] = sprintf('| %s | %s | | | | | | |', $def['label'], $r === null ? 'not run' : 'error: ' . $r['error']);
            continue;
        }
        $cm[] = sprintf('| %s | %s | %s | %s | %s | %s | %s | %s |', $def['label'], num($r['cycles_per_s']),
            $r['ratio_to_plain'] === null ? '–' : number_format($r['ratio_to_plain'], 3) . '×',
            num($r['cycle_p50_us'], 1), num($r['cycle_p99_us'], 1), num($r['cpu_us_per_cycle'], 1),
            isset($r['context_switches_per_cycle']) ? number_format($r['context_switches_per_cycle'], 2) : '–', commands($r));
    }
    // What the rows say, as differences to the first row (numbers from this run only).
    $base = $cr['plain'] ?? null;
    $diff = [];
    foreach (['watchdog' => 'the watchdog (every lock watched)', 'fenced' => 'acquireFenced()'] as $v => $what) {
        $r = $cr[$v] ?? null;
        if (!$base || !isset($r['cycles_per_s'], $base['cycles_per_s'])) {
            continue;
        }
        $diff[] = sprintf('%s: %+.1f µs CPU per cycle (%+.0f%%), %+.2f context switches per cycle, cycle p50 %+.1f µs, p99 %+.1f µs, cycles/s ×%.3f',
            $what, $r['cpu_us_per_cycle'] - $base['cpu_us_per_cycle'], 100 * ($r['cpu_us_per_cycle'] / $base['cpu_us_per_cycle'] - 1),
            $r['context_switches_per_cycle'] - $base['context_switches_per_cycle'], $r['cycle_p50_us'] - $base['cycle_p50_us'],
            $r['cycle_p99_us'] - $base['cycle_p99_us'], $r['ratio_to_plain']);
    }
    if ($diff) {
        $cm[] = '';
        $cm[] = 'Against the first row: ' . implode('; ', $diff) . '.';
        $wd = $cr['watchdog'] ?? null;
        if ($wd && $base && $wd['context_switches_per_cycle'] - $base['context_switches_per_cycle'] > 0.5) {
            $cm[] = 'The extra context switches are the watchdog\'s thread: the extension wakes it for every lock it starts to watch (it then goes back to sleep until the first renewal is due), so a watched acquire costs a thread wake-up even when the lock is released long before its first renewal.';
        }
        if ($wd && $base && $wd['ratio_to_plain'] > 1) {
            $cm[] = sprintf('A ratio above 1 is not a speed-up by the watchdog: cycles/s follow the mean cycle, which here is set by a tail of slow cycles (watchdog off: p50 %s µs, p99 %s µs); with the watchdog\'s thread woken at every acquire the CPU idles less between round trips, and that tail was shorter (p99 %s µs). The cost per cycle is the CPU and p50 rows.',
                num($base['cycle_p50_us'], 1), num($base['cycle_p99_us'], 1), num($wd['cycle_p99_us'], 1));
        }
    }
    $costMd = implode("\n", $cm);
}

// ------------------------------------------------------------------ where redislock is not ahead
$base = $j['baseline'] ?? null;
$spread = function (string $sc) use ($res): ?string {
    $xs = $res($sc, 'redislock')['rounds_cycles_per_s'] ?? [];
    if (count($xs) < 2) {
        return null;
    }
    return sprintf('%d%%', round(100 * (max($xs) - min($xs)) / median_of($xs)));
};
function median_of(array $xs): float
{
    sort($xs);
    $n = count($xs);
    return $n % 2 ? $xs[intdiv($n, 2)] : ($xs[$n / 2 - 1] + $xs[$n / 2]) / 2;
}
/** Why, for each check where redislock can be behind: facts of the design, shown only when it is. */
$why = [
    'uncontended' => fn () => sprintf('One process doing lock+unlock is bound by its round trips%s. The extension saves PHP-side work, which is small next to a round trip, so the implementations that make two round trips per cycle (redislock, both floors, the blog-post class, malkusch/lock) land within run-to-run noise of each other%s; symfony/lock makes four.',
        $base ? sprintf(' (one round trip across CPUs here: about %d µs, from phpredis\' %s pings/s)', round(1e6 / $base['phpredis_ping_per_s']), num($base['phpredis_ping_per_s'])) : '',
        ($sp = $spread('uncontended')) ? " (redislock's own rounds spread by $sp)" : ''),
    'cpu' => fn () => 'This is the CPU time (user + system, getrusage) of the measuring process per cycle. Most of it is the kernel sending, receiving and waking the process for each round trip, so it follows the machine\'s scheduling as much as the client code.',
    'contended_peers' => fn () => 'The peers sleep 100 ms (blog-post class, symfony/lock) or 10-500 ms (malkusch/lock) between attempts, so the process that has just released takes the lock again 2 ms later while the others still sleep: most of their acquires wait nothing, a few wait hundreds of ms (their p99 and max, and their lower throughput). redislock\'s waiters block on the lock\'s wake list and each release wakes the first of them (Redis serves blocked clients in arrival order): the waiters take turns, so a typical acquire waits for the ones queued before it (its p50), and none waits much longer (its p99 and max).',
    'contended_floor' => function () use ($res) {
        $xs = $res('contended', 'floor')['rounds_cycles_per_s'] ?? [];
        $spread = count($xs) > 1 ? sprintf(' (the floor\'s own rounds spread by %d%% in throughput)', round(100 * (max($xs) - min($xs)) / median_of($xs))) : '';
        return "The first floor retries after random 0.5-4 ms pauses, so the process that has just released often takes the lock again at once: its typical acquire waits little (p50) while unlucky waiters lose retry after retry (its p99 and max). redislock's waiters take turns in arrival order, woken by each release$spread.";
    },
    'contended_wake' => fn () => 'The second floor\'s waiters block in BLPOP on the lock\'s wake list and every release pushes one wake-up to it, so one waiter learns of a release one round trip after it, not at its next retry; a waiter not woken tries again after at most 100 ms.',
    'dead_holder_wake' => fn () => 'A dead holder pushes no wake-up: the second floor\'s waiter blocks for min(PTTL + 1 ms, 100 ms) at a time, and Redis ends a timed-out BLPOP only at its next timer tick (10 a second at the default hz), so it gets in up to about 100 ms after the expiry.',
    'frozen' => function () use ($res, $j) {
        $d = val($res('redlock', 'redislock'), 'frozen.acquire_p50_ms') - val($res('redlock', 'floor'), 'frozen.acquire_p50_ms');
        $hz = $j['machine']['kernel_hz'] ?? null;
        return sprintf('With a master that never answers, every implementation waits out the %d ms per-master timeout once per acquire (and once per release). redislock waits %.1f ms longer than the floor: its socket read timeout (SO_RCVTIMEO) is rounded up to the kernel timer tick%s, where phpredis waits in poll() with a precise timeout, and the timeout for a master it reconnects to starts at that connect, after the writes to the other masters.',
            $j['timeouts']['per_master_s'] * 1000, $d, $hz ? sprintf(' (%d ms: this kernel has CONFIG_HZ=%d)', 1000 / $hz, $hz) : '');
    },
    'oversell' => fn () => 'A buyer goes straight back to acquire after releasing (no work outside the lock here), so with a peer whose waiters sleep 10-500 ms the buyer that has just released takes the lock again at once and finishes its purchases while the others sleep; redislock\'s waiters are woken in turn by each release. Either way the lock is held about 1 ms per purchase that finds stock.',
    'dead_holder_peers' => fn () => 'Every implementation must wait for the dead holder\'s TTL; a peer that retries at a lucky instant can be first by a few ms.',
    'dead_holder' => fn () => 'Every implementation must wait for the dead holder\'s TTL. redislock\'s waiter blocks until the holder\'s PTTL + 1 ms and, because Redis ends a timed-out BLPOP only at its next timer tick, ends that block itself at that moment (closing the connection, then one reconnect): it gets in a few ms after the expiry. The first floor retries every 0.5-4 ms, so it can be first by those few ms.',
    'redlock' => fn () => 'redislock writes to the five masters at once and reads the replies as they come; the peers ask one master after another.',
    'dead_holder_long' => fn () => 'With the watchdog the dead holder\'s key lives one lease (its thread renewed it while it lived); the others asked for the whole job\'s TTL.',
];
$behind = [];
$checks = [
    // [scenario, value, what, higher is better, reason when the floor is better, reason when a peer is better,
    //  reason when the floor that wakes on release is better]
    ['uncontended', 'cycles_per_s', 'uncontended cycles/s', true, 'uncontended', 'uncontended', 'uncontended'],
    ['uncontended', 'cpu_us_per_cycle', 'PHP process CPU per uncontended cycle (µs)', false, 'cpu', 'cpu', 'cpu'],
    ['contended', 'cycles_per_s', 'contended throughput (cycles/s)', true, 'contended_floor', 'contended_peers', 'contended_wake'],
    ['contended', 'wait_p50_ms', 'contended wait p50 (ms)', false, 'contended_floor', 'contended_peers', 'contended_wake'],
    ['contended', 'wait_p99_ms', 'contended wait p99 (ms)', false, 'contended_floor', 'contended_peers', 'contended_wake'],
    ['contended', 'wait_max_ms', 'contended wait max (ms)', false, 'contended_floor', 'contended_peers', 'contended_wake'],
    ['oversell', 'wall_ms', 'oversell wall time (ms)', false, 'contended_floor', 'oversell', 'contended_wake'],
    ['redlock', 'cycles_per_s', 'Redlock cycles/s', true, 'redlock', 'redlock', 'redlock'],
    ['redlock', 'cpu_us_per_cycle', 'PHP process CPU per Redlock cycle (µs)', false, 'cpu', 'cpu', 'cpu'],
    ['redlock', 'frozen.acquire_p50_ms', 'Redlock acquire with a master frozen (ms)', false, 'frozen', 'frozen', 'frozen'],
    ['dead_holder', 'takeover_after_kill_ms', 'dead holder: next holder in (ms after the kill)', false, 'dead_holder', 'dead_holder_peers', 'dead_holder_wake'],
    ['dead_holder_long', 'takeover_after_kill_ms', 'dead holder, long job: next holder in (ms after the kill)', false, 'dead_holder_long', 'dead_holder_long', 'dead_holder_long'],
];
$explained = [];
foreach ($checks as [$sc, $path, $what, $higherBetter, $floorReason, $peerReason, $wakeReason]) {
    $mine = val($res($sc, 'redislock'), $path);
    if ($mine === null) {
        continue;
    }
    $worse = [];
    $reasons = [];
    foreach (array_merge($floors, $peers) as $other) {
        $v = val($res($sc, $other), $path);
        if ($v !== null && ($higherBetter ? $v > $mine : $v < $mine)) {
            $pct = $v ? 100 * ($mine - $v) / $v : 0;
            $worse[] = sprintf('%s %s (redislock %s%%)', $j['implementations'][$other]['label'], num($v, $v < 10 ? 2 : 0),
                sprintf(abs($pct) < 10 ? '%+.1f' : '%+.0f', $pct));
            $reasons[match ($other) { 'floor' => $floorReason, 'floorwake' => $wakeReason, default => $peerReason }] = true;
        }
    }
    if ($worse) {
        $line = sprintf('- **%s**: redislock %s; better: %s.', $what, num($mine, $mine < 10 ? 2 : 0), implode(', ', $worse));
        foreach (array_keys($reasons) as $reason) {
            if (!isset($explained[$reason])) {
                $line .= ' ' . $why[$reason]();
                $explained[$reason] = preg_replace('/ \(.*\)$/', '', $what);
            } else {
                $line .= " (Why: see $explained[$reason].)";
            }
        }
        $behind[] = $line;
    }
}

// ------------------------------------------------------------------ Markdown
$b = $j['baseline'] ?? null;
$out = [];
$out[] = sprintf('Run of %s%s: %d CPUs, Linux %s, PHP %s, phpredis %s, redis-server %s, redislock %s, php-symfony-lock %s, php-malkusch-lock %s; measurements %s s. Generated from [`%s`](%s) by `bench/report.php`.',
    $j['generated'], $j['quick'] ? ' (QUICK development run)' : '', $j['machine']['cpus'], $j['machine']['kernel'], $j['versions']['php'],
    $j['versions']['phpredis'], $j['versions']['redis_server'], $j['versions']['redislock'], $j['versions']['php-symfony-lock'],
    $j['versions']['php-malkusch-lock'],
    $j['wall_s'] . (getenv('BENCH_STARTED') ? sprintf(' (`scripts/bench.sh` from its start to this report, setup included: %d s)', time() - (int) getenv('BENCH_STARTED')) : ''), $jsonFile, $jsonFile);
$out[] = '';
$out[] = "![redislock against the PHP lock libraries, six scenarios]($pngFile)";
$out[] = '';
if ($b) {
    $out[] = sprintf('Round trips on this machine (one connection, one command at a time): `redis-benchmark` SET %s/s, PING %s/s; phpredis `ping()` %s/s. A lock cycle needs two round trips, so about **%s cycles/s** is the ceiling for any client here.',
        num($b['redis_benchmark_set_per_s']), num($b['redis_benchmark_ping_per_s']), num($b['phpredis_ping_per_s']), num($b['phpredis_ping_per_s'] / 2));
    $out[] = '';
}
$out[] = 'Ratios in parentheses are against the first floor (plain phpredis, fewest round trips, retrying after 0.5-4 ms pauses) in the same run: above 1 is more for ↑ rows, more time for ↓ rows.';
$out[] = '';
$out[] = $table;
$out[] = '';
$foot = [];
foreach ($notes as $text => $n) {
    $foot[] = "<sup>$n</sup> $text";
}
if ($foot) {
    $out[] = implode("<br>\n", $foot);
    $out[] = '';
}
if ($costMd !== null) {
    $out[] = $costMd;
    $out[] = '';
}
if ($j['correctness_failures']) {
    $out[] = '**CORRECTNESS FAILURES in this run:** ' . implode('; ', $j['correctness_failures']);
    $out[] = '';
}
if ($j['errors']) {
    $out[] = '**Not measured (errors):** ' . implode('; ', $j['errors']);
    $out[] = '';
}
$out[] = 'What was measured:';
foreach ($impls as $i) {
    $out[] = sprintf('- **%s**: %s.', $j['implementations'][$i]['label'], $j['implementations'][$i]['what']);
}
$out[] = sprintf('- Timeouts: every phpredis connection and the extension use %s s to connect and %s s per reply on one server, %d ms per master on five.',
    num($j['timeouts']['single_server_s'], 1), num($j['timeouts']['single_server_s'], 1), $j['timeouts']['per_master_s'] * 1000);
if (!empty($j['pinning'])) {
    $out[] = '- ' . $j['pinning'] . '.';
}
$out[] = '- Each measured process is a fresh `php` with the extension loaded; processes of a scenario wait for a shared start instant. Rates are medians over rounds in which the implementations alternate; ratios for them are medians of per-round ratios.';
$out[] = '';
if ($behind) {
    $out[] = 'Where redislock is not ahead of every peer and both floors in this run (listed from the JSON, with the reason):';
    $out[] = '';
    $out = array_merge($out, $behind);
    $out[] = '';
}
$markdown = implode("\n", $out);
file_put_contents($mdFile, $markdown . "\n");

// ------------------------------------------------------------------ README
if ($readme !== null) {
    $text = file_get_contents($readme);
    $start = '<!-- bench:start -->';
    $end = '<!-- bench:end -->';
    $a = strpos($text, $start);
    $z = strpos($text, $end);
    if ($a === false || $z === false || $z < $a) {
        fwrite(STDERR, "report: $readme has no $start ... $end block\n");
        exit(2);
    }
    $text = substr($text, 0, $a + strlen($start)) . "\n" . $markdown . "\n" . substr($text, $z);
    file_put_contents($readme, $text);
}

// ------------------------------------------------------------------ plot
$colors = ['redislock' => '0xd62728', 'floor' => '0x7f7f7f', 'floorwake' => '0x404040', 'oldclass' => '0x1f77b4', 'symfony' => '0x2ca02c',
    'malkusch' => '0x9467bd', 'nolock' => '0xbcbd22'];
$panels = [
    ['uncontended', 'cycles_per_s', '1. uncontended: lock+unlock cycles/s (higher is better)', false],
    ['contended', 'cycles_per_s', '2. contended, 8 processes: cycles/s (higher is better)', false],
    ['contended', 'wait_p50_ms', '2. contended: wait to acquire p50, ms (log; lower is better)', true],
    ['contended', 'wait_p99_ms', '2. contended: wait to acquire p99, ms (log; lower is better)', true],
    ['oversell', 'wall_ms', '3. oversell: wall time, ms (lower is better)', false],
    ['redlock', 'cycles_per_s', '4. Redlock, 5 masters: cycles/s (higher is better)', false],
    ['redlock', 'frozen.acquire_p50_ms', '4. one master frozen: acquire p50, ms (lower is better)', false],
    ['dead_holder', 'takeover_after_kill_ms', '5. dead holder: next holder in, ms after SIGKILL (lower is better)', false],
    ['dead_holder_long', 'takeover_after_kill_ms', isset($S['dead_holder_long']) ? sprintf('6. long job, dead holder: next holder in, ms (TTL %s s; redislock lease %s s)',
        num($S['dead_holder_long']['config']['ttl_ms'] / 1000), num((int) $S['dead_holder_long']['config']['redislock_ini']['redislock.watchdog_lease'] / 1000)) : '6. long job, dead holder', false],
];
$tmp = dirname($pngFile) . '/tmp';
@mkdir($tmp, 0777, true);
$gp = [];
$gp[] = "set terminal pngcairo size 1800,1350 font 'DejaVu Sans,10'";
$gp[] = 'set output ' . json_encode($pngFile);
$gp[] = 'set multiplot layout 3,3 title ' . json_encode(sprintf('redislock vs PHP lock libraries (%s, %d CPUs)%s', substr($j['generated'], 0, 10),
    $j['machine']['cpus'], $j['quick'] ? ' QUICK RUN' : '')) . ' font ",13"';
$gp[] = 'set style fill solid 0.85 border -1';
$gp[] = 'set boxwidth 0.7';
$gp[] = 'set xtics rotate by -35 left nomirror font ",9"';
$gp[] = 'set grid ytics';
$gp[] = 'set key off';
$gp[] = 'set datafile missing "NaN"';
$gp[] = "set datafile separator '\\t'";
foreach ($panels as $k => [$sc, $path, $title, $log]) {
    $rowsP = [];
    $max = 0;
    foreach (array_filter($impls, fn ($i) => !is_control($i)) as $i) {      // the control is in the table, not the plot
        $r = $res($sc, $i);
        $v = val($r, $path);
        $label = $j['implementations'][$i]['label'] . ($v === null ? ' (n/a)' : '');
        $rowsP[] = sprintf("%s\t%s\t%d", $label, $v === null ? 'NaN' : max($v, $log ? 0.01 : 0), hexdec($colors[$i]));
        $max = max($max, $v ?? 0);
    }
    $dat = "$tmp/plot$k.tsv";
    file_put_contents($dat, implode("\n", $rowsP) . "\n");
    $gp[] = 'set title ' . json_encode($title) . ' font ",10"';
    $gp[] = sprintf('set xrange [-0.6:%s]', count($rowsP) - 0.4);
    $gp[] = 'unset label 1';
    if ($max <= 0) {
        $gp[] = 'set label 1 "not measured in this run" at graph 0.5, 0.5 center';
    }
    if ($log) {
        $gp[] = 'set logscale y';
        $gp[] = $max > 0 ? 'set yrange [0.01:*]' : 'set yrange [0.01:10]';
    } else {
        $gp[] = 'unset logscale y';
        $gp[] = sprintf('set yrange [0:%s]', $max > 0 ? $max * 1.18 : 1);
    }
    $gp[] = sprintf('plot %s using 0:2:3:xtic(1) with boxes lc rgb variable, "" using 0:2:(sprintf(%s, $2)) with labels offset 0,0.7 font ",8"',
        json_encode($dat), json_encode($max >= 100 ? '%.0f' : '%.1f'));
}
$gp[] = 'unset multiplot';
file_put_contents("$tmp/plot.gp", implode("\n", $gp) . "\n");
exec('gnuplot ' . escapeshellarg("$tmp/plot.gp") . ' 2>&1', $o, $rc);
if ($rc !== 0) {
    fwrite(STDERR, "report: gnuplot failed:\n" . implode("\n", $o) . "\n");
    exit(2);
}
echo "report: wrote $mdFile, $pngFile" . ($readme ? ", and the table into $readme" : '') . "\n";
