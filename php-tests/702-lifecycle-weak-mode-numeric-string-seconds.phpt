--TEST--
Lifecycle: in weak mode numeric strings with fractions ("0.5", "5e-1", " 0.25") are seconds like floats for $lock_timeout and $acquire_time; non-numeric strings stay a TypeError
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('weak-float');
$key = lock_key($name);

foreach (['0.5', '5e-1', ' 0.5'] as $s) {
    $id = RedisLock::acquireLock($name, '0', $s);
    $ttl = $r->pttl($key);
    echo var_export($s, true), ": ", var_export(is_string($id) && $r->get($key) === $id, true),
        ", PTTL in (400, 500]: ", var_export($ttl > 400 && $ttl <= 500, true), "\n";
    var_dump(RedisLock::releaseLock($name, $id));
}

// "0.25" as $acquire_time: a quarter second of trying against a held lock.
$holder = RedisLock::acquireLock($name, 0, 30);
$t0 = hrtime(true);
var_dump(RedisLock::acquireLock($name, '0.25', '1'));
$elapsed = (hrtime(true) - $t0) / 1e9;
var_dump($elapsed >= 0.25 && $elapsed < 2.5);
// "1.5" as $lock_timeout of extendLock: 1500 ms.
var_dump(RedisLock::extendLock($name, $holder, '1.5'));
$ttl = $r->pttl($key);
var_dump($ttl > 1400 && $ttl <= 1500);
var_dump(RedisLock::releaseLock($name, $holder));

foreach (['0.5abc', '', 'half'] as $s) {
    try {
        RedisLock::acquireLock($name, 0, $s);
        echo "accepted ", var_export($s, true), "\n";
    } catch (TypeError $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump($r->exists($key));
?>
--EXPECT--
'0.5': true, PTTL in (400, 500]: true
bool(true)
'5e-1': true, PTTL in (400, 500]: true
bool(true)
' 0.5': true, PTTL in (400, 500]: true
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
TypeError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be of type int|float, string given
TypeError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be of type int|float, string given
TypeError: RedisLock::acquireLock(): Argument #3 ($lock_timeout) must be of type int|float, string given
int(0)
