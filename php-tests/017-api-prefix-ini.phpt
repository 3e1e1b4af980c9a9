--TEST--
RedisLock: changing redislock.prefix with ini_set changes the Redis key the lock uses
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$n = unique_name('prefixed');
$prefix = 'PHPT_' . getmypid() . '_' . bin2hex(random_bytes(3)) . ':';

var_dump(ini_set('redislock.prefix', $prefix));
$id = RedisLock::acquireLock($n, 0, 30);
var_dump($r->get($prefix . $n) === $id);
var_dump($r->exists('AGENT_ORDER_LOCK:' . $n));
var_dump($r->keys($prefix . '*') === [$prefix . $n]);

// Under the default prefix the same name is a different lock.
var_dump(ini_set('redislock.prefix', 'AGENT_ORDER_LOCK:') === $prefix);
$other = RedisLock::acquireLock($n, 0, 30);
var_dump(is_string($other) && $other !== $id);
var_dump($r->get('AGENT_ORDER_LOCK:' . $n) === $other);
var_dump(RedisLock::releaseLock($n, $id));    // $id lives under the other prefix: not found here
var_dump($r->get($prefix . $n) === $id);
var_dump(RedisLock::releaseLock($n, $other));

ini_set('redislock.prefix', $prefix);
var_dump(RedisLock::acquireLock($n, 0, 30));  // still held under the custom prefix
var_dump(RedisLock::releaseLock($n, $id));
var_dump($r->exists($prefix . $n), $r->exists('AGENT_ORDER_LOCK:' . $n));
?>
--EXPECT--
string(17) "AGENT_ORDER_LOCK:"
bool(true)
int(0)
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
bool(true)
bool(true)
bool(false)
bool(true)
int(0)
int(0)
