--TEST--
Lifecycle: after a lock expired and another holder took it, isHeld() is false for the old identifier and true for the new one; the old holder's isHeld() leaves the new holder's lock as it is
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('isheld-takeover');
$key = lock_key($name);

$old = RedisLock::acquireLock($name, 0, 0.15);
var_dump(RedisLock::isHeld($name, $old));
$new = RedisLock::acquireLock($name, 2, 30);    // waits out the 0.15 s TTL
var_dump(is_string($new) && $new !== $old);
var_dump(RedisLock::isHeld($name, $old));
var_dump(RedisLock::isHeld($name, $new));
var_dump($r->get($key) === $new);
$ttl = $r->pttl($key);
var_dump($ttl > 25000 && $ttl <= 30000);

// A takeover by another client writing the key directly (another library, the old PHP class).
$r->set($key, 'someone-else', ['px' => 30000]);
var_dump(RedisLock::isHeld($name, $new));
var_dump(RedisLock::isHeld($name, 'someone-else'));   // any holder's value is its identifier
var_dump($r->get($key));
$r->del($key);
?>
--EXPECT--
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
bool(false)
bool(true)
string(12) "someone-else"
