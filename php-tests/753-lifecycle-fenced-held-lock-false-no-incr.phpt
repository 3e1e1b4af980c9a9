--TEST--
Lifecycle: acquireFenced() on a held lock returns false (acquire_time 0, and after waiting 0.2 s) without INCRementing the counter or touching the holder's lock; once free, the next fence is exactly one more than the last
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('fenced-held');
$key = lock_key($name);
$counter = '{' . $key . '}:fence';

$holder = RedisLock::acquireFenced($name, 0, 30);
var_dump($holder['fence']);
$ttlBefore = $r->pttl($key);
var_dump(RedisLock::acquireFenced($name, 0, 5));
$t0 = hrtime(true);
var_dump(RedisLock::acquireFenced($name, 0.2, 5));
$elapsed = (hrtime(true) - $t0) / 1e9;
var_dump($elapsed >= 0.2 && $elapsed < 2.0);
var_dump($r->get($counter));                      // still 1: refused attempts take no number
var_dump($r->get($key) === $holder['identifier']);
$ttl = $r->pttl($key);
var_dump($ttl <= $ttlBefore && $ttl > 25000);
var_dump(RedisLock::releaseLock($name, $holder['identifier']));

// Held by a plain acquireLock(): refused the same way, and no counter is created.
$other = unique_name('fenced-held-plain');
$id = RedisLock::acquireLock($other, 0, 30);
var_dump(RedisLock::acquireFenced($other, 0, 5));
var_dump($r->exists('{' . lock_key($other) . '}:fence'));
var_dump(RedisLock::releaseLock($other, $id));

$next = RedisLock::acquireFenced($name, 0, 5);
var_dump($next['fence']);
var_dump(RedisLock::releaseLock($name, $next['identifier']));
$r->del($counter);
?>
--EXPECT--
int(1)
bool(false)
bool(false)
bool(true)
string(1) "1"
bool(true)
bool(true)
bool(true)
bool(false)
int(0)
bool(true)
int(2)
bool(true)
