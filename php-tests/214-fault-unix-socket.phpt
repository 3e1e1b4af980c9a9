--TEST--
Fault: redislock.servers=unix:///path connects over the Unix socket and locks there
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$path = sys_get_temp_dir() . '/redislock-phpt-' . getmypid() . '-' . bin2hex(random_bytes(3)) . '.sock';
register_shutdown_function(fn() => @unlink($path));
$srv = new TestServer(['--unixsocket', $path, '--unixsocketperm', '700']);
ini_set('redislock.servers', "unix://$path");
$r = $srv->client();   // TCP, to look at the same server
$name = unique_name('unix');

$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && $r->get(lock_key($name)) === $id);
// The extension's connection is a Unix socket client of this server.
$unixClients = array_filter(explode("\n", $r->rawCommand('CLIENT', 'LIST')),
    fn($line) => str_contains($line, "addr=$path:"));
var_dump(count($unixClients));
var_dump(RedisLock::releaseLock($name, $id));
var_dump($r->exists(lock_key($name)));
?>
--EXPECT--
bool(true)
int(1)
bool(true)
int(0)
