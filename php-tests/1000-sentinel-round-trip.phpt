--TEST--
Sentinel: redislock.servers = redis+sentinel://s1,s2,s3/SERVICE[/db] takes the lock on the master the sentinels name (its replicas get it by replication), in the entry's database, and releases it there
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/sentinel.inc';
$d = new SentinelDeployment('phpt-roundtrip');
$master = $d->client($d->servers[0]->port);
ini_set('redislock.servers', $d->url());
$name = unique_name('sentinel');

$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && $master->get(lock_key($name)) === $id);
usleep(200000);
var_dump($d->client($d->servers[1]->port)->get(lock_key($name)) === $id);   // replicated
var_dump(RedisLock::isHeld($name, $id));
var_dump(RedisLock::acquireLock($name, 0));                                   // held
var_dump(RedisLock::releaseLock($name, $id));
var_dump($master->exists(lock_key($name)));

// The entry's database.
ini_set('redislock.servers', $d->url('', '/3'));
$id = RedisLock::acquireLock($name, 0);
$master->select(3);
var_dump(is_string($id) && $master->get(lock_key($name)) === $id);
var_dump(RedisLock::releaseLock($name, $id));
var_dump($master->exists(lock_key($name)));
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(false)
bool(true)
int(0)
bool(true)
bool(true)
int(0)
