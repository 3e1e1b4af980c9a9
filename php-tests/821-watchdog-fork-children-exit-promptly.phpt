--TEST--
Watchdog: pcntl_fork children of a process whose watchdog thread runs all end promptly: 10 children that take and release a watched lock of their own and exit (lease 10 s; module shutdown joins their thread), and 200 children forked at random moments of renewals every 10 ms (lease 30 ms) that exit at once (request end stops their renewals); the parent's lock stays held
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
<?php if (!extension_loaded('pcntl') || !extension_loaded('posix')) die('skip pcntl and posix needed'); ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
ini_set('redislock.servers', test_url());
ini_set('redislock.watchdog', '1');
$base = unique_name('wd-fork-exit');

/** Forks $n children running $child, one after another; how many did not end (exit 0) within
 *  3 s (a child ends in milliseconds). Those are killed. */
function fork_children(int $n, callable $child, int $maxPauseUs): array
{
    $ok = $failed = $hung = 0;
    for ($i = 0; $i < $n; $i++) {
        usleep(random_int(0, $maxPauseUs));
        $pid = pcntl_fork();
        if ($pid === 0) {
            $child($i);
            exit(0);
        }
        $status = 0;
        $done = wait_until(function () use ($pid, &$status) {
            return pcntl_waitpid($pid, $status, WNOHANG) === $pid;
        }, 3);
        if ($done === null) {
            $hung++;
            posix_kill($pid, SIGKILL);
            pcntl_waitpid($pid, $status);
        } elseif (pcntl_wifexited($status) && pcntl_wexitstatus($status) === 0) {
            $ok++;
        } else {
            $failed++;
        }
    }
    return [$ok, $failed, $hung];
}

// The parent's thread idles between renewals (lease 10 s); each child starts a thread of its
// own with a watched lock, releases it and exits.
ini_set('redislock.watchdog_lease', '10000');
$parentId = RedisLock::acquireLock("$base:a", 0, 60);
[$ok, $failed, $hung] = fork_children(10, function (int $i) use ($base) {
    $id = RedisLock::acquireLock("$base:a:child$i", 0, 60);
    if (!is_string($id) || !RedisLock::releaseLock("$base:a:child$i", $id)) {
        exit(3);
    }
}, 0);
echo "children with a watched lock of their own: ended $ok, failed $failed, did not end $hung\n";
var_dump(RedisLock::releaseLock("$base:a", $parentId));

// The parent's thread renews every 10 ms; children forked at any moment of that exit at once.
ini_set('redislock.watchdog_lease', '30');
$parentId = RedisLock::acquireLock("$base:b", 0, 60);
[$ok, $failed, $hung] = fork_children(200, function (int $i) {}, 5000);
echo "children that exit at once: ended $ok, failed $failed, did not end $hung\n";
var_dump(RedisLock::isHeld("$base:b", $parentId));
var_dump(RedisLock::releaseLock("$base:b", $parentId));
// Created now, in the parent only: no child inherited a phpredis connection.
var_dump(inspector()->keys(lock_key($base) . '*'));
?>
--EXPECT--
children with a watched lock of their own: ended 10, failed 0, did not end 0
bool(true)
children that exit at once: ended 200, failed 0, did not end 0
bool(true)
bool(true)
array(0) {
}
