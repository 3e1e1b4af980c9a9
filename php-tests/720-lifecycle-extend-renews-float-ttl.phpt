--TEST--
Lifecycle: extendLock()/extend() set a held lock's TTL to the new value from now (float seconds honored: 2.5 s, 0.75 s, 10 s), keep its identifier, and keep it alive past the TTL it was taken with
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('extend');
$key = lock_key($name);

$id = RedisLock::acquireLock($name, 0, 2);
foreach ([['extendLock', 10, 9000, 10000], ['extend', 2.5, 2400, 2500], ['extendLock', 0.75, 650, 750],
          ['extend', 30, 29000, 30000]] as [$fn, $secs, $lo, $hi]) {
    $ok = RedisLock::$fn($name, $id, $secs);
    $ttl = $r->pttl($key);
    echo "$fn($secs): ", var_export($ok, true), ", PTTL in ($lo, $hi]: ", var_export($ttl > $lo && $ttl <= $hi, true),
        ", same identifier: ", var_export($r->get($key) === $id, true), "\n";
}
var_dump(RedisLock::releaseLock($name, $id));

// Taken for 0.3 s, extended to 1.5 s after 0.1 s: still held at 0.6 s, long after 0.3 s.
$id = RedisLock::acquireLock($name, 0, 0.3);
$t0 = hrtime(true);
usleep(100000);
var_dump(RedisLock::extendLock($name, $id, 1.5));
usleep(500000);
$elapsed = (hrtime(true) - $t0) / 1e9;
var_dump($elapsed > 0.3);
var_dump(RedisLock::isHeld($name, $id), $r->get($key) === $id);
var_dump(RedisLock::acquireLock($name, 0, 5));     // nobody else gets it
var_dump(RedisLock::releaseLock($name, $id));
?>
--EXPECT--
extendLock(10): true, PTTL in (9000, 10000]: true, same identifier: true
extend(2.5): true, PTTL in (2400, 2500]: true, same identifier: true
extendLock(0.75): true, PTTL in (650, 750]: true, same identifier: true
extend(30): true, PTTL in (29000, 30000]: true, same identifier: true
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
bool(true)
