--TEST--
RedisLock: ini_restore() puts a redislock.* setting changed by ini_set back to its configured value
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$n = unique_name('restored');
$custom = 'PHPT_' . getmypid() . '_' . bin2hex(random_bytes(3)) . ':';

var_dump(ini_set('redislock.prefix', $custom));
ini_restore('redislock.prefix');
var_dump(ini_get('redislock.prefix'));        // as for any extension's setting (e.g. precision)

// And the lock really uses the restored prefix.
$id = RedisLock::acquireLock($n, 0, 30);
var_dump($r->get('AGENT_ORDER_LOCK:' . $n) === $id);
var_dump($r->exists($custom . $n));
var_dump(RedisLock::releaseLock($n, $id));

ini_set('redislock.timeout', '300');
ini_restore('redislock.timeout');
var_dump(ini_get('redislock.timeout'));
ini_set('redislock.servers', 'redis://127.0.0.1:1');
ini_restore('redislock.servers');
var_dump(ini_get('redislock.servers'));
?>
--EXPECT--
string(17) "AGENT_ORDER_LOCK:"
string(17) "AGENT_ORDER_LOCK:"
bool(true)
int(0)
bool(true)
string(4) "1000"
string(22) "redis://127.0.0.1:6379"
