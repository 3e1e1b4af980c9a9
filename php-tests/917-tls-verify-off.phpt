--TEST--
TLS: redislock.tls_verify=0 accepts certificates that verification refuses (unknown CA with no tls_ca_file, expired, another name), still over TLS (the lock is set through the TLS port), for RedisLock and RedLock; back to 1, the same servers are refused again (no pooled unverified connection is reused)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
var_dump(ini_get('redislock.tls_ca_file'), ini_get('redislock.tls_verify'));
$servers = ['server' => new TlsServer('server'), 'expired' => new TlsServer('expired'),
    'other-name' => new TlsServer('other-name')];
$name = unique_name('tls-noverify');
foreach (['0', '1'] as $verify) {
    ini_set('redislock.tls_verify', $verify);
    echo "tls_verify=$verify\n";
    foreach ($servers as $cert => $srv) {
        $plain = $srv->client();
        ini_set('redislock.servers', $srv->url());
        echo "  $cert: ", tls_outcome(function () use ($name, $plain, $srv) {
            $id = RedisLock::acquireLock($name, 0);
            $viaTls = array_filter($srv->tlsClients($plain), fn($c) => $c['cmd'] === 'set') !== [];
            return is_string($id) && $plain->get(lock_key($name)) === $id && $viaTls
                && RedisLock::releaseLock($name, $id);
        }, [(string) $srv->tlsPort => 'PORT']), "\n";
        $rl = new RedLock([$srv->url('', 'localhost')], 10, 0);
        echo "  $cert RedLock: ", tls_outcome(function () use ($rl, $name, $plain) {
            $lock = $rl->lock($name, 5000);
            return is_array($lock) && $plain->get($name) === $lock['token'] && $rl->unlock($lock);
        }, [(string) $srv->tlsPort => 'PORT']), "\n";
        echo "  keys: ", $plain->dbSize(), "\n";
    }
}
?>
--EXPECT--
string(0) ""
string(1) "1"
tls_verify=0
  server: returned true
  server RedLock: returned true
  keys: 0
  expired: returned true
  expired RedLock: returned true
  keys: 0
  other-name: returned true
  other-name RedLock: returned true
  keys: 0
tls_verify=1
  server: RedisLockException: Redis server tls://127.0.0.1:PORT: TLS: the server's certificate is not signed by a trusted CA (unknown issuer; set redislock.tls_ca_file to its CA)
  server RedLock: RedisLockException: Redis server tls://localhost:PORT: TLS: the server's certificate is not signed by a trusted CA (unknown issuer; set redislock.tls_ca_file to its CA)
  keys: 0
  expired: RedisLockException: Redis server tls://127.0.0.1:PORT: TLS: the server's certificate has expired
  expired RedLock: RedisLockException: Redis server tls://localhost:PORT: TLS: the server's certificate has expired
  keys: 0
  other-name: RedisLockException: Redis server tls://127.0.0.1:PORT: TLS: the server's certificate is not signed by a trusted CA (unknown issuer; set redislock.tls_ca_file to its CA)
  other-name RedLock: RedisLockException: Redis server tls://localhost:PORT: TLS: the server's certificate is not signed by a trusted CA (unknown issuer; set redislock.tls_ca_file to its CA)
  keys: 0
