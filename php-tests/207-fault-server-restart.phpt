--TEST--
Fault: after the server restarts between two calls, the next acquireLock works (the dead pooled connection is replaced) and the new server holds the lock
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
$name = unique_name('restart');

$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && $srv->client()->get(lock_key($name)) === $id);
var_dump(RedisLock::releaseLock($name, $id));   // the connection is pooled now

$pid = $srv->pid();
$srv->stop();
$srv->start();
var_dump($srv->pid() !== $pid);
$r = $srv->client();
var_dump($r->dbSize());                           // a fresh, empty server

$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && $r->get(lock_key($name)) === $id);
var_dump(RedisLock::releaseLock($name, $id));
var_dump($r->exists(lock_key($name)));
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
int(0)
bool(true)
bool(true)
int(0)
