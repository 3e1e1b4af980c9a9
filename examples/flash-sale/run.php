<?php
/**
 * The flash sale under load, side by side: for each lock mode in turn (the extension, the
 * blog-post class on phpredis, no lock; the same FPM pool, the order alternated by round) a new
 * item with --stock units, consumers started, wrk with buy.lua at --connections until the stock
 * is gone; meanwhile one consumer holding unacknowledged orders is SIGKILLed and a new one started;
 * then the queue drained, the consumers stopped, the reconciliation run. Prints one row per run.
 * Started by run.sh, which starts the servers; the environment says where they are:
 *
 *   SALE_URL=http://127.0.0.1:PORT SALE_REDIS=127.0.0.1:PORT SHOP_DB_DSN=... REDISLOCK_SO=...
 *   php run.php [--stock 1000] [--connections 64] [--rounds 1] [--consumers 3] [--modes a,b,c]
 *               [--json FILE] [--label TEXT]
 *
 * Exit status: 0; 1 if a locked run (redislock, blogpost) oversold, failed the reconciliation
 * or no consumer could be killed mid-run; 3 if the no-lock control neither oversold nor showed a
 * difference (then the checks proved nothing).
 */

declare(strict_types=1);

require __DIR__ . '/sale.php';

$o = getopt('', ['stock:', 'connections:', 'rounds:', 'consumers:', 'modes:', 'json:', 'label:', 'max-seconds:']);
$stock = (int) ($o['stock'] ?? 1000);
$connections = (int) ($o['connections'] ?? 64);
$rounds = (int) ($o['rounds'] ?? 1);
$consumers = (int) ($o['consumers'] ?? 3);
$modes = explode(',', (string) ($o['modes'] ?? implode(',', SALE_MODES)));
$maxSeconds = (int) ($o['max-seconds'] ?? 60);
$url = getenv('SALE_URL') ?: exit("SALE_URL unset\n");

$r = sale_redis();
$db = shop_db();
shop_schema($db, __DIR__);
$rows = [];
$status = 0;
for ($round = 1; $round <= $rounds; $round++) {
    // Alternated: each round starts one mode later, so no mode always runs first or last.
    $order = array_merge(array_slice($modes, ($round - 1) % count($modes)), array_slice($modes, 0, ($round - 1) % count($modes)));
    foreach ($order as $mode) {
        $row = sale_run($r, $db, $mode, "r$round", $stock, $connections, $consumers, $maxSeconds, $url);
        $rows[] = $row;
        print_row($row, count($rows) === 1);
        if ($mode !== 'nolock' && !$row['ok']) {
            $status = 1;
        }
    }
}
foreach (fence_and_idempotence_checks($db) as $check => $ok) {
    echo ($ok ? 'ok   ' : 'FAIL ') . "$check\n";
    $status = $ok ? $status : 1;
}
foreach ($rows as $row) {
    if ($row['mode'] === 'nolock' && $row['oversold'] === 0 && $row['differences'] === []) {
        fwrite(STDERR, "the no-lock control neither oversold nor showed a difference: the checks proved nothing\n");
        $status = $status ?: 3;
    }
}
if (isset($o['json'])) {
    file_put_contents((string) $o['json'], json_encode(['label' => $o['label'] ?? '', 'stock' => $stock,
        'connections' => $connections, 'consumers' => $consumers, 'rows' => $rows], JSON_PRETTY_PRINT) . "\n");
}
exit($status);

