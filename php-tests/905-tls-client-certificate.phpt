--TEST--
TLS: a server started with --tls-auth-clients yes: without a client certificate the error says the server asked for one (set tls_cert_file and tls_key_file); a certificate of another CA is refused by the server; the test CA's client certificate and key lock and unlock (RedisLock and RedLock)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
$c = tls_certs();
$srv = new TlsServer('server', true);
$plain = $srv->client();
ini_set('redislock.tls_ca_file', $c->ca());
ini_set('redislock.servers', $srv->url());
$name = unique_name('tls-client-cert');
$port = [(string) $srv->tlsPort => 'PORT'];
$round = function () use ($name, $plain) {
    $id = RedisLock::acquireLock($name, 0);
    return is_string($id) && $plain->get(lock_key($name)) === $id && RedisLock::releaseLock($name, $id);
};

echo "no client certificate:\n", tls_outcome($round, $port), "\n";
echo "another CA's client certificate:\n";
ini_set('redislock.tls_cert_file', $c->cert('rogue-client'));
ini_set('redislock.tls_key_file', $c->key('rogue-client'));
echo tls_outcome($round, $port), "\n";
var_dump($plain->dbSize());
echo "the test CA's client certificate:\n";
ini_set('redislock.tls_cert_file', $c->cert('client'));
ini_set('redislock.tls_key_file', $c->key('client'));
echo tls_outcome($round, $port), "\n";
$rl = new RedLock([$srv->url()], 10, 0);
$lock = $rl->lock($name, 5000);
var_dump(is_array($lock) && $plain->get($name) === $lock['token'] && $rl->unlock($lock));
echo "without it again:\n";
ini_set('redislock.tls_cert_file', '');
ini_set('redislock.tls_key_file', '');
echo tls_outcome($round, $port), "\n";
var_dump($plain->dbSize());
?>
--EXPECT--
no client certificate:
RedisLockException: Redis server tls://127.0.0.1:PORT: TLS: the server asked for a client certificate (set redislock.tls_cert_file and redislock.tls_key_file)
another CA's client certificate:
RedisLockException: Redis server tls://127.0.0.1:PORT: TLS: the server refused this client's certificate
int(0)
the test CA's client certificate:
returned true
bool(true)
without it again:
RedisLockException: Redis server tls://127.0.0.1:PORT: TLS: the server asked for a client certificate (set redislock.tls_cert_file and redislock.tls_key_file)
int(0)
