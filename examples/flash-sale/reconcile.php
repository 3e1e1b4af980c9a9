<?php
/**
 * Reconciliation: compares Redis (stock, sales count, unacknowledged orders) with the database
 * (stock row, orders) for one item; prints both sides and every difference, exits 1 on any.
 *
 *   SALE_REDIS=127.0.0.1:6379 SHOP_DB_DSN=... php reconcile.php --item ITEM --stock INITIAL
 */

declare(strict_types=1);

require __DIR__ . '/sale.php';

$opts = getopt('', ['item:', 'stock:']);
if (!isset($opts['item'], $opts['stock'])) {
    fwrite(STDERR, "usage: php reconcile.php --item ITEM --stock INITIAL\n");
    exit(2);
}
[$s, $diff] = sale_reconcile(sale_redis(), shop_db(), (string) $opts['item'], (int) $opts['stock']);
printf("item %s, initial stock %d: Redis stock %d, sold %d; database stock %s, orders %d; pending %d\n",
    $opts['item'], $opts['stock'], $s['redis_stock'], $s['sold'], $s['db_stock'] ?? 'none', $s['db_orders'], $s['pending']);
foreach ($diff as $d) {
    echo "DIFFERENCE: $d\n";
}
echo $diff === [] ? "consistent\n" : "NOT consistent\n";
exit($diff === [] ? 0 : 1);
