--TEST--
Fault: an invalid redislock.timeout or redislock.connect_timeout (0, non-numeric, above 60000, NUL) is refused by ini_set() (false, old value kept, a warning saying why); given at startup it raises RedisLockException naming the setting at the first lock call
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('bad-timeout');
foreach (['redislock.timeout', 'redislock.connect_timeout'] as $setting) {
    foreach (['0', 'abc', '60001', "1\0"] as $value) {
        refused_ini_set($setting, $value);
    }
}
// The kept values still work.
$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && $r->get(lock_key($name)) === $id);
var_dump(RedisLock::releaseLock($name, $id));

// From php.ini / -d: kept as given, reported when a lock call uses it.
$code = 'try { RedisLock::acquireLock("x", 0); echo "no exception\n"; }'
    . ' catch (RedisLockException $e) { echo $e->getMessage(), "\n"; }';
foreach (['redislock.timeout', 'redislock.connect_timeout'] as $setting) {
    foreach (['0', 'abc', '60001'] as $value) {
        echo child_php(['redislock.servers' => test_url(), $setting => $value], $code);
    }
}
var_dump($r->exists(lock_key('x')));
?>
--EXPECT--
ini_set: false, kept: true, warning: ini_set(): invalid redislock.timeout '0': expected milliseconds from 1 to 60000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.timeout 'abc': expected milliseconds from 1 to 60000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.timeout '60001': expected milliseconds from 1 to 60000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.timeout '1\x00': expected milliseconds from 1 to 60000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.connect_timeout '0': expected milliseconds from 1 to 60000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.connect_timeout 'abc': expected milliseconds from 1 to 60000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.connect_timeout '60001': expected milliseconds from 1 to 60000
ini_set: false, kept: true, warning: ini_set(): invalid redislock.connect_timeout '1\x00': expected milliseconds from 1 to 60000
bool(true)
bool(true)
invalid redislock.timeout '0': expected milliseconds from 1 to 60000
invalid redislock.timeout 'abc': expected milliseconds from 1 to 60000
invalid redislock.timeout '60001': expected milliseconds from 1 to 60000
invalid redislock.connect_timeout '0': expected milliseconds from 1 to 60000
invalid redislock.connect_timeout 'abc': expected milliseconds from 1 to 60000
invalid redislock.connect_timeout '60001': expected milliseconds from 1 to 60000
int(0)
