<?php
/**
 * The flash sale: what the endpoint, the consumers and the reconciliation share.
 *
 * Redis holds the live stock (stock:<item>), the count of sales (sold:<item>) and the order queue,
 * one stream (shop:orders) read by the consumer group db-writers. The database holds the stock row
 * and the orders: the consumers move orders from the stream into it.
 *
 *   SALE_REDIS   host:port of the shop's Redis (default 127.0.0.1:6379); the lock's server is
 *                redislock.servers, the same Redis here
 */

declare(strict_types=1);

require_once __DIR__ . '/../common/db.php';
require_once __DIR__ . '/../../php-tests/fixtures/OldRedisLock.php';

const SALE_STREAM = 'shop:orders';
const SALE_GROUP = 'db-writers';
/** How the buy endpoint locks the item: the extension, the blog-post class on phpredis, or not at all. */
const SALE_MODES = ['redislock', 'blogpost', 'nolock'];
/** Seconds a buyer waits for the item's lock before 409, and the lock's TTL. */
const SALE_LOCK_WAIT = 2;
const SALE_LOCK_TTL = 5;

/** The shop's own phpredis connection (persistent: one per FPM worker, as shops configure it). */
function sale_redis(): Redis
{
    [$host, $port] = explode(':', getenv('SALE_REDIS') ?: '127.0.0.1:6379');
    $r = new Redis();
    $r->pconnect($host, (int) $port, 2.0, 'sale', 0, 5.0);
    return $r;
}

/**
 * One purchase: lock the item, check the stock, decrement it and queue the order (one MULTI, so
 * stock, sales count and queue never disagree), unlock. The check and the decrement are two round
 * trips, GET then SET, as shop code writes them: between them only the lock keeps two buyers from
 * selling the same unit. Returns the HTTP status: 200 sold, 409 lock busy, 410 sold out.
 */
function sale_buy(Redis $r, string $item, string $mode): int
{
    $lockName = "item:$item";
    $token = null;
    $fence = 0;
    if ($mode === 'redislock') {
        $lock = RedisLock::acquireFenced($lockName, SALE_LOCK_WAIT, SALE_LOCK_TTL);
        if ($lock === false) {
            return 409;
        }
        [$token, $fence] = [$lock['identifier'], $lock['fence']];
    } elseif ($mode === 'blogpost') {
        OldRedisLock::$redis = $r;       // its location_redis(): the shop's connection
        $token = OldRedisLock::acquireLock($lockName, SALE_LOCK_WAIT, SALE_LOCK_TTL);
        if ($token === false) {
            return 409;
        }
    }
    try {
        $stock = (int) $r->get("stock:$item");
        if ($stock <= 0) {
            return 410;
        }
        $order = bin2hex(random_bytes(16));
        $r->multi()
            ->set("stock:$item", (string) ($stock - 1))
            ->incr("sold:$item")
            ->xAdd(SALE_STREAM, '*', ['order' => $order, 'item' => $item, 'fence' => (string) $fence])
            ->exec();
        return 200;
    } finally {
        if ($mode === 'redislock') {
            RedisLock::releaseLock($lockName, $token);
        } elseif ($mode === 'blogpost') {
            OldRedisLock::releaseLock($lockName, $token);
        }
    }
}

/**
 * Writes a batch of one item's orders in ONE transaction: each order inserted (an order_id already
 * there is skipped: the batch may be a redelivery), the stock row decremented by the orders that
 * were new, and only if $fence is newer than the row's (a writer that lost its lock meanwhile, and
 * was overtaken, is refused: the transaction rolls back). Returns the number of new orders, or
 * null when refused as stale.
 *
 * @param array<string, array{order: string}> $entries stream id => fields
 */
function sale_apply_orders(PDO $db, string $item, array $entries, int $fence, string $consumer): ?int
{
    try {
        return shop_transaction($db, function (PDO $db) use ($item, $entries, $fence, $consumer): int {
            $sql = 'INSERT INTO orders (order_id, item, stream_id, consumer, created_at) VALUES (:o, :i, :s, :c, :t)';
            $insert = $db->prepare($sql);
            $new = 0;
            foreach ($entries as $streamId => $fields) {
                try {
                    $insert->execute([':o' => $fields['order'], ':i' => $item, ':s' => $streamId,
                        ':c' => $consumer, ':t' => microtime(true)]);
                    $new++;
                } catch (PDOException $e) {
                    if (!shop_is_duplicate($e)) {
                        throw $e;
                    }
                    // A statement that failed is prepared again: PHP 8.2's SQLite driver answers
                    // its next execute() with "21 bad parameter or other API misuse".
                    $insert = $db->prepare($sql);
                }
            }
            // Two names for one value: MariaDB's native prepared statements refuse a repeated name.
            $update = $db->prepare('UPDATE stock SET quantity = quantity - :n, fence = :f WHERE item = :i AND fence < :older');
            $update->execute([':n' => $new, ':f' => $fence, ':i' => $item, ':older' => $fence]);
            if ($update->rowCount() !== 1) {
                throw new StaleWriter("fence $fence is not newer than the stock row's");
            }
            return $new;
        });
    } catch (StaleWriter) {
        return null;
    }
}

final class StaleWriter extends RuntimeException
{
}

/** Redis and database for one item, and what differs (an empty list: consistent). */
function sale_reconcile(Redis $r, PDO $db, string $item, int $initial): array
{
    $q = $db->prepare('SELECT quantity FROM stock WHERE item = :i');
    $q->execute([':i' => $item]);
    $dbStock = $q->fetchColumn();
    $q = $db->prepare('SELECT COUNT(*) FROM orders WHERE item = :i');
    $q->execute([':i' => $item]);
    $s = [
        'redis_stock' => (int) $r->get("stock:$item"),
        'db_stock' => $dbStock === false ? null : (int) $dbStock,
        'sold' => (int) $r->get("sold:$item"),
        'db_orders' => (int) $q->fetchColumn(),
        'pending' => sale_pending($r),
    ];
    $diff = [];
    if ($s['db_stock'] === null) {
        $diff[] = 'no stock row in the database';
    } elseif ($s['redis_stock'] !== $s['db_stock']) {
        $diff[] = sprintf('Redis stock %d, database stock %d', $s['redis_stock'], $s['db_stock']);
    }
    if ($s['db_orders'] !== $s['sold']) {
        $diff[] = sprintf('Redis sold %d, database has %d orders', $s['sold'], $s['db_orders']);
    }
    if ($s['db_stock'] !== null && $initial - $s['db_stock'] !== $s['db_orders']) {
        $diff[] = sprintf('database: stock %d - %d left = %d, but %d orders', $initial, $s['db_stock'],
            $initial - $s['db_stock'], $s['db_orders']);
    }
    if ($s['db_orders'] > $initial || $s['sold'] > $initial) {
        $diff[] = sprintf('oversold: %d orders for a stock of %d', max($s['db_orders'], $s['sold']), $initial);
    }
    if ($s['pending'] !== 0) {
        $diff[] = "{$s['pending']} orders read from the stream and not acknowledged";
    }
    return [$s, $diff];
}

/** Entries delivered to a consumer and not acknowledged (0 when the group does not exist). */
function sale_pending(Redis $r): int
{
    $p = $r->rawCommand('XPENDING', SALE_STREAM, SALE_GROUP);
    return is_array($p) ? (int) $p[0] : 0;
}
