--TEST--
Cluster: redis+cluster:// locks land on the master serving each name's slot (all three shards), hash-tagged names share their tag's slot with their fencing counter, isHeld/extendLock/synchronized work, a waiter is woken on release, and a fresh slot map sends nothing to the wrong master
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/cluster.inc';
$c = new TestCluster();
ini_set('redislock.servers', $c->url());
$masters = $c->masters();
var_dump(count($masters));
$ok = 0;
foreach ($masters as $port) {
    for ($i = 0; $i < 5; $i++) {
        $name = $c->nameOn($port, unique_name("shard$port-$i-"));
        $id = RedisLock::acquireLock($name, 0, 5);
        $ok += (int) (is_string($id) && $c->client($port)->get(lock_key($name)) === $id
            && RedisLock::isHeld($name, $id) && RedisLock::extendLock($name, $id, 9)
            && $c->client($port)->pttl(lock_key($name)) > 5000 && RedisLock::releaseLock($name, $id)
            && $c->client($port)->get(lock_key($name)) === false);
    }
}
var_dump($ok);
// Hash tags: names with one tag go to one master; the fencing counter lives beside the key.
$tagged = ['{cart-42}:a', '{cart-42}:b', 'x{cart-42}y'];
$slot = $c->slotOf('cart-42');
$home = $c->masterOfSlot($slot);
foreach ($tagged as $name) {
    $f = RedisLock::acquireFenced($name, 0, 5);
    echo $name, ': ', $c->client($home)->get(lock_key($name)) === $f['identifier'] ? 'on the tag master' : 'elsewhere',
        ', fence ', $f['fence'], ', counter ', $c->client($home)->get(lock_key($name) . ':fence'), "\n";
    RedisLock::releaseLock($name, $f['identifier']);
}
var_dump(RedisLock::synchronized('sync-in-cluster', fn() => 'done'));
// A waiter (another process) woken by the release, long before its 3 s wait ends.
$name = unique_name('cluster-wake');
$id = RedisLock::acquireLock($name, 0, 10);
$child = popen(php_cmd() . ' -d ' . escapeshellarg('redislock.servers=' . $c->url()) . ' -r '
    . escapeshellarg('$t = microtime(true); $id = RedisLock::acquireLock(' . var_export($name, true) . ', 3, 5); printf("%s %.0f", is_string($id) ? "got" : "no", (microtime(true) - $t) * 1000);'), 'r');
usleep(300000);
RedisLock::releaseLock($name, $id);
[$got, $ms] = explode(' ', trim(stream_get_contents($child)));
pclose($child);
var_dump($got, (int) $ms < 1500);
var_dump(redirections());
?>
--EXPECT--
int(3)
int(15)
{cart-42}:a: on the tag master, fence 1, counter 1
{cart-42}:b: on the tag master, fence 1, counter 1
x{cart-42}y: on the tag master, fence 1, counter 1
string(4) "done"
string(3) "got"
bool(true)
array(3) {
  [0]=>
  int(0)
  [1]=>
  int(0)
  [2]=>
  int(0)
}
