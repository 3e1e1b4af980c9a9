--TEST--
RedLock: an attempt whose quorum has become impossible is decided at once, not after the node timeout: two of three masters held by someone else and the third frozen give false within a fraction of the 1 s node timeout; one master down and one frozen of two raise at once
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; if (!function_exists('posix_kill')) die('skip posix needed'); ?>
--INI--
redislock.node_timeout=1000
--FILE--
<?php
require __DIR__ . '/redis.inc';
$a = new TestServer();
$b = new TestServer();
$frozen = new TestServer();
$name = unique_name('impossible');
$a->client()->set($name, 'someone-else', ['px' => 20000]);
$b->client()->set($name, 'someone-else', ['px' => 20000]);
$rl = new RedLock([$a->url(), $b->url(), $frozen->url()], 0, 1);
$rl->lock(unique_name('warm'), 20000); // connections open before the freeze
$dead = free_port();
$two = new RedLock(["redis://127.0.0.1:$dead", $frozen->url()], 0, 1);
try {
    posix_kill($frozen->pid(), SIGSTOP);
    $t = microtime(true);
    var_dump($rl->lock($name, 20000));
    $busy = microtime(true) - $t;
    $t = microtime(true);
    try {
        var_dump($two->lock($name, 20000));
    } catch (RedisLockException $e) {
        echo preg_replace('/:\d+/', ':P', $e->getMessage()), "\n";
    }
    $down = microtime(true) - $t;
} finally {
    posix_kill($frozen->pid(), SIGCONT);
}
// Expected a few ms each (no node timeout of 1 s, nor two); bounds only catch a wait for it.
var_dump($busy < 0.25, $down < 0.25);
var_dump($a->client()->get($name), $b->client()->get($name));
?>
--EXPECT--
bool(false)
no quorum possible (2 of 2 Redis servers needed, 1 failed): 127.0.0.1:P: Connection refused (os error 111)
bool(true)
bool(true)
string(12) "someone-else"
string(12) "someone-else"
