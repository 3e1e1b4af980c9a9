<?php
/**
 * The same peer benchmark on two PHP versions side by side, from two runs' JSON (bench/run.php) and
 * nothing else: the main rows for redislock and the first floor (plain phpredis, the machine's
 * reference), each run's value, the ratio, each run's per-round (or per-trial) range, and whether
 * the difference is beyond the run-to-run noise (the two ranges do not overlap). Replaces what is
 * between <!-- bench-versions:start --> and <!-- bench-versions:end --> in README.md.
 *
 *   php bench/versions.php bench/results/latest.json bench/results/php84/latest.json [README.md]
 */
[, $fileA, $fileB] = $argv + [null, null, null];
$readme = $argv[3] ?? null;
if (!$fileA || !$fileB) {
    fwrite(STDERR, "usage: versions.php RUN_A.json RUN_B.json [README.md]\n");
    exit(2);
}
$A = json_decode(file_get_contents($fileA), true, 64, JSON_THROW_ON_ERROR);
$B = json_decode(file_get_contents($fileB), true, 64, JSON_THROW_ON_ERROR);
$va = 'PHP ' . preg_replace('/^(\d+\.\d+).*/', '$1', $A['versions']['php']);
$vb = 'PHP ' . preg_replace('/^(\d+\.\d+).*/', '$1', $B['versions']['php']);

function num(?float $x, int $dec = 0): string
{
    if ($x === null) {
        return '–';
    }
    return number_format($x, $dec, '.', ',');
}

/** [value, per-round values or null] of $path in one implementation's result of a scenario. */
function pick(array $j, string $sc, string $impl, string $path, ?string $spreadPath): array
{
    $r = $j['scenarios'][$sc]['results'][$impl] ?? null;
    $get = function ($r, string $p) {
        foreach (explode('.', $p) as $k) {
            if (!is_array($r) || !array_key_exists($k, $r)) {
                return null;
            }
            $r = $r[$k];
        }
        return $r;
    };
    $v = $get($r, $path);
    $spread = $spreadPath ? $get($r, $spreadPath) : null;
    if (is_array($spread) && $spread && is_array($spread[0] ?? null)) {     // trials: one field of each
        $spread = array_values(array_filter(array_column($spread, 'after_kill_ms'), 'is_numeric'));
    }
    return [is_numeric($v) ? (float) $v : null, is_array($spread) && count($spread) > 1 ? array_map('floatval', $spread) : null];
}

$label = fn (string $impl) => $A['implementations'][$impl]['label'] ?? $impl;
// [scenario, metric, implementation, path in the result, decimals, per-round path]
$rows = [
    ['1. uncontended', 'lock+unlock cycles/s ↑', 'redislock', 'cycles_per_s', 0, 'rounds_cycles_per_s'],
    ['', '', 'floor', 'cycles_per_s', 0, 'rounds_cycles_per_s'],
    ['', 'PHP process CPU per cycle, µs ↓', 'redislock', 'cpu_us_per_cycle', 1, null],
    ['', '', 'floor', 'cpu_us_per_cycle', 1, null],
    ['2. contended (8 processes)', 'throughput, cycles/s ↑', 'redislock', 'cycles_per_s', 0, 'rounds_cycles_per_s'],
    ['', '', 'floor', 'cycles_per_s', 0, 'rounds_cycles_per_s'],
    ['', 'wait to acquire p99, ms ↓', 'redislock', 'wait_p99_ms', 1, null],
    ['', '', 'floor', 'wait_p99_ms', 1, null],
    ['4. Redlock, 5 masters', 'lock+unlock cycles/s ↑', 'redislock', 'cycles_per_s', 0, 'rounds_cycles_per_s'],
    ['', '', 'floor', 'cycles_per_s', 0, 'rounds_cycles_per_s'],
    ['', 'one master frozen: acquire p50, ms ↓', 'redislock', 'frozen.acquire_p50_ms', 1, null],
    ['5. dead holder (TTL 1 s)', 'next holder in, ms after the kill ↓', 'redislock', 'takeover_after_kill_ms', 0, 'trials'],
    ['', '', 'floor', 'takeover_after_kill_ms', 0, 'trials'],
    ['6. dead holder, long job (30 s)', 'next holder in, ms after the kill ↓ (redislock: watchdog, lease 1 s)', 'redislock', 'takeover_after_kill_ms', 0, 'trials'],
    ['', '', 'floor', 'takeover_after_kill_ms', 0, 'trials'],
    ['7. watchdog cost', 'cycles/s, every lock watched, ratio to watchdog off', 'watchdog', 'ratio_to_plain', 3, 'rounds_ratio_to_plain'],
    ['', 'PHP process CPU per cycle, µs ↓, watchdog off / on', 'plain|watchdog', 'cpu_us_per_cycle', 1, null],
    ['', 'context switches per cycle, watchdog off / on', 'plain|watchdog', 'context_switches_per_cycle', 2, null],
    ['', 'cycles/s, acquireFenced, ratio to acquireLock', 'fenced', 'ratio_to_plain', 3, 'rounds_ratio_to_plain'],
];
$md = [];
$lastSc = '';
$md[] = sprintf('| scenario | metric | implementation | %s | %s | %s / %s | range %s | range %s | beyond noise? |', $va, $vb, $vb, $va, $va, $vb);
$md[] = '|---|---|---|---|---|---|---|---|---|';
$range = fn (?array $xs, int $dec) => $xs ? num(min($xs), $dec) . '-' . num(max($xs), $dec) : 'one value';
foreach ($rows as [$sc, $metric, $impl, $path, $dec, $spreadPath]) {
    $scenario = $sc !== '' ? $sc : '';
    if ($impl === 'plain|watchdog') {       // scenario 7: two variants in one cell
        $cells = [];
        foreach ([$A, $B] as $j) {
            [$off] = pick($j, 'cost', 'plain', $path, null);
            [$on] = pick($j, 'cost', 'watchdog', $path, null);
            $cells[] = $off === null || $on === null ? '–' : num($off, $dec) . ' / ' . num($on, $dec);
        }
        $md[] = sprintf('| %s | %s | redislock | %s | %s | | | | one value per run |', $scenario, $metric, $cells[0], $cells[1]);
        continue;
    }
    $scKey = match (true) {
        str_starts_with($sc ?: $lastSc, '1.') => 'uncontended',
        str_starts_with($sc ?: $lastSc, '2.') => 'contended',
        str_starts_with($sc ?: $lastSc, '4.') => 'redlock',
        str_starts_with($sc ?: $lastSc, '5.') => 'dead_holder',
        str_starts_with($sc ?: $lastSc, '6.') => 'dead_holder_long',
        default => 'cost',
    };
    $lastSc = $sc ?: $lastSc;
    [$a, $ra] = pick($A, $scKey, $impl, $path, $spreadPath);
    [$b, $rb] = pick($B, $scKey, $impl, $path, $spreadPath);
    if ($a === null && $b === null) {
        continue;
    }
    $verdict = 'one value per run';
    if ($ra && $rb) {
        $verdict = (max($ra) < min($rb) || max($rb) < min($ra)) ? '**yes** (ranges apart)' : 'no (ranges overlap)';
    }
    $who = $scKey === 'cost' ? 'redislock' : $label($impl);
    $md[] = sprintf('| %s | %s | %s | %s | %s | %s | %s | %s | %s |', $scenario, $metric, $who, num($a, $dec), num($b, $dec),
        $a && $b !== null ? number_format($b / $a, 2) . '×' : '–', $range($ra, $dec), $range($rb, $dec), $verdict);
}

