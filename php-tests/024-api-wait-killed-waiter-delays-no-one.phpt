--TEST--
RedisLock: a waiter killed (SIGKILL) while blocked takes no wake-up with it: the next waiter still gets the lock within a few ms of the release
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; if (!function_exists('posix_kill')) die('skip posix needed'); ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('killed-waiter');
$holder = RedisLock::acquireLock($name, 0, 30);
// The first waiter, in a process of its own, blocks behind the holder; then it is killed.
$code = 'ini_set("redislock.servers", "' . test_url() . '"); RedisLock::acquireLock($argv[1], 20, 30);';
// `exec`: the pid proc_open reports is then PHP's own, not a shell's.
$victim = proc_open('exec ' . php_cmd() . ' -r ' . escapeshellarg($code) . ' ' . escapeshellarg($name),
    [0 => ['file', '/dev/null', 'r'], 1 => STDOUT, 2 => STDOUT], $pipes);
usleep(150000);
posix_kill(proc_get_status($victim)['pid'], SIGKILL);
proc_close($victim);
// The second waiter (this process's child) blocks; the holder releases; the child notes when.
$pid = pcntl_fork();
if ($pid === 0) {
    $id = RedisLock::acquireLock($name, 5, 30);
    inspector()->set("$name:got", (string) microtime(true));
    RedisLock::releaseLock($name, $id);
    exit(0);
}
usleep(100000);
$released = microtime(true);
RedisLock::releaseLock($name, $holder);
pcntl_waitpid($pid, $status);
$ms = ((float) $r->get("$name:got") - $released) * 1000;
// Expected about a round trip; a lost wake-up would cost the 1 s block.
var_dump($ms >= 0 && $ms < 60);
$r->del("$name:got");
?>
--EXPECT--
bool(true)
