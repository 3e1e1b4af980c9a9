--TEST--
Shared locks: an acquireLock() waiting for two readers gets the lock within a few ms of the last reader's release (not at the first's, not at a 1 s poll)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; if (!function_exists('pcntl_fork')) die('skip pcntl needed'); ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('shared-writer-woken');
$a = RedisLock::acquireShared($name, 0, 30);
$b = RedisLock::acquireShared($name, 0, 30);
$pid = pcntl_fork();
if ($pid === 0) {
    $id = RedisLock::acquireLock($name, 10, 30);
    inspector()->set("$name:got", (string) microtime(true));
    RedisLock::releaseLock($name, $id);
    exit(0);
}
usleep(300000);
RedisLock::releaseShared($name, $a);
usleep(300000);
var_dump($r->exists("$name:got"));
$released = microtime(true);
RedisLock::releaseShared($name, $b);
pcntl_waitpid($pid, $status);
$after = ((float) $r->get("$name:got") - $released) * 1000;
var_dump($after >= 0 && $after < 250);
$r->del("$name:got");
?>
--EXPECT--
int(0)
bool(true)
