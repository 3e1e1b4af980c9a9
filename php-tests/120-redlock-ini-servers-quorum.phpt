--TEST--
RedLock quorum via INI: redislock.servers with three URLs makes RedisLock write the key on all three, need 2 votes, and release everywhere
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
[$p1, $p2, $p3] = master_ports();
ini_set('redislock.servers', "redis://127.0.0.1:$p1,redis://127.0.0.1:$p2,redis://127.0.0.1:$p3");
$masters = array_map(fn($i) => inspector("m$i"), [1, 2, 3]);

function show(array $masters, string $key, ?string $id): void
{
    foreach ($masters as $i => $m) {
        $v = $m->get($key);
        echo "  m", $i + 1, ": ", $v === false ? 'absent' : ($v === $id ? 'identifier' : $v), "\n";
    }
}

echo "free:\n";
$a = unique_name('ini-quorum-free');
$id = RedisLock::acquireLock($a, 0);
show($masters, lock_key($a), $id);
$pttl = $masters[2]->pttl(lock_key($a));
var_dump($pttl > 19000 && $pttl <= 20000);     // default $lock_timeout: 20 s
var_dump(RedisLock::releaseLock($a, $id));
show($masters, lock_key($a), $id);

echo "one foreign (m1):\n";
$b = unique_name('ini-quorum-one');
$masters[0]->set(lock_key($b), 'other-client', ['px' => 30000]);
$id = RedisLock::acquireLock($b, 0);
var_dump(is_string($id));
show($masters, lock_key($b), $id);
var_dump(RedisLock::releaseLock($b, $id));
show($masters, lock_key($b), $id);

echo "two foreign (m2, m3):\n";
$c = unique_name('ini-quorum-two');
$masters[1]->set(lock_key($c), 'other-client', ['px' => 30000]);
$masters[2]->set(lock_key($c), 'other-client', ['px' => 30000]);
var_dump(RedisLock::acquireLock($c, 0));
show($masters, lock_key($c), null);

foreach ($masters as $m) {
    $m->del(lock_key($a), lock_key($b), lock_key($c));
}
?>
--EXPECT--
free:
  m1: identifier
  m2: identifier
  m3: identifier
bool(true)
bool(true)
  m1: absent
  m2: absent
  m3: absent
one foreign (m1):
bool(true)
  m1: other-client
  m2: identifier
  m3: identifier
bool(true)
  m1: other-client
  m2: absent
  m3: absent
two foreign (m2, m3):
bool(false)
  m1: absent
  m2: other-client
  m3: other-client
