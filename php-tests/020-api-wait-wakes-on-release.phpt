--TEST--
RedisLock: a waiting acquireLock() blocks until the holder releases, and gets the lock within a few ms of the release (not at a poll: the longest block is 100 ms), with the holder's lock long-lived
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; if (!function_exists('pcntl_fork')) die('skip pcntl needed'); ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('wake');
$lat = [];
for ($i = 0; $i < 5; $i++) {
    $id = RedisLock::acquireLock("$name:$i", 0, 30);
    $pid = pcntl_fork();
    if ($pid === 0) {
        // The holder: releases 150 ms later and notes when.
        usleep(150000);
        RedisLock::releaseLock("$name:$i", $id);
        $c = inspector();
        $c->set("$name:released:$i", (string) microtime(true));
        exit(0);
    }
    $got = RedisLock::acquireLock("$name:$i", 5, 30);
    $at = microtime(true);
    pcntl_waitpid($pid, $status);
    $lat[] = ($at - (float) $r->get("$name:released:$i")) * 1000;
    RedisLock::releaseLock("$name:$i", $got);
}
sort($lat);
// Expected about a round trip (~1 ms); a regression to polling at the 100 ms cap would show.
var_dump($lat[2] < 60);
?>
--EXPECT--
bool(true)
