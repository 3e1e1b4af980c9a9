--TEST--
TLS: redislock.tls_cert_file without redislock.tls_key_file (or the key without the certificate) is an error saying they go together, from RedisLock calls on a rediss:// server and from the RedLock constructor with a rediss:// entry; plain redis:// servers are not affected by it
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
$c = tls_certs();
$srv = new TlsServer('server', true);
$plain = $srv->client();
ini_set('redislock.tls_ca_file', $c->ca());
$name = unique_name('tls-cert-key');
foreach ([[$c->cert('client'), ''], ['', $c->key('client')]] as [$cert, $key]) {
    ini_set('redislock.tls_cert_file', $cert);
    ini_set('redislock.tls_key_file', $key);
    echo $cert !== '' ? "certificate only:\n" : "key only:\n";
    ini_set('redislock.servers', $srv->url());
    echo tls_outcome(fn() => RedisLock::acquireLock($name, 0)), "\n";
    echo tls_outcome(fn() => RedisLock::releaseLock($name, str_repeat('a', 32))), "\n";
    echo tls_outcome(fn() => new RedLock([['127.0.0.1', $plain->getPort()], $srv->url()], 10, 0)), "\n";
    // Plain servers: the TLS settings play no part.
    ini_set('redislock.servers', "redis://127.0.0.1:{$srv->port}");
    $id = RedisLock::acquireLock($name, 0);
    var_dump(is_string($id) && RedisLock::releaseLock($name, $id));
    $rl = new RedLock([['127.0.0.1', $srv->port]], 10, 0);
    $lock = $rl->lock($name, 1000);
    var_dump(is_array($lock) && $rl->unlock($lock));
}
var_dump($plain->dbSize());
?>
--EXPECT--
certificate only:
RedisLockException: TLS: redislock.tls_cert_file and redislock.tls_key_file go together: set both or neither
RedisLockException: TLS: redislock.tls_cert_file and redislock.tls_key_file go together: set both or neither
RedisLockException: TLS: redislock.tls_cert_file and redislock.tls_key_file go together: set both or neither
bool(true)
bool(true)
key only:
RedisLockException: TLS: redislock.tls_cert_file and redislock.tls_key_file go together: set both or neither
RedisLockException: TLS: redislock.tls_cert_file and redislock.tls_key_file go together: set both or neither
RedisLockException: TLS: redislock.tls_cert_file and redislock.tls_key_file go together: set both or neither
bool(true)
bool(true)
int(0)
