--TEST--
RedLock: with 5 masters 3 votes are needed: two masters held by another client still grant, three refuse, and the refused attempt leaves no token behind
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$masters = array_map(fn($i) => inspector("m$i"), [1, 2, 3, 4, 5]);
$rl = new RedLock(array_map(fn($p) => "redis://127.0.0.1:$p", master_ports()), 10, 3);

function show(array $masters, string $key, ?array $lock): void
{
    foreach ($masters as $i => $m) {
        $v = $m->get($key);
        echo "  m", $i + 1, ": ", $v === false ? 'absent' : ($lock !== null && $v === $lock['token'] ? 'token' : $v), "\n";
    }
}

echo "two foreign (m2, m4):\n";
$a = unique_name('redlock-q5-two');
foreach ([1, 3] as $i) {
    $masters[$i]->set($a, 'other-client', ['px' => 30000]);
}
$lock = $rl->lock($a, 10000);
var_dump(is_array($lock) && $lock['validity'] > 0 && $lock['validity'] < 10000);
show($masters, $a, $lock);
var_dump($rl->unlock($lock));
show($masters, $a, null);

echo "three foreign (m1, m3, m5):\n";
$b = unique_name('redlock-q5-three');
foreach ([0, 2, 4] as $i) {
    $masters[$i]->set($b, 'other-client', ['px' => 30000]);
}
var_dump($rl->lock($b, 10000));
show($masters, $b, null);         // m2 and m4 granted each attempt; every token was deleted again

foreach ($masters as $m) {
    $m->del($a, $b);
}
?>
--EXPECT--
two foreign (m2, m4):
bool(true)
  m1: token
  m2: other-client
  m3: token
  m4: other-client
  m5: token
bool(true)
  m1: absent
  m2: other-client
  m3: absent
  m4: other-client
  m5: absent
three foreign (m1, m3, m5):
bool(false)
  m1: other-client
  m2: absent
  m3: other-client
  m4: absent
  m5: other-client
