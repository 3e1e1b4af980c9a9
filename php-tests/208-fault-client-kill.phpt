--TEST--
Fault: after CLIENT KILL TYPE normal closes the pooled connection between two calls, the next calls work
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
// A server of its own: CLIENT KILL TYPE normal on the shared server would cut other tests' clients.
$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
$r = $srv->client();
$name = unique_name('kill');

$id = RedisLock::acquireLock($name, 0);
var_dump(RedisLock::releaseLock($name, $id));

// Kills every normal client but the caller: exactly the extension's pooled connection.
var_dump($r->rawCommand('CLIENT', 'KILL', 'TYPE', 'normal'));

$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && $r->get(lock_key($name)) === $id);
var_dump($r->rawCommand('CLIENT', 'KILL', 'TYPE', 'normal'));
var_dump(RedisLock::releaseLock($name, $id));
var_dump($r->exists(lock_key($name)));
?>
--EXPECT--
bool(true)
int(1)
bool(true)
int(1)
bool(true)
int(0)
