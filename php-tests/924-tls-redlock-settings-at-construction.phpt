--TEST--
TLS: a RedLock object keeps the TLS settings it was constructed with: changing redislock.tls_ca_file afterwards changes neither a trusting object nor a distrusting one (each made when the setting differed), while RedisLock follows the setting at each call; a CA file missing at first is read once it exists (a failure is not remembered)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
$c = tls_certs();
$srv = new TlsServer();
$port = [(string) $srv->tlsPort => 'PORT', $c->dir => 'DIR'];
$name = unique_name('tls-construction');
$lockUnlock = fn(RedLock $rl) => function () use ($rl, $name) {
    $lock = $rl->lock($name, 2000);
    return is_array($lock) && $rl->unlock($lock);
};
ini_set('redislock.servers', $srv->url());

ini_set('redislock.tls_ca_file', $c->ca());
$trusting = new RedLock([$srv->url()], 10, 0);
ini_set('redislock.tls_ca_file', '');
$distrusting = new RedLock([$srv->url()], 10, 0);
echo "setting empty:\n";
echo "  trusting RedLock: ", tls_outcome($lockUnlock($trusting), $port), "\n";
echo "  distrusting RedLock: ", tls_outcome($lockUnlock($distrusting), $port), "\n";
echo "  RedisLock: ", tls_outcome(fn() => RedisLock::acquireLock($name, 0), $port), "\n";
ini_set('redislock.tls_ca_file', $c->ca());
echo "setting the CA:\n";
echo "  trusting RedLock: ", tls_outcome($lockUnlock($trusting), $port), "\n";
echo "  distrusting RedLock: ", tls_outcome($lockUnlock($distrusting), $port), "\n";
echo "  RedisLock: ", tls_outcome(fn() => RedisLock::releaseLock($name, RedisLock::acquireLock($name, 0)), $port), "\n";

$later = $c->dir . '/later-ca.pem';
ini_set('redislock.tls_ca_file', $later);
echo "missing CA file: ", tls_outcome(fn() => RedisLock::acquireLock($name, 0), $port), "\n";
copy($c->ca(), $later);
echo "created: ", tls_outcome(fn() => RedisLock::releaseLock($name, RedisLock::acquireLock($name, 0)), $port), "\n";
var_dump($srv->client()->dbSize());
?>
--EXPECT--
setting empty:
  trusting RedLock: returned true
  distrusting RedLock: RedisLockException: Redis server tls://127.0.0.1:PORT: TLS: the server's certificate is not signed by a trusted CA (unknown issuer; set redislock.tls_ca_file to its CA)
  RedisLock: RedisLockException: Redis server tls://127.0.0.1:PORT: TLS: the server's certificate is not signed by a trusted CA (unknown issuer; set redislock.tls_ca_file to its CA)
setting the CA:
  trusting RedLock: returned true
  distrusting RedLock: RedisLockException: Redis server tls://127.0.0.1:PORT: TLS: the server's certificate is not signed by a trusted CA (unknown issuer; set redislock.tls_ca_file to its CA)
  RedisLock: returned true
missing CA file: RedisLockException: redislock.tls_ca_file 'DIR/later-ca.pem': cannot read PEM certificates: No such file or directory (os error 2)
created: returned true
int(0)
