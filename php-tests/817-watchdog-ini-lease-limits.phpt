--TEST--
Watchdog: redislock.watchdog_lease accepts 10 to 86400000 ms and ini_set refuses anything else (the old value stays); an invalid lease from -d makes a lock call with the watchdog on throw RedisLockException saying why, and is not used with the watchdog off; the lease's lower bound works (10 ms renewed)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
foreach (['9', '0', '-1', 'abc', '86400001', '', '1e3', '10.5', "10\0"] as $v) {
    refused_ini_set('redislock.watchdog_lease', $v);
}
var_dump(ini_set('redislock.watchdog_lease', '10'), ini_get('redislock.watchdog_lease'));
var_dump(ini_set('redislock.watchdog_lease', '86400000'), ini_get('redislock.watchdog_lease'));
refused_ini_set('redislock.watchdog', "1\0");

$name = var_export(unique_name('wd-ini'), true);
echo child_php(['redislock.servers' => test_url(), 'redislock.watchdog' => 1, 'redislock.watchdog_lease' => 5], '
    try {
        var_dump(RedisLock::acquireLock(' . $name . ', 0, 30));
    } catch (RedisLockException $e) {
        echo get_class($e), ": ", $e->getMessage(), "\n";
    }
    ini_set("redislock.watchdog", "0");
    $id = RedisLock::acquireLock(' . $name . ', 0, 30);
    echo "watchdog off: acquired: ", var_export(is_string($id), true), ", released: ", var_export(RedisLock::releaseLock(' . $name . ', $id), true), "\n";');

// The shortest lease: a 10 ms key renewed for 200 ms (20 leases).
ini_set('redislock.servers', test_url());
ini_set('redislock.watchdog', '1');
ini_set('redislock.watchdog_lease', '10');
$r = inspector();
$n = unique_name('wd-ini-10ms');
$id = RedisLock::acquireLock($n, 0, 30);
$pttl = $r->pttl(lock_key($n));
echo "key TTL 10 ms: ", var_export($pttl > 0 && $pttl <= 10, true), "\n";
usleep(200000);
var_dump($r->get(lock_key($n)) === $id);
var_dump(RedisLock::releaseLock($n, $id));
?>
--EXPECT--
ini_set: false, kept: true, warning: ini_set(): invalid redislock.watchdog_lease '9': expected milliseconds from 10 to 86400000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.watchdog_lease '0': expected milliseconds from 10 to 86400000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.watchdog_lease '-1': expected milliseconds from 10 to 86400000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.watchdog_lease 'abc': expected milliseconds from 10 to 86400000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.watchdog_lease '86400001': expected milliseconds from 10 to 86400000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.watchdog_lease '': expected milliseconds from 10 to 86400000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.watchdog_lease '1e3': expected milliseconds from 10 to 86400000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.watchdog_lease '10.5': expected milliseconds from 10 to 86400000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.watchdog_lease '10\x00': expected milliseconds from 10 to 86400000
string(5) "10000"
string(2) "10"
string(2) "10"
string(8) "86400000"
ini_set: false, kept: true, warning: ini_set(): invalid redislock.watchdog '1\x00': contains a NUL, control or non-UTF-8 byte
RedisLockException: invalid redislock.watchdog_lease '5': expected milliseconds from 10 to 86400000
watchdog off: acquired: true, released: true
key TTL 10 ms: true
bool(true)
bool(true)
