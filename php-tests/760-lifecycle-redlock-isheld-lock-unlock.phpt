--TEST--
Lifecycle: RedLock::isHeld() is true after lock() on 3 masters (also for an int resource), false after unlock(), false for a forged token or after the TTL ran out, and changes nothing on the masters (one GET each)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$ports = array_slice(master_ports(), 0, 3);
$masters = array_map(fn($i) => inspector("m$i"), [1, 2, 3]);
$rl = new RedLock(array_map(fn($p) => ['127.0.0.1', $p, 0.5], $ports), 10, 3);
$res = unique_name('redlock-isheld');

$lock = $rl->lock($res, 30000);
var_dump(is_array($lock));
var_dump($rl->isHeld($lock));
echo "on the masters: ", json_encode(array_map(fn($m) => $m->get($res) === $lock['token'], $masters)), "\n";

// Read-only: watch one master while asking.
$mon = new Monitor($ports[0]);
$ttlBefore = $masters[0]->pttl($res);
$mon->commands();
var_dump($rl->isHeld($lock));
$cmds = array_values(array_filter($mon->commands(), fn($l) => str_contains($l, $res)));
echo "m1 saw: ", implode(' | ', array_map(fn($l) => str_replace($res, 'RES', $l), $cmds)), "\n";
$ttl = $masters[0]->pttl($res);
var_dump($ttl <= $ttlBefore && $ttl > 25000);

var_dump($rl->isHeld(['resource' => $res, 'token' => bin2hex(random_bytes(16))]));
var_dump($rl->isHeld(['resource' => $res, 'token' => '']));
var_dump($rl->unlock($lock));
var_dump($rl->isHeld($lock));
echo "on the masters: ", json_encode(array_map(fn($m) => $m->exists($res), $masters)), "\n";

// An int resource is its decimal string.
$num = random_int(1000000000, 2000000000);
$lock = $rl->lock($num, 300);
var_dump($lock['resource'] === (string) $num, $rl->isHeld($lock));
usleep(400000);                                   // past its 300 ms TTL
var_dump($rl->isHeld($lock));
echo "on the masters: ", json_encode(array_map(fn($m) => $m->exists((string) $num), $masters)), "\n";
?>
--EXPECT--
bool(true)
bool(true)
on the masters: [true,true,true]
bool(true)
m1 saw: "GET" "RES"
bool(true)
bool(false)
bool(false)
bool(true)
bool(false)
on the masters: [0,0,0]
bool(true)
bool(true)
bool(false)
on the masters: [0,0,0]
