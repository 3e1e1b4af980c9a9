--TEST--
Fault: an invalid redislock.timeout or redislock.connect_timeout (0, non-numeric, above 60000) raises RedisLockException naming the setting
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('bad-timeout');
foreach (['redislock.timeout', 'redislock.connect_timeout'] as $setting) {
    foreach (['0', 'abc', '60001'] as $value) {
        $old = ini_set($setting, $value);
        try {
            var_dump(RedisLock::acquireLock($name, 0));
        } catch (RedisLockException $e) {
            echo $e->getMessage(), "\n";
        }
        ini_set($setting, $old);
    }
}
var_dump($r->exists(lock_key($name)));
// Valid again: works.
$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && $r->get(lock_key($name)) === $id);
var_dump(RedisLock::releaseLock($name, $id));
?>
--EXPECT--
invalid redislock.timeout '0': expected milliseconds from 1 to 60000
invalid redislock.timeout 'abc': expected milliseconds from 1 to 60000
invalid redislock.timeout '60001': expected milliseconds from 1 to 60000
invalid redislock.connect_timeout '0': expected milliseconds from 1 to 60000
invalid redislock.connect_timeout 'abc': expected milliseconds from 1 to 60000
invalid redislock.connect_timeout '60001': expected milliseconds from 1 to 60000
int(0)
bool(true)
bool(true)
