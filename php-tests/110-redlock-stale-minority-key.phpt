--TEST--
RedLock: an earlier holder's token left on a minority of masters does not block a new lock; the stale holder's unlock cannot touch the new holder's keys
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$masters = array_map(fn($i) => inspector("m$i"), [1, 2, 3, 4, 5]);
$servers = array_map(fn($p) => "redis://127.0.0.1:$p", master_ports());
$resource = unique_name('redlock-stale');

function show(array $masters, string $key, array $names): void
{
    foreach ($masters as $i => $m) {
        $v = $m->get($key);
        echo "  m", $i + 1, ": ", $v === false ? 'absent' : ($names[$v] ?? "unknown $v"), "\n";
    }
}

// An earlier holder's lock survives on m1 and m2 only (as after m3..m5 lost their data).
$old = new RedLock($servers);
$stale = $old->lock($resource, 60000);
foreach ([2, 3, 4] as $i) {
    $masters[$i]->del($resource);
}

$new = new RedLock($servers, 10, 1);
$lock = $new->lock($resource, 10000);
var_dump(is_array($lock) && $lock['validity'] > 0 && $lock['validity'] < 10000);
$names = [$stale['token'] => 'stale', $lock['token'] => 'new'];
echo "after the new lock:\n";
show($masters, $resource, $names);

// The stale holder unlocks: only its own two keys go, which is no quorum of deletions.
var_dump($old->unlock($stale));
echo "after the stale unlock:\n";
show($masters, $resource, $names);
var_dump($new->unlock($lock));
echo "after the new unlock:\n";
show($masters, $resource, $names);
?>
--EXPECT--
bool(true)
after the new lock:
  m1: stale
  m2: stale
  m3: new
  m4: new
  m5: new
bool(false)
after the stale unlock:
  m1: absent
  m2: absent
  m3: new
  m4: new
  m5: new
bool(true)
after the new unlock:
  m1: absent
  m2: absent
  m3: absent
  m4: absent
  m5: absent
