--TEST--
Lifecycle: extendLock()/extend() of a lock that expired, was released, or was taken over return false and never revive it: the key stays absent (no SET, no PEXPIRE reaches it), or stays the new holder's with its TTL
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('extend-lost');
$key = lock_key($name);

echo "-- expired\n";
$id = RedisLock::acquireLock($name, 0, 0.15);
$t0 = hrtime(true);
while ($r->exists($key) && hrtime(true) - $t0 < 2e9) {    // until Redis says it is gone (2 s: hang guard)
    usleep(10000);
}
var_dump($r->exists($key));
var_dump(RedisLock::extendLock($name, $id, 30));
var_dump(RedisLock::extend($name, $id, 30));
var_dump($r->exists($key));
usleep(50000);
var_dump($r->exists($key));

echo "-- released\n";
$id = RedisLock::acquireLock($name, 0, 30);
var_dump(RedisLock::releaseLock($name, $id));
var_dump(RedisLock::extendLock($name, $id, 30));
var_dump($r->exists($key));

echo "-- taken over\n";
$old = RedisLock::acquireLock($name, 0, 0.15);
$new = RedisLock::acquireLock($name, 2, 5);      // waits out the 0.15 s TTL
var_dump(is_string($new) && $new !== $old);
var_dump(RedisLock::extendLock($name, $old, 60));
var_dump($r->get($key) === $new);
$ttl = $r->pttl($key);
var_dump($ttl > 4000 && $ttl <= 5000);             // the new holder's 5 s, not 60 s
var_dump(RedisLock::releaseLock($name, $new));
?>
--EXPECT--
-- expired
int(0)
bool(false)
bool(false)
int(0)
int(0)
-- released
bool(true)
bool(false)
int(0)
-- taken over
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