// The peers' uncontended and contended rates, one line (their packages differ between the runs).
$peers = [];
foreach (array_keys($A['implementations']) as $impl) {
    if (in_array($impl, ['redislock', 'floor'], true) || !empty($A['implementations'][$impl]['control'])) {
        continue;
    }
    [$ua] = pick($A, 'uncontended', $impl, 'cycles_per_s', null);
    [$ub] = pick($B, 'uncontended', $impl, 'cycles_per_s', null);
    [$ca] = pick($A, 'contended', $impl, 'cycles_per_s', null);
    [$cb] = pick($B, 'contended', $impl, 'cycles_per_s', null);
    $peers[] = sprintf('%s %s → %s (contended %s → %s)', $label($impl), num($ua), num($ub), num($ca), num($cb));
}

$desc = fn (array $j, string $file) => sprintf('[`%s`](%s) (%s): PHP %s, phpredis %s, redis-server %s, php-symfony-lock %s, php-malkusch-lock %s; phpredis `ping()` %s/s, `redis-benchmark` SET %s/s',
    $file, $file, $j['generated'], $j['versions']['php'], $j['versions']['phpredis'], $j['versions']['redis_server'],
    $j['versions']['php-symfony-lock'] ?: '–', $j['versions']['php-malkusch-lock'] ?: '–',
    num($j['baseline']['phpredis_ping_per_s'] ?? null), num($j['baseline']['redis_benchmark_set_per_s'] ?? null));
$out = [];
$out[] = sprintf('Generated by `bench/versions.php` from %s; and %s. Same machine, same `bench/run.php`, same pinning; the range columns are each run\'s per-round values (dead holders: per trial), and a difference counts as beyond the noise only when the two ranges do not overlap; that is noise within one run each, and separate runs of one version can differ by more (see below).',
    $desc($A, $fileA), $desc($B, $fileB));
$out[] = '';
$out[] = implode("\n", $md);
$out[] = '';
$out[] = sprintf('The other peers, uncontended cycles/s %s → %s: %s.', $va, $vb, implode('; ', $peers));
$markdown = implode("\n", $out);

if ($readme !== null) {
    $text = file_get_contents($readme);
    $start = '<!-- bench-versions:start -->';
    $end = '<!-- bench-versions:end -->';
    $s = strpos($text, $start);
    $e = strpos($text, $end);
    if ($s === false || $e === false || $e < $s) {
        fwrite(STDERR, "versions: $readme has no $start ... $end block\n");
        exit(2);
    }
    file_put_contents($readme, substr($text, 0, $s + strlen($start)) . "\n" . $markdown . "\n" . substr($text, $e));
    echo "versions: wrote the $va / $vb comparison into $readme\n";
} else {
    echo $markdown, "\n";
}
