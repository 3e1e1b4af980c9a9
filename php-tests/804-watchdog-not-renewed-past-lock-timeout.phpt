--TEST--
Watchdog: a watched lock is never renewed past its lock_timeout (lease 300 ms, lock_timeout 1 s): renewed beyond 2 leases, the key is gone by about 1 s although the process lives on, and stays gone
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
ini_set('redislock.servers', test_url());
ini_set('redislock.watchdog', '1');
ini_set('redislock.watchdog_lease', '300');
$r = inspector();
$name = unique_name('wd-cap');
$key = lock_key($name);

$t = microtime(true);
$id = RedisLock::acquireLock($name, 0, 1);
$pttl = $r->pttl($key);
echo "key TTL is the lease: ", var_export($pttl > 200 && $pttl <= 300, true), "\n";

$lastSeen = 0.0;
$firstGone = null;
while (($now = microtime(true) - $t) < 2.0) {
    if ($r->get($key) === $id) {
        $lastSeen = $now;
        if ($firstGone !== null) {
            echo "revived at ", round($now, 3), " s\n";
        }
    } elseif ($firstGone === null) {
        $firstGone = $now;
    }
    usleep(10000);
}
// Renewed past 2 leases (0.6 s), gone by 1.3 s (lock_timeout plus a margin).
echo "held at 0.8 s: ", var_export($lastSeen >= 0.8, true), "\n";
echo "gone by 1.3 s: ", var_export($firstGone !== null && $firstGone <= 1.3, true), "\n";
if ($lastSeen < 0.8 || $firstGone === null || $firstGone > 1.3) {
    echo "last seen ", round($lastSeen, 3), " s, first gone ", var_export($firstGone, true), "\n";
}
var_dump($r->exists($key));
$stats = watchdog_stats();
echo "watched: {$stats['watched']}, lost: {$stats['lost']}\n";
var_dump(RedisLock::isHeld($name, $id));
var_dump(RedisLock::releaseLock($name, $id));
?>
--EXPECT--
key TTL is the lease: true
held at 0.8 s: true
gone by 1.3 s: true
int(0)
watched: 0, lost: 0
bool(false)
bool(false)
