--TEST--
Sentinel + redislock.wait_replicas: granted once a replica acknowledges the lock; with both replicas frozen (SIGSTOP) acquireLock returns false within the WAIT time (half of redislock.timeout) and leaves no key; waiting retries until acquire_time, then false; bad values are refused
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/sentinel.inc';
$d = new SentinelDeployment('phpt-wait');
$master = $d->client($d->servers[0]->port);
ini_set('redislock.servers', $d->url());
ini_set('redislock.wait_replicas', '2');
ini_set('redislock.timeout', '600');
$name = unique_name('wait-replicas');
$id = RedisLock::acquireLock($name, 0, 5);
var_dump(is_string($id) && $master->get(lock_key($name)) === $id);
var_dump(RedisLock::releaseLock($name, $id));
$f = RedisLock::acquireFenced($name, 0, 5);
var_dump($f['fence']);
RedisLock::releaseLock($name, $f['identifier']);

foreach ([1, 2] as $i) {
    posix_kill($d->servers[$i]->pid(), SIGSTOP);
}
ini_set('redislock.wait_replicas', '1');
$t = microtime(true);
var_dump(RedisLock::acquireLock($name, 0, 5));
$took = microtime(true) - $t;
var_dump($took >= 0.29 && $took < 3.0, $master->get(lock_key($name)));
$t = microtime(true);
var_dump(RedisLock::acquireLock($name, 1.5, 5));
$took = microtime(true) - $t;
var_dump($took >= 1.4 && $took < 10.0, $master->get(lock_key($name)));
ini_set('redislock.wait_replicas', '0');
$id = RedisLock::acquireLock($name, 0, 5);
var_dump(is_string($id));
RedisLock::releaseLock($name, $id);
foreach ([1, 2] as $i) {
    posix_kill($d->servers[$i]->pid(), SIGCONT);
}
file_put_contents('/tmp/redislock-sentinel-measurements.log', sprintf("%s phpt wait_replicas=1, replicas frozen: false after %.3f s\n", date('c'), $took), FILE_APPEND);
refused_ini_set('redislock.wait_replicas', '65');
refused_ini_set('redislock.wait_replicas', '-1');
refused_ini_set('redislock.wait_replicas', 'two');
var_dump(ini_get('redislock.wait_replicas'));
?>
--EXPECT--
bool(true)
bool(true)
int(1)
bool(false)
bool(true)
bool(false)
bool(false)
bool(true)
bool(false)
bool(true)
ini_set: false, kept: true, warning: ini_set(): invalid redislock.wait_replicas '65': expected a whole number from 0 to 64
ini_set: false, kept: true, warning: ini_set(): invalid redislock.wait_replicas '-1': expected a whole number from 0 to 64
ini_set: false, kept: true, warning: ini_set(): invalid redislock.wait_replicas 'two': expected a whole number from 0 to 64
string(1) "0"
