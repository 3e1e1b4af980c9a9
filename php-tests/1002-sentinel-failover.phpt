--TEST--
Sentinel: during SENTINEL FAILOVER no call fails, locks move to the new master within a second of the sentinels' switch, and the old master (a replica once Sentinel reconfigured it) is never used again
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/sentinel.inc';
$d = new SentinelDeployment('phpt-failover');
$old = $d->servers[0]->port;
ini_set('redislock.servers', $d->url());
$warm = unique_name('warm');
RedisLock::releaseLock($warm, RedisLock::acquireLock($warm, 0));

$start = microtime(true);
var_dump($d->sentinels[0]->command('SENTINEL', 'FAILOVER', 'phpt-failover'));
$rec = cycles_through_failover($d, $old, $start, 30.0,
    fn($r) => $r['first_on_new'] !== null && microtime(true) - $start > $r['first_on_new'] + 2.0);
record_measurement('phpt SENTINEL FAILOVER', $rec);
var_dump(count($rec['failed']));
var_dump($rec['new'] !== null && $rec['new'] !== $old);
// Within the recheck (1 s) of the switch, plus scheduling slack.
var_dump($rec['first_on_new'] !== null && $rec['first_on_new'] <= $rec['switched'] + 1.5);
var_dump($rec['longest'] < 1.0);

// Once Sentinel has made the old master a replica, no lock command reaches it.
$deadline = microtime(true) + 30;
while ($d->role($old) !== 'slave' && microtime(true) < $deadline) {
    $n = unique_name('until-replica');
    RedisLock::releaseLock($n, RedisLock::acquireLock($n, 0));
    usleep(20000);
}
var_dump($d->role($old));
$evalsha = $d->calls($old, 'evalsha');
$ok = 0;
for ($i = 0; $i < 200; $i++) {
    $n = unique_name('after');
    $id = RedisLock::acquireLock($n, 0);
    $ok += (int) (is_string($id) && $d->client($rec['new'])->get(lock_key($n)) === $id && RedisLock::releaseLock($n, $id));
}
var_dump($ok);
var_dump($d->calls($old, 'evalsha') === $evalsha);
?>
--EXPECT--
bool(true)
int(0)
bool(true)
bool(true)
bool(true)
string(5) "slave"
int(200)
bool(true)
