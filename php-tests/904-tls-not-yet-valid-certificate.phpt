--TEST--
TLS: a server certificate valid only from 2090 (trusted CA, right names) is refused with "is not valid yet" and nothing is written
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
ini_set('redislock.tls_ca_file', tls_certs()->ca());
$srv = new TlsServer('future');
ini_set('redislock.servers', $srv->url());
$name = unique_name('tls-future');
echo tls_outcome(fn() => RedisLock::acquireLock($name, 0), [(string) $srv->tlsPort => 'PORT']), "\n";
$rl = new RedLock([$srv->url('', 'localhost')], 10, 0);
echo tls_outcome(fn() => $rl->lock($name, 1000), [(string) $srv->tlsPort => 'PORT']), "\n";
var_dump($srv->client()->dbSize());
?>
--EXPECT--
RedisLockException: Redis server tls://127.0.0.1:PORT: TLS: the server's certificate is not valid yet
RedisLockException: Redis server tls://localhost:PORT: TLS: the server's certificate is not valid yet
int(0)
