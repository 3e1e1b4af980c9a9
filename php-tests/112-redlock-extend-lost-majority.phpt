--TEST--
RedLock: extend() after the key vanished on 3 of 5 masters (another client took one) returns false, revives nothing, and leaves the other client's key alone
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$masters = array_map(fn($i) => inspector("m$i"), [1, 2, 3, 4, 5]);
$rl = new RedLock(array_map(fn($p) => "redis://127.0.0.1:$p", master_ports()));
$resource = unique_name('redlock-extend-lost');

$lock = $rl->lock($resource, 30000);
var_dump(is_array($lock));
foreach ([0, 1, 2] as $i) {
    $masters[$i]->del($resource);
}
$masters[0]->set($resource, 'other-client', ['px' => 20000]);

var_dump($rl->extend($lock, 60000));
foreach ($masters as $i => $m) {
    $v = $m->get($resource);
    echo "m", $i + 1, ": ", $v === false ? 'absent' : ($v === $lock['token'] ? 'token' : $v), "\n";
}
// The other client's key keeps its own expiry (not renewed to 60 s).
$pttl = $masters[0]->pttl($resource);
var_dump($pttl > 0 && $pttl <= 20000);
$masters[0]->del($resource);
?>
--EXPECT--
bool(true)
bool(false)
m1: other-client
m2: absent
m3: absent
m4: absent
m5: absent
bool(true)