function sale_run(Redis $r, PDO $db, string $mode, string $tag, int $stock, int $connections, int $consumers, int $maxSeconds, string $url): array
{
    $item = sprintf('sku-%s-%s-%d', $mode, $tag, getmypid());
    $r->del(SALE_STREAM, 'shop:consumer-stats', 'shop:consumers:stop');
    $r->rawCommand('XGROUP', 'CREATE', SALE_STREAM, SALE_GROUP, '$', 'MKSTREAM');
    $r->mSet(["stock:$item" => (string) $stock, "sold:$item" => '0']);
    $db->prepare('INSERT INTO stock (item, quantity, fence) VALUES (:i, :q, 0)')->execute([':i' => $item, ':q' => $stock]);

    $procs = [];
    for ($i = 1; $i <= $consumers; $i++) {
        $procs["c$i"] = start_consumer("c$i");
    }
    $wrkOut = tempnam(sys_get_temp_dir(), 'wrk');
    $wrk = proc_open(['wrk', '-t2', "-c$connections", "-d{$maxSeconds}s", '--timeout', '10s',
        '-s', __DIR__ . '/buy.lua', $url, '--', $item, $mode], [1 => ['file', $wrkOut, 'w'], 2 => ['file', $wrkOut, 'a']], $pipes);
    $killed = null;
    $soldOutAt = null;
    while (proc_get_status($wrk)['running']) {
        // wrk runs its full -d even when every thread has stopped: end it (SIGINT: it still prints
        // its results) a moment after the stock is gone, so that requests/s covers the sale only.
        if ($soldOutAt === null && (int) $r->get("stock:$item") <= 0) {
            $soldOutAt = microtime(true);
        } elseif ($soldOutAt !== null && microtime(true) - $soldOutAt > 0.2) {
            proc_terminate($wrk, SIGINT);
            $soldOutAt = INF;
        }
        // One consumer dies mid-run with orders read and not acknowledged: SIGKILL, no cleanup.
        // It may acknowledge them between the look and the kill: then nothing was left to
        // reclaim, and another one is killed later, until one dies holding orders.
        if ($killed === null && (int) $r->get("sold:$item") >= intdiv($stock, 3)) {
            foreach (pending_by_consumer($r) as $name => $n) {
                if ($n > 0 && isset($procs[$name])) {
                    posix_kill(proc_get_status($procs[$name])['pid'], SIGKILL);
                    proc_close($procs[$name]);
                    unset($procs[$name]);
                    $left = pending_by_consumer($r)[$name] ?? 0;
                    if ($left > 0) {
                        $killed = ['name' => $name, 'pending' => $left];
                    }
                    $procs["$name-new"] = start_consumer("$name-new");   // its replacement, under a new name
                    break;
                }
            }
        }
        usleep(5000);
    }
    proc_close($wrk);
    $wrkText = (string) file_get_contents($wrkOut);
    unlink($wrkOut);
    preg_match_all('/(\w+)=(\d+)/', strstr($wrkText, 'wrk-result') ?: '', $m);
    $w = array_map('intval', array_combine($m[1], $m[2]));
    if (!isset($w['requests'])) {
        fwrite(STDERR, "wrk gave no result:\n$wrkText");
        $w = ['requests' => 0, 'duration_us' => 1, 'p50_us' => 0, 'p99_us' => 0, 'c200' => 0, 'c409' => 0, 'c410' => 0, 'cother' => 0, 'errors' => 0];
    }

    // Bounded, and given up at once if every consumer has died (their errors are on stderr).
    $drained = wait_until(120, fn () => drained($r) || !any_running($procs)) && drained($r);
    $r->set('shop:consumers:stop', '1');
    foreach ($procs as $p) {
        $pid = proc_get_status($p)['pid'];
        if (!wait_until(30, fn () => !proc_get_status($p)['running'])) {
            posix_kill($pid, SIGKILL);
        }
        proc_close($p);
    }
    [$s, $diff] = sale_reconcile($r, $db, $item, $stock);
    if (!$drained) {
        $diff[] = 'the queue was not drained (120 s, or every consumer died)';
    }
    if ($s['redis_stock'] > 0) {
        $diff[] = "the sale ended with {$s['redis_stock']} units unsold";
    }
    $cs = $r->hGetAll('shop:consumer-stats');
    $killedLost = $killed !== null && $killed['pending'] > 0;
    return [
        'mode' => $mode, 'round' => $tag, 'item' => $item,
        'sold' => $s['sold'], 'http_200' => $w['c200'], 'http_409' => $w['c409'], 'http_410' => $w['c410'],
        'http_other' => $w['cother'], 'socket_errors' => $w['errors'],
        'oversold' => max(0, max($s['db_orders'], $s['sold']) - $stock),
        'db_orders' => $s['db_orders'], 'redis_stock' => $s['redis_stock'], 'db_stock' => $s['db_stock'],
        'requests_per_s' => round($w['requests'] / ($w['duration_us'] / 1e6), 1),
        'p50_ms' => round($w['p50_us'] / 1000, 2), 'p99_ms' => round($w['p99_us'] / 1000, 2),
        'killed_consumer' => $killed, 'redelivered_duplicates' => (int) ($cs['duplicates'] ?? 0),
        'reclaimed' => (int) ($cs['reclaimed'] ?? 0), 'stale_refusals' => (int) ($cs['stale'] ?? 0),
        'differences' => $diff,
        'ok' => $diff === [] && $killedLost && $w['cother'] === 0,
    ];
}

/**
 * The consumers' two guards, each shown refusing on a row of its own (stock 10), with fences from
 * real fenced locks: an order applied twice changes nothing; a writer whose fence is not newer
 * than the row's is refused, and the same order with a newer fence goes through (so it was the fence).
 */
