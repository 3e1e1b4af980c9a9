--TEST--
Lifecycle: extendLock() with a forged, empty or upper-cased identifier returns false and leaves the holder's lock as it was: same value, TTL not renewed (still counting down from 5 s)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('extend-forged');
$key = lock_key($name);

$id = RedisLock::acquireLock($name, 0, 5);
usleep(100000);
$before = $r->pttl($key);
foreach (['forged' => bin2hex(random_bytes(16)), 'empty' => '', 'upper case' => strtoupper($id)] as $what => $ident) {
    echo "$what: ", var_export(RedisLock::extendLock($name, $ident, 600), true), ", ",
        var_export(RedisLock::extend($name, $ident, 0.5), true), "\n";
}
$after = $r->pttl($key);
var_dump($r->get($key) === $id);
echo "TTL not renewed: ", var_export($after <= $before && $after > 3000, true), "\n";
var_dump(RedisLock::releaseLock($name, $id));
?>
--EXPECT--
forged: false, false
empty: false, false
upper case: false, false
bool(true)
TTL not renewed: true
bool(true)
