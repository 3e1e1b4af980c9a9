--TEST--
Lifecycle: acquireFenced() returns exactly ['identifier' => 32 lowercase hex, 'fence' => int]; the identifier is the lock key's value (isHeld/releaseLock work with it); the fence comes from INCR of the counter key {PREFIX.name}:fence, which has no TTL, continues from its value and follows redislock.prefix
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('fenced');
$key = lock_key($name);
$counter = '{' . $key . '}:fence';

$f = RedisLock::acquireFenced($name, 0, 10);
var_dump(array_keys($f));
var_dump((bool) preg_match('/^[0-9a-f]{32}$/', $f['identifier']), is_int($f['fence']), $f['fence']);
var_dump($r->get($key) === $f['identifier']);
$ttl = $r->pttl($key);
var_dump($ttl > 9000 && $ttl <= 10000);
var_dump($r->get($counter), $r->pttl($counter));
var_dump(RedisLock::isHeld($name, $f['identifier']));
var_dump(RedisLock::releaseLock($name, $f['identifier']));
var_dump($r->exists($key), $r->get($counter));            // the counter outlives the lock

// It continues from whatever the counter holds.
$r->set($counter, '1000');
$f = RedisLock::acquireFenced($name, 0, 10);
var_dump($f['fence'], $r->get($counter));
var_dump(RedisLock::releaseLock($name, $f['identifier']));

// With another prefix, key and counter follow it.
ini_set('redislock.prefix', 'PHPT_FENCE:');
$f = RedisLock::acquireFenced($name, 0, 0.5);
var_dump($r->get("PHPT_FENCE:$name") === $f['identifier'], $f['fence'], $r->get("{PHPT_FENCE:$name}:fence"));
var_dump(RedisLock::releaseLock($name, $f['identifier']));
$r->del($counter, "{PHPT_FENCE:$name}:fence");
?>
--EXPECT--
array(2) {
  [0]=>
  string(10) "identifier"
  [1]=>
  string(5) "fence"
}
bool(true)
bool(true)
int(1)
bool(true)
bool(true)
string(1) "1"
int(-1)
bool(true)
bool(true)
int(0)
string(1) "1"
int(1001)
string(4) "1001"
bool(true)
bool(true)
int(1)
string(1) "1"
bool(true)
