--TEST--
Lifecycle: RedisLock::isHeld() turns false once the lock's TTL (0.2 s) has run out, without a release, and does not bring the key back
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('isheld-expiry');
$key = lock_key($name);

$id = RedisLock::acquireLock($name, 0, 0.2);
var_dump(RedisLock::isHeld($name, $id));
// Wait until Redis itself says the key is gone (at most 2 s: only a hang guard).
$t0 = hrtime(true);
while ($r->exists($key) && hrtime(true) - $t0 < 2e9) {
    usleep(10000);
}
var_dump($r->exists($key));
var_dump(RedisLock::isHeld($name, $id));
var_dump($r->exists($key));
var_dump(RedisLock::releaseLock($name, $id));
?>
--EXPECT--
bool(true)
int(0)
bool(false)
int(0)
bool(false)
