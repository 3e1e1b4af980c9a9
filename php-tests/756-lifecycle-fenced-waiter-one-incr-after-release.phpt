--TEST--
Lifecycle: acquireFenced() waiting (acquire_time 5) for a lock another process holds gets it after that holder releases, with a fence exactly one above the holder's (the refused attempts while waiting took no number); a stale holder whose lock expired has a lower fence than the one who took it after
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; if (!function_exists('pcntl_fork')) die('skip pcntl needed'); ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('fenced-wait');
$key = lock_key($name);
$counter = '{' . $key . '}:fence';

$holder = RedisLock::acquireFenced($name, 0, 30);
$pid = pcntl_fork();
if ($pid === 0) {
    usleep(400000);
    RedisLock::releaseLock($name, $holder['identifier']);
    exit(0);
}
$t0 = hrtime(true);
$waiter = RedisLock::acquireFenced($name, 5, 30);
$elapsed = (hrtime(true) - $t0) / 1e9;
pcntl_waitpid($pid, $status);
echo "holder fence {$holder['fence']}, waiter fence ", var_export($waiter['fence'] ?? $waiter, true), "\n";
var_dump($elapsed > 0.3 && $elapsed < 5.0);
var_dump($r->get($key) === $waiter['identifier'], $r->get($counter));
var_dump(RedisLock::releaseLock($name, $waiter['identifier']));

// Stale holder: its 0.2 s lock expires, another takes it with a higher fence.
$stale = RedisLock::acquireFenced($name, 0, 0.2);
$fresh = RedisLock::acquireFenced($name, 2, 30);
var_dump($fresh['fence'] > $stale['fence'], $fresh['fence'] - $stale['fence']);
var_dump(RedisLock::releaseLock($name, $stale['identifier']));   // lost: refused
var_dump(RedisLock::releaseLock($name, $fresh['identifier']));
$r->del($counter);
?>
--EXPECT--
holder fence 1, waiter fence 2
bool(true)
bool(true)
string(1) "2"
bool(true)
bool(true)
int(1)
bool(false)
bool(true)
