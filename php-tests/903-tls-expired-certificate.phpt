--TEST--
TLS: an expired server certificate (valid 2020-2021, trusted CA, right names) is refused with "has expired", for the IP and the host name, promptly and without writing a key; the same CA's current certificate works
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
ini_set('redislock.tls_ca_file', tls_certs()->ca());
$expired = new TlsServer('expired');
$plain = $expired->client();
$name = unique_name('tls-expired');
foreach (['127.0.0.1', 'localhost'] as $host) {
    ini_set('redislock.servers', $expired->url('', $host));
    $t = microtime(true);
    echo tls_outcome(fn() => RedisLock::acquireLock($name, 0), [(string) $expired->tlsPort => 'PORT']), "\n";
    echo "prompt: ", var_export(microtime(true) - $t < 2.0, true), "\n";
}
var_dump($plain->exists(lock_key($name)));
$good = new TlsServer('server');
ini_set('redislock.servers', $good->url());
$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && $good->client()->get(lock_key($name)) === $id && RedisLock::releaseLock($name, $id));
?>
--EXPECT--
RedisLockException: Redis server tls://127.0.0.1:PORT: TLS: the server's certificate has expired
prompt: true
RedisLockException: Redis server tls://localhost:PORT: TLS: the server's certificate has expired
prompt: true
int(0)
bool(true)
