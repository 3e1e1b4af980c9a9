<?php
/**
 * One consumer of the order stream (several run side by side, for redundancy): reads orders with
 * XREADGROUP, writes each batch into the database in one transaction (sale_apply_orders(): insert
 * the orders, decrement the stock row, fenced) and acknowledges it with XACK only after the commit.
 * A consumer killed between read and XACK leaves its entries pending; the others take them over
 * with XAUTOCLAIM once they have been idle --reclaim-ms, and a redelivered order already in the
 * database is skipped (UNIQUE order_id), so nothing is lost and nothing counted twice.
 *
 *   SALE_REDIS=127.0.0.1:6379 SHOP_DB_DSN=... php -d extension=.../libredislock.so \
 *     -d redislock.servers=redis://127.0.0.1:6379 -d redislock.watchdog=1 \
 *     -d redislock.watchdog_lease=1000 consumer.php --name c1
 *
 * The database writers of one item take turns on the lock db-stock:<item> with acquireFenced():
 * its fence goes into the stock row, and a writer whose lock expired while it stalled (and was
 * overtaken by a newer fence) is refused by the row. The watchdog keeps that lock short-lived for
 * a writer that dies: the next writer gets it within one lease, not the 30 s TTL.
 * Exits when shop:consumers:stop is 1 and a read found nothing, or after --max-seconds.
 */

declare(strict_types=1);

require __DIR__ . '/sale.php';

$opts = getopt('', ['name:', 'work-us:', 'reclaim-ms:', 'max-seconds:']);
$name = (string) ($opts['name'] ?? 'c' . getmypid());
$workUs = (int) ($opts['work-us'] ?? 1000);        // per order, before the write: payment check, e-mail
$reclaimMs = (int) ($opts['reclaim-ms'] ?? 1000);
$deadline = microtime(true) + (float) ($opts['max-seconds'] ?? 600);

$r = sale_redis();
$db = shop_db();
$stats = ['written' => 0, 'duplicates' => 0, 'stale' => 0, 'reclaimed' => 0];

while (microtime(true) < $deadline) {
    // Entries a dead (or stalled) consumer read and never acknowledged.
    $claimed = $r->rawCommand('XAUTOCLAIM', SALE_STREAM, SALE_GROUP, $name, (string) $reclaimMs, '0-0', 'COUNT', '100');
    $entries = is_array($claimed) ? fields_by_id($claimed[1]) : [];
    $stats['reclaimed'] += count($entries);
    $read = $r->xReadGroup(SALE_GROUP, $name, [SALE_STREAM => '>'], 100, 100);
    $entries += is_array($read) ? ($read[SALE_STREAM] ?? []) : [];
    if ($entries === []) {
        if ($r->get('shop:consumers:stop') === '1') {
            break;
        }
        continue;
    }
    usleep($workUs * count($entries));
    $byItem = [];
    foreach ($entries as $id => $fields) {
        $byItem[$fields['item']][$id] = $fields;
    }
    foreach ($byItem as $item => $batch) {
        $lockName = "db-stock:$item";
        $lock = RedisLock::acquireFenced($lockName, 10, 30);
        if ($lock === false) {
            continue;   // still pending: retried by XAUTOCLAIM, here or in another consumer
        }
        try {
            $new = sale_apply_orders($db, (string) $item, $batch, $lock['fence'], $name);
        } finally {
            RedisLock::releaseLock($lockName, $lock['identifier']);
        }
        if ($new === null) {
            $stats['stale']++;
            fwrite(STDERR, "consumer $name: fence {$lock['fence']} refused as stale for $item\n");
            continue;
        }
        $r->xAck(SALE_STREAM, SALE_GROUP, array_keys($batch));
        $stats['written'] += $new;
        $stats['duplicates'] += count($batch) - $new;
    }
}
foreach ($stats as $k => $v) {
    $r->hIncrBy('shop:consumer-stats', $k, $v);
}
exit(0);

/** XAUTOCLAIM's [[id, [field, value, ...]], ...] as XREADGROUP gives it: id => [field => value]. */
function fields_by_id(array $raw): array
{
    $out = [];
    foreach ($raw as $entry) {
        if (!is_array($entry) || !is_array($entry[1] ?? null)) {
            continue;   // an entry deleted from the stream meanwhile
        }
        $fields = [];
        for ($i = 0; $i + 1 < count($entry[1]); $i += 2) {
            $fields[$entry[1][$i]] = $entry[1][$i + 1];
        }
        $out[$entry[0]] = $fields;
    }
    return $out;
}
