--TEST--
RedisLock: when the holder never releases, acquireLock with acquire_time 1 returns false after about 1 s
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('giveup');
$key = lock_key($name);

$holder = RedisLock::acquireLock($name, 0, 60);
var_dump(is_string($holder));

$t0 = microtime(true);
var_dump(RedisLock::acquireLock($name, 1, 20));
$elapsed = microtime(true) - $t0;
var_dump($elapsed >= 1.0);                    // it kept trying for the whole acquire_time
var_dump($elapsed < 10.0);                    // and then gave up (hang guard)
var_dump($r->get($key) === $holder);          // the holder still has it
$ttl = $r->pttl($key);
var_dump($ttl > 50000 && $ttl <= 60000);      // retries never touched the TTL
var_dump(RedisLock::releaseLock($name, $holder));
?>
--EXPECT--
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
