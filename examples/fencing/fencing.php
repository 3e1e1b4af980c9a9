<?php
/**
 * Fencing tokens refuse a stale writer: a runnable example.
 *
 *   php -d extension=target/release/libredislock.so -d redislock.servers=redis://127.0.0.1:6379 \
 *       examples/fencing/fencing.php [path/to/db.sqlite]
 *
 * Worker A takes the lock with a fencing token, then stalls (a GC pause, swap, a slow query) past
 * the lock's TTL. Worker B takes the lock meanwhile (a higher token) and writes. A wakes up and
 * writes too, believing it still holds the lock. The stock row keeps the highest token that wrote
 * it, and the write is `UPDATE ... WHERE fence < :fence`: A's stale write changes nothing.
 * Without the fence check (the last step), the same stale write goes through: the lost update the
 * fence prevents. Exits 0 when the stale write was refused, 1 otherwise.
 */

declare(strict_types=1);

$dbPath = $argv[1] ?? tempnam(sys_get_temp_dir(), 'fencing') . '.sqlite';
$db = new PDO("sqlite:$dbPath", null, null, [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
$db->exec('DROP TABLE IF EXISTS stock');
$db->exec('CREATE TABLE stock (item TEXT PRIMARY KEY, quantity INTEGER NOT NULL, fence INTEGER NOT NULL)');
$db->exec("INSERT INTO stock VALUES ('sku-1', 100, 0)");

/** The fenced write: only a holder with a newer token than the last writer's changes the row. */
function write_stock(PDO $db, int $quantity, int $fence): bool
{
    $update = $db->prepare('UPDATE stock SET quantity = :q, fence = :f WHERE item = :i AND fence < :f');
    $update->execute([':q' => $quantity, ':f' => $fence, ':i' => 'sku-1']);
    return $update->rowCount() === 1;
}

$lock = 'fencing-example-' . getmypid();

// Worker A: takes the lock for 0.3 s and reads the stock.
$a = RedisLock::acquireFenced($lock, 0, 0.3);
$readByA = (int) $db->query("SELECT quantity FROM stock WHERE item = 'sku-1'")->fetchColumn();
printf("A: lock taken with fence %d, read quantity %d, then stalls for 0.5 s\n", $a['fence'], $readByA);
usleep(500_000); // past A's TTL: the lock expires while A is paused

// Worker B: the lock is free again; B takes it (a higher fence), sells 10, releases.
$b = RedisLock::acquireFenced($lock, 1, 5);
$readByB = (int) $db->query("SELECT quantity FROM stock WHERE item = 'sku-1'")->fetchColumn();
$bWrote = write_stock($db, $readByB - 10, $b['fence']);
RedisLock::releaseLock($lock, $b['identifier']);
printf("B: lock taken with fence %d, wrote quantity %d: %s\n", $b['fence'], $readByB - 10, $bWrote ? 'accepted' : 'refused');

// Worker A wakes up and writes what it computed before its pause (it sold 1).
$aWrote = write_stock($db, $readByA - 1, $a['fence']);
printf("A: wakes up, writes quantity %d with fence %d: %s\n", $readByA - 1, $a['fence'], $aWrote ? 'accepted' : 'refused (stale)');
printf("A: releaseLock() says the lock was %s\n", RedisLock::releaseLock($lock, $a['identifier']) ? 'still held' : 'lost');

$final = (int) $db->query("SELECT quantity FROM stock WHERE item = 'sku-1'")->fetchColumn();
printf("stock now: %d (B's sale of 10 kept)\n", $final);

// The control: the same stale write without the fence check goes through and loses B's sale.
$db->prepare("UPDATE stock SET quantity = :q WHERE item = 'sku-1'")->execute([':q' => $readByA - 1]);
$lost = (int) $db->query("SELECT quantity FROM stock WHERE item = 'sku-1'")->fetchColumn();
printf("control, no fence check: A's stale write sets %d (B's sale lost)\n", $lost);

$ok = $b['fence'] > $a['fence'] && $bWrote && !$aWrote && $final === 90 && $lost === 99;
echo $ok ? "stale writer refused\n" : "FAILED: the stale write was not refused\n";
exit($ok ? 0 : 1);
