--TEST--
RedLock: extend() that cannot decide (two of three masters frozen) throws RedisLockException and leaves the lock as it was: after the masters resume, the keys still hold the token until they expire
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; if (!function_exists('posix_kill')) die('skip posix needed'); ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$servers = [new TestServer(), new TestServer(), new TestServer()];
$rl = new RedLock(array_map(fn($s) => $s->url(), $servers), 0, 1);
$name = unique_name('extend-undecided');
$l = $rl->lock($name, 5000);
var_dump(is_array($l));
try {
    posix_kill($servers[1]->pid(), SIGSTOP);
    posix_kill($servers[2]->pid(), SIGSTOP);
    try {
        var_dump($rl->extend($l, 5000));
    } catch (RedisLockException $e) {
        echo get_class($e), ': ', preg_replace('/:\d+/', ':P', $e->getMessage()), "\n";
    }
} finally {
    posix_kill($servers[1]->pid(), SIGCONT);
    posix_kill($servers[2]->pid(), SIGCONT);
}
// Whatever was written to the frozen masters has run now: the lock is still there everywhere.
usleep(200000);
foreach ($servers as $s) {
    var_dump($s->client()->get($name) === $l['token']);
}
var_dump($rl->unlock($l));
?>
--EXPECT--
bool(true)
RedisLockException: no quorum possible (2 of 3 Redis servers needed, 2 failed): 127.0.0.1:P: no reply within 50 ms; 127.0.0.1:P: no reply within 50 ms
bool(true)
bool(true)
bool(true)
bool(true)
