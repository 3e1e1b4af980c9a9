--TEST--
Sentinel: a redis+sentinel:// entry is one master of a RedLock (alone, or beside plain masters) and of a redislock.servers quorum; its commas do not split the list
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/sentinel.inc';
$d = new SentinelDeployment('phpt-redlock');
$master = $d->client($d->servers[0]->port);
[$p1, $p2] = master_ports();

// Alone.
$rl = new RedLock([$d->url()]);
$lock = $rl->lock('sentinel-redlock-' . getmypid(), 2000);
var_dump(is_array($lock) && $master->get($lock['resource']) === $lock['token']);
var_dump($rl->unlock($lock));
var_dump($master->exists($lock['resource']));

// A quorum of three: the Sentinel service between two plain masters.
$rl = new RedLock(["redis://127.0.0.1:$p1", $d->url(), ['127.0.0.1', $p2, 0.5]]);
$lock = $rl->lock('sentinel-quorum-' . getmypid(), 2000);
$holders = 0;
foreach ([$master, inspector('m1'), inspector('m2')] as $r) {
    $holders += (int) ($r->get($lock['resource']) === $lock['token']);
}
var_dump($holders);
var_dump($rl->isHeld($lock));
var_dump($rl->unlock($lock));

// The same quorum through redislock.servers (one comma-separated list).
ini_set('redislock.servers', "redis://127.0.0.1:$p1," . $d->url() . ",redis://127.0.0.1:$p2");
$name = unique_name('sentinel-ini-quorum');
$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && $master->get(lock_key($name)) === $id && inspector('m2')->get(lock_key($name)) === $id);
var_dump(RedisLock::releaseLock($name, $id));

// The service listed twice (sentinels in another order) would vote twice: refused.
try {
    $s = $d->sentinels;
    new RedLock([$d->url(), "redis+sentinel://127.0.0.1:{$s[2]->port},127.0.0.1:{$s[1]->port}/phpt-redlock"]);
} catch (ValueError $e) {
    echo $e->getMessage(), "\n";
}
?>
--EXPECTF--
bool(true)
bool(true)
int(0)
int(3)
bool(true)
bool(true)
bool(true)
bool(true)
RedLock::__construct(): Argument #1 ($servers) entry [1] names the same server as entry [0]
