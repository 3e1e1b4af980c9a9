--TEST--
Watchdog: a renewal that finds the key another holder's (taken over) or gone (deleted) stops renewing it: counted as lost, isHeld false, the other holder's key untouched, the deleted key never revived, releaseLock false
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
ini_set('redislock.servers', test_url());
ini_set('redislock.watchdog', '1');
ini_set('redislock.watchdog_lease', '300');
$r = inspector();
$taken = unique_name('wd-lost-taken');
$deleted = unique_name('wd-lost-deleted');

$idTaken = RedisLock::acquireLock($taken, 0, 30);
$idDeleted = RedisLock::acquireLock($deleted, 0, 30);
usleep(200000);
echo "watched: ", watchdog_stats()['watched'], ", lost: ", watchdog_stats()['lost'], "\n";

// As if the lock had expired and another process had taken it, and as if someone deleted it.
var_dump($r->set(lock_key($taken), 'someone-else', ['PX' => 30000]));
var_dump($r->del(lock_key($deleted)));
$t = microtime(true);
$found = wait_until(fn() => watchdog_stats()['lost'] === 2, 10);
echo "both found lost within 2 leases: ", var_export($found !== null && $found < 0.6, true), "\n";
if ($found === null || $found >= 0.6) {
    echo "took: ", var_export($found, true), "\n";
}
echo "watched: ", watchdog_stats()['watched'], "\n";

usleep(900000);   // 3 leases
var_dump($r->get(lock_key($taken)));
echo "other holder's TTL untouched: ", var_export($r->pttl(lock_key($taken)) > 28000, true), "\n";
var_dump($r->exists(lock_key($deleted)));
var_dump(RedisLock::isHeld($taken, $idTaken), RedisLock::isHeld($deleted, $idDeleted));
var_dump(RedisLock::releaseLock($taken, $idTaken), RedisLock::releaseLock($deleted, $idDeleted));
var_dump(RedisLock::extendLock($deleted, $idDeleted, 30));
var_dump($r->get(lock_key($taken)), $r->exists(lock_key($deleted)));
$stats = watchdog_stats();
echo "watched: {$stats['watched']}, lost: {$stats['lost']}\n";
$r->del(lock_key($taken));
?>
--EXPECT--
watched: 2, lost: 0
bool(true)
int(1)
both found lost within 2 leases: true
watched: 0
string(12) "someone-else"
other holder's TTL untouched: true
int(0)
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
string(12) "someone-else"
int(0)
watched: 0, lost: 2
