--TEST--
RedLock: unlock() with the right resource but a forged token returns false and deletes nothing
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$masters = array_map(fn($i) => inspector("m$i"), [1, 2, 3, 4, 5]);
$servers = array_map(fn($p) => "redis://127.0.0.1:$p", master_ports());
$resource = unique_name('redlock-forged');

$rl = new RedLock($servers);
$lock = $rl->lock($resource, 30000);
$forged = ['validity' => $lock['validity'], 'resource' => $resource, 'token' => str_repeat('0', 32)];
var_dump($rl->unlock($forged));
var_dump((new RedLock($servers))->unlock($forged));     // another object: the same answer
foreach ($masters as $i => $m) {
    echo "m", $i + 1, ": ", var_export($m->get($resource) === $lock['token'], true), "\n";
}
var_dump($rl->unlock($lock));
echo "left: ", array_sum(array_map(fn($m) => $m->exists($resource), $masters)), "\n";
?>
--EXPECT--
bool(false)
bool(false)
m1: true
m2: true
m3: true
m4: true
m5: true
bool(true)
left: 0
