--TEST--
Shared locks: upgradeShared() with an acquire time waits for the other reader and is woken by its release; with a short acquire time it gives up on time and is still a reader
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; if (!function_exists('pcntl_fork')) die('skip pcntl needed'); ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$name = unique_name('shared-upgrade-wait');
$a = RedisLock::acquireShared($name, 0, 30);
$pid = pcntl_fork();
if ($pid === 0) {
    $b = RedisLock::acquireShared($name, 0, 30);
    usleep(600000);
    RedisLock::releaseShared($name, $b);
    exit(0);
}
usleep(100000);
$t = microtime(true);
var_dump(RedisLock::upgradeShared($name, $a, 0.2, 30));
$gave_up = (microtime(true) - $t) * 1000;
var_dump($gave_up >= 190 && $gave_up < 450, RedisLock::isHeldShared($name, $a));
var_dump(RedisLock::upgradeShared($name, $a, 10, 30));
$took = (microtime(true) - $t) * 1000;
pcntl_waitpid($pid, $status);
var_dump($took > 450 && $took < 900, RedisLock::isHeld($name, $a), RedisLock::releaseLock($name, $a));
?>
--EXPECT--
bool(false)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