function fence_and_idempotence_checks(PDO $db): array
{
    $item = 'sku-checks-' . getmypid();
    $db->prepare('INSERT INTO stock (item, quantity, fence) VALUES (:i, 10, 0)')->execute([':i' => $item]);
    $fence = function () use ($item): int {
        $lock = RedisLock::acquireFenced("db-stock:$item", 1, 5);
        RedisLock::releaseLock("db-stock:$item", $lock['identifier']);
        return $lock['fence'];
    };
    $state = function () use ($db, $item): array {
        $q = $db->prepare('SELECT (SELECT quantity FROM stock WHERE item = :i), (SELECT COUNT(*) FROM orders WHERE item = :j)');
        $q->execute([':i' => $item, ':j' => $item]);
        return array_map('intval', $q->fetch(PDO::FETCH_NUM));
    };
    $order = fn (string $id) => [$id => ['order' => bin2hex(random_bytes(16))]];
    [$a, $b, $c, $d] = [$order('1-1'), $order('1-2'), $order('1-3'), $order('1-4')];
    $first = sale_apply_orders($db, $item, $a, $fence(), 'check');
    $again = sale_apply_orders($db, $item, $a + $b, $fence(), 'check');   // A redelivered beside a new B
    $afterTwice = $state();
    $stale = $fence();
    sale_apply_orders($db, $item, $c, $fence(), 'check');                 // a newer writer wrote meanwhile
    $refused = sale_apply_orders($db, $item, $d, $stale, 'check');
    $afterStale = $state();
    $newer = sale_apply_orders($db, $item, $d, $fence(), 'check');
    return [
        'an order delivered twice is inserted and counted once (stock 10 -> 8 for 2 orders)' => $first === 1 && $again === 1 && $afterTwice === [8, 2],
        'a writer with an older fence is refused and changes nothing (stock 7, 3 orders)' => $refused === null && $afterStale === [7, 3],
        'the same order with a newer fence is written (stock 6, 4 orders)' => $newer === 1 && $state() === [6, 4],
    ];
}

function start_consumer(string $name)
{
    $so = getenv('REDISLOCK_SO');
    $cmd = [PHP_BINARY, '-d', "extension=$so", '-d', 'redislock.servers=redis://' . getenv('SALE_REDIS'),
        '-d', 'redislock.watchdog=1', '-d', 'redislock.watchdog_lease=1000',
        __DIR__ . '/consumer.php', '--name', $name];
    return proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => STDOUT, 2 => STDERR], $pipes);
}

function any_running(array $procs): bool
{
    foreach ($procs as $p) {
        if (proc_get_status($p)['running']) {
            return true;
        }
    }
    return false;
}

/** Consumer name => entries it read and has not acknowledged. */
function pending_by_consumer(Redis $r): array
{
    $p = $r->rawCommand('XPENDING', SALE_STREAM, SALE_GROUP);
    $out = [];
    foreach (is_array($p) && is_array($p[3] ?? null) ? $p[3] : [] as [$name, $n]) {
        $out[$name] = (int) $n;
    }
    return $out;
}

/** Every entry delivered to a consumer and acknowledged. */
function drained(Redis $r): bool
{
    $stream = $r->xInfo('STREAM', SALE_STREAM);
    foreach ($r->xInfo('GROUPS', SALE_STREAM) ?: [] as $g) {
        if ($g['name'] === SALE_GROUP) {
            return (int) $g['pending'] === 0 && $g['last-delivered-id'] === $stream['last-generated-id'];
        }
    }
    return false;
}

function wait_until(float $seconds, callable $done): bool
{
    $deadline = microtime(true) + $seconds;
    while (!$done()) {
        if (microtime(true) > $deadline) {
            return false;
        }
        usleep(20000);
    }
    return true;
}

function print_row(array $row, bool $header): void
{
    if ($header) {
        printf("%-10s %5s %8s %9s %11s %8s %8s %7s %7s %7s %5s %16s %9s %s\n", 'lock', 'sold', 'oversold', 'DB orders',
            'Redis stock', 'DB stock', 'Redis-DB', 'req/s', 'p50 ms', 'p99 ms', '409s', 'killed (pending)', 'reclaimed',
            'reconciliation');
    }
    $k = $row['killed_consumer'];
    printf("%-10s %5d %8d %9d %11d %8s %8s %7.0f %7.1f %7.1f %5d %16s %9d %s\n", $row['mode'], $row['sold'], $row['oversold'],
        $row['db_orders'], $row['redis_stock'], $row['db_stock'] ?? '-',
        $row['db_stock'] === null ? '-' : (string) ($row['redis_stock'] - $row['db_stock']),
        $row['requests_per_s'], $row['p50_ms'], $row['p99_ms'], $row['http_409'],
        $k === null ? 'none' : "{$k['name']} ({$k['pending']})", $row['reclaimed'],
        $row['differences'] === [] ? 'consistent' : 'DIFFERS: ' . implode('; ', $row['differences']));
}
