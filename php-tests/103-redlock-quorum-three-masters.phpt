--TEST--
RedLock: with 3 masters 2 votes are needed: one master held by another client still grants, two refuse, and the refused attempt leaves no token behind
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$masters = array_map(fn($i) => inspector("m$i"), [1, 2, 3]);
$rl = new RedLock(array_map(fn($p) => ['127.0.0.1', $p, 0.5], array_slice(master_ports(), 0, 3)), 10, 3);

function show(array $masters, string $key, ?array $lock): void
{
    foreach ($masters as $i => $m) {
        $v = $m->get($key);
        echo "  m", $i + 1, ": ", $v === false ? 'absent' : ($lock !== null && $v === $lock['token'] ? 'token' : $v), "\n";
    }
}

echo "one foreign (m2):\n";
$a = unique_name('redlock-q3-one');
$masters[1]->set($a, 'other-client', ['px' => 30000]);
$lock = $rl->lock($a, 10000);
var_dump(is_array($lock) && $lock['validity'] > 0 && $lock['validity'] < 10000);
show($masters, $a, $lock);
var_dump($rl->unlock($lock));     // 2 confirmed deletions: a quorum
show($masters, $a, null);

echo "two foreign (m1, m3):\n";
$b = unique_name('redlock-q3-two');
$masters[0]->set($b, 'other-client', ['px' => 30000]);
$masters[2]->set($b, 'other-client', ['px' => 30000]);
var_dump($rl->lock($b, 10000));
show($masters, $b, null);         // m2 voted three times and had its token deleted each time

foreach ($masters as $m) {
    $m->del($a, $b);
}
?>
--EXPECT--
one foreign (m2):
bool(true)
  m1: token
  m2: other-client
  m3: token
bool(true)
  m1: absent
  m2: other-client
  m3: absent
two foreign (m1, m3):
bool(false)
  m1: other-client
  m2: absent
  m3: other-client
