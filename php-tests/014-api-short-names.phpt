--TEST--
RedisLock: acquire/release are the same lock as acquireLock/releaseLock (one sees what the other took)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$n = unique_name('short');
$key = lock_key($n);

echo "-- taken by acquire()\n";
$id = RedisLock::acquire($n, 0, 30);
var_dump($r->get($key) === $id);
$ttl = $r->pttl($key);
var_dump($ttl > 25000 && $ttl <= 30000);
var_dump(RedisLock::acquireLock($n, 0));      // the long name sees it held
var_dump(RedisLock::acquire($n, 0));
var_dump(RedisLock::release($n, 'ffffffffffffffffffffffffffffffff'));
var_dump(RedisLock::releaseLock($n, $id));    // released under the long name
var_dump($r->exists($key));

echo "-- taken by acquireLock()\n";
$id = RedisLock::acquireLock($n, 0, 30);
var_dump($r->get($key) === $id);
var_dump(RedisLock::acquire($n, 0));          // the short name sees it held
var_dump(RedisLock::releaseLock($n, 'ffffffffffffffffffffffffffffffff'));
var_dump(RedisLock::release($n, $id));        // released under the short name
var_dump($r->exists($key));
var_dump(RedisLock::release($n, $id));        // already gone
?>
--EXPECT--
-- taken by acquire()
bool(true)
bool(true)
bool(false)
bool(false)
bool(false)
bool(true)
int(0)
-- taken by acquireLock()
bool(true)
bool(false)
bool(false)
bool(true)
int(0)
bool(false)
