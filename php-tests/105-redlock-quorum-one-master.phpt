--TEST--
RedLock: with one master its one vote is the quorum: granted when free, refused when another client holds the key
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$m = inspector('m1');
$rl = new RedLock([['127.0.0.1', test_port('m1')]], 10, 2);

$a = unique_name('redlock-q1-free');
$lock = $rl->lock($a, 10000);
var_dump(is_array($lock) && $m->get($a) === $lock['token']);
var_dump($rl->unlock($lock));
var_dump($m->exists($a));

$b = unique_name('redlock-q1-held');
$m->set($b, 'other-client', ['px' => 30000]);
var_dump($rl->lock($b, 10000));
var_dump($m->get($b));
$m->del($b);
?>
--EXPECT--
bool(true)
bool(true)
int(0)
bool(false)
string(12) "other-client"
