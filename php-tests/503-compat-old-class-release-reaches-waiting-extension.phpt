--TEST--
Compatibility: an extension waiter behind a lock held by the old PHP class (whose release wakes no one) gets the lock after the old class releases, within the longest block (1 s) and Redis's tick, long before the old lock's 20 s TTL
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; if (!function_exists('pcntl_fork')) die('skip pcntl needed'); ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
require __DIR__ . '/fixtures/OldRedisLock.php';
ini_set('redislock.servers', test_url());
$name = unique_name('old-holder');
$pid = pcntl_fork();
if ($pid === 0) {
    $old = new OldRedisLockConnection();
    $old->connect('127.0.0.1', test_port(), 2.0, null, 0, 2.0);
    OldRedisLock::$redis = $old;
    $id = OldRedisLock::acquireLock($name, 3, 20);
    inspector()->set("$name:held", '1');
    usleep(300000);
    OldRedisLock::releaseLock($name, $id);
    exit(0);
}
$r = inspector();
while (!$r->exists("$name:held")) {
    usleep(1000);
}
$t = microtime(true);
$id = RedisLock::acquireLock($name, 10, 20);
$took = microtime(true) - $t;
pcntl_waitpid($pid, $status);
var_dump(is_string($id) && $r->get(lock_key($name)) === $id);
// Released after ~0.3 s; noticed within the 1 s block plus a tick: not the 20 s TTL.
var_dump($took > 0.25 && $took < 2.5);
var_dump(RedisLock::releaseLock($name, $id));
$r->del("$name:held");
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
