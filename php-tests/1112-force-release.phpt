--TEST--
forceRelease(): deletes the lock whoever holds it (an exclusive holder, or every reader), wakes a waiter at once, is false on a free name, and is refused on a quorum
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; if (!function_exists('pcntl_fork')) die('skip pcntl needed'); ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('force');
var_dump(RedisLock::forceRelease($name));
$w = RedisLock::acquireLock($name, 0, 30);
var_dump(RedisLock::forceRelease($name), RedisLock::isHeld($name, $w), RedisLock::releaseLock($name, $w));
$a = RedisLock::acquireShared($name, 0, 30);
$b = RedisLock::acquireShared($name, 0, 30);
var_dump(RedisLock::forceRelease($name), RedisLock::isHeldShared($name, $a), count($r->keys('*' . $name . '*')));
// A waiter is woken by it, not left to its 1 s block.
$w = RedisLock::acquireLock($name, 0, 30);
$pid = pcntl_fork();
if ($pid === 0) {
    $id = RedisLock::acquireLock($name, 10, 30);
    inspector()->set("$name:got", (string) microtime(true));
    RedisLock::releaseLock($name, $id);
    exit(0);
}
usleep(300000);
$at = microtime(true);
RedisLock::forceRelease($name);
pcntl_waitpid($pid, $status);
$after = ((float) $r->get("$name:got") - $at) * 1000;
var_dump($after >= 0 && $after < 250);
$r->del("$name:got");
try {
    RedisLock::forceRelease('');
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
ini_set('redislock.servers', implode(',', array_map(fn($p) => "redis://127.0.0.1:$p", array_slice(master_ports(), 0, 3))));
try {
    RedisLock::forceRelease($name);
} catch (RedisLockException $e) {
    echo substr($e->getMessage(), 0, 56), "\n";
}
?>
--EXPECT--
bool(false)
bool(true)
bool(false)
bool(false)
bool(true)
bool(false)
int(0)
bool(true)
RedisLock::forceRelease(): Argument #1 ($lock_name) must not be empty
forced releases need one Redis server, not a quorum of 3
