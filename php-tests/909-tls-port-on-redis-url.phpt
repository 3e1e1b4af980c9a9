--TEST--
TLS: a redis:// URL (or a RedLock [host, port] entry, always plain) pointing at a TLS port fails promptly with a message suggesting rediss://, from acquireLock, releaseLock and RedLock::lock, and leaves no key; the same port as rediss:// works
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
$srv = new TlsServer();
ini_set('redislock.tls_ca_file', tls_certs()->ca());
ini_set('redislock.connect_timeout', '500');
$name = unique_name('tls-on-plain-url');
$port = [(string) $srv->tlsPort => 'PORT'];
$show = function (callable $f) use ($port) {
    $t = microtime(true);
    echo tls_outcome($f, $port), "\n";
    echo "prompt: ", var_export(microtime(true) - $t < 2.0, true), "\n";   // hang bound (4x connect_timeout)
};
ini_set('redislock.servers', "redis://127.0.0.1:{$srv->tlsPort}");
$show(fn() => RedisLock::acquireLock($name, 0));
$show(fn() => RedisLock::releaseLock($name, str_repeat('a', 32)));
$rl = new RedLock([['127.0.0.1', $srv->tlsPort, 0.5]], 10, 0);
$show(fn() => $rl->lock($name, 10000));
$rl = new RedLock(["redis://127.0.0.1:{$srv->tlsPort}"], 10, 0);
$show(fn() => $rl->lock($name, 10000));
var_dump($srv->client()->dbSize());
ini_set('redislock.servers', $srv->url());
$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && RedisLock::releaseLock($name, $id));
?>
--EXPECTF--
RedisLockException: Redis server 127.0.0.1:PORT: %s, before its first reply (a TLS port on a redis:// URL? use rediss://)
prompt: true
RedisLockException: Redis server 127.0.0.1:PORT: %s, before its first reply (a TLS port on a redis:// URL? use rediss://)
prompt: true
RedisLockException: Redis server 127.0.0.1:PORT: %s, before its first reply (a TLS port on a redis:// URL? use rediss://)
prompt: true
RedisLockException: Redis server 127.0.0.1:PORT: %s, before its first reply (a TLS port on a redis:// URL? use rediss://)
prompt: true
int(0)
bool(true)
