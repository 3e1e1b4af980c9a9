--TEST--
Sentinel: after a SIGKILL of the master calls fail fast (each well within the connect timeout) until Sentinel's failover, then lock on the new master; the old master, restarted and made a replica, is never used
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/sentinel.inc';
$d = new SentinelDeployment('phpt-sigkill');
$old = $d->servers[0]->port;
ini_set('redislock.servers', $d->url());
$warm = unique_name('warm');
RedisLock::releaseLock($warm, RedisLock::acquireLock($warm, 0));

$start = microtime(true);
$d->servers[0]->stop();                       // SIGKILL
$rec = cycles_through_failover($d, $old, $start, 40.0,
    fn($r) => $r['first_on_new'] !== null && microtime(true) - $start > $r['first_on_new'] + 1.0, 10000);
record_measurement('phpt SIGKILL of the master', $rec);
var_dump(count($rec['failed']) > 0);
var_dump($rec['first_on_new'] !== null);
// Failed calls stop with the failover (down-after 1000 ms + election): well under 15 s.
var_dump(end($rec['failed'])[0] < 15.0);
var_dump($rec['longest'] < 1.0);
var_dump($rec['stale']);
echo preg_replace('/\d+/', 'N', $rec['failed'][0][2]), "\n";

// The old master comes back empty, a master by its own account, until Sentinel makes it a replica.
$d->servers[0]->start();
$deadline = microtime(true) + 30;
$ok = 0;
$cycles = 0;
while (($d->role($old) !== 'slave' || $cycles < 100) && microtime(true) < $deadline) {
    $n = unique_name('rejoined');
    $id = RedisLock::acquireLock($n, 0);
    $ok += (int) (is_string($id) && $d->client($rec['new'])->get(lock_key($n)) === $id && RedisLock::releaseLock($n, $id));
    $cycles++;
    usleep(10000);
}
var_dump($d->role($old));
var_dump($ok === $cycles);
var_dump($d->calls($old, 'evalsha'));
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
int(0)
Redis server sentinel:N.N.N.N:N,N.N.N.N:N,N.N.N.N:N/phpt-sigkill: N.N.N.N:N: Connection refused (os error N)
string(5) "slave"
bool(true)
int(0)
