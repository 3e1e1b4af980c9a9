--TEST--
Lifecycle: RedLock::isHeld() with one of 3 masters down is still true while the other two hold the token, false when one of the two lost it, and a RedisLockException naming both when two masters are down
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$s = [new TestServer(), new TestServer(), new TestServer()];
$rl = new RedLock(array_map(fn($x) => ['127.0.0.1', $x->port, 0.2], $s), 10, 3);
$res = unique_name('redlock-isheld-down');

$lock = $rl->lock($res, 30000);
var_dump(is_array($lock), $rl->isHeld($lock));
$s[0]->stop();
var_dump($rl->isHeld($lock));                     // m2, m3 hold it: a majority
$s[1]->client()->del($res);
var_dump($rl->isHeld($lock));                     // only m3 holds it
$s[1]->client()->set($res, $lock['token'], ['px' => 30000]);
$s[1]->stop();
try {
    var_dump($rl->isHeld($lock));
} catch (RedisLockException $e) {
    echo get_class($e), ': ', strtr($e->getMessage(), [$s[0]->port => 'P1', $s[1]->port => 'P2']), "\n";
}
var_dump($s[2]->client()->get($res) === $lock['token']);   // asking changed nothing
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(false)
RedisLockException: no quorum possible (2 of 3 Redis servers needed, 2 failed): 127.0.0.1:P1: Connection refused (os error 111); 127.0.0.1:P2: Connection refused (os error 111)
bool(true)
