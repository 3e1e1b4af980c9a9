--TEST--
Lifecycle: with three servers in redislock.servers, RedisLock::isHeld() needs a majority holding the identifier (true with it deleted on one, false on two) and extendLock() renews it on every server that still holds it
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$s = [new TestServer(), new TestServer(), new TestServer()];
ini_set('redislock.servers', implode(',', array_map(fn($x) => $x->url(), $s)));
$c = array_map(fn($x) => $x->client(), $s);
$name = 'job';
$key = lock_key($name);

$id = RedisLock::acquireLock($name, 0, 10);
echo "on the servers: ", json_encode(array_map(fn($r) => $r->get($key) === $id, $c)), "\n";
var_dump(RedisLock::isHeld($name, $id));
var_dump(RedisLock::extendLock($name, $id, 30.5));
echo "renewed to 30.5 s: ", json_encode(array_map(fn($r) => ($t = $r->pttl($key)) > 29500 && $t <= 30500, $c)), "\n";

$c[0]->del($key);
var_dump(RedisLock::isHeld($name, $id));
var_dump(RedisLock::extend($name, $id, 40));
echo "renewed to 40 s where held: ", json_encode(array_map(fn($r) => $r->exists($key) ? (($t = $r->pttl($key)) > 39000 && $t <= 40000) : 'absent', $c)), "\n";

$c[1]->del($key);
var_dump(RedisLock::isHeld($name, $id));
echo "isHeld changed nothing: ", json_encode(array_map(fn($r) => $r->exists($key), $c)), "\n";
$c[2]->del($key);
?>
--EXPECT--
on the servers: [true,true,true]
bool(true)
bool(true)
renewed to 30.5 s: [true,true,true]
bool(true)
bool(true)
renewed to 40 s where held: ["absent",true,true]
bool(false)
isHeld changed nothing: [0,0,1]
