--TEST--
Watchdog: extendLock on a watched lock moves its end (lease 300 ms, lock_timeout 1 s, extendLock(..., 2) at 0.5 s): the key keeps living a lease, is still held at 1.5 s and 2.3 s, and is gone by 2.8 s
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
ini_set('redislock.servers', test_url());
ini_set('redislock.watchdog', '1');
ini_set('redislock.watchdog_lease', '300');
$r = inspector();
$name = unique_name('wd-extend');
$key = lock_key($name);

$t = microtime(true);
$id = RedisLock::acquireLock($name, 0, 1);
usleep(500000);
var_dump(RedisLock::extendLock($name, $id, 2));   // new end: 2.5 s
$pttl = $r->pttl($key);
echo "key TTL after extendLock is the lease: ", var_export($pttl > 200 && $pttl <= 300, true), "\n";

$lastSeen = 0.0;
$firstGone = null;
$heldAt15 = null;
while (($now = microtime(true) - $t) < 3.2) {
    if ($heldAt15 === null && $now >= 1.5) {
        $heldAt15 = RedisLock::isHeld($name, $id);
    }
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
echo "isHeld at 1.5 s: ", var_export($heldAt15, true), "\n";
echo "held at 2.3 s: ", var_export($lastSeen >= 2.3, true), "\n";
echo "gone by 2.8 s: ", var_export($firstGone !== null && $firstGone <= 2.8, true), "\n";
if ($lastSeen < 2.3 || $firstGone === null || $firstGone > 2.8) {
    echo "last seen ", round($lastSeen, 3), " s, first gone ", var_export($firstGone, true), "\n";
}
var_dump(RedisLock::isHeld($name, $id));
echo "watched: ", watchdog_stats()['watched'], "\n";
?>
--EXPECT--
bool(true)
key TTL after extendLock is the lease: true
isHeld at 1.5 s: true
held at 2.3 s: true
gone by 2.8 s: true
bool(false)
watched: 0
