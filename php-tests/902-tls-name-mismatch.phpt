--TEST--
TLS: the certificate must carry the URL's host: a certificate for another name is refused for 127.0.0.1 and for localhost (name mismatch); one for DNS:localhost only is refused for the IP 127.0.0.1 and accepted for localhost; DNS:localhost + IP:127.0.0.1 is accepted for both; nothing is written on a refusal
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
ini_set('redislock.tls_ca_file', tls_certs()->ca());
foreach (['other-name', 'dns-only', 'server'] as $cert) {
    $srv = new TlsServer($cert);
    $plain = $srv->client();
    foreach (['127.0.0.1', 'localhost'] as $host) {
        ini_set('redislock.servers', $srv->url('', $host));
        $name = unique_name('tls-name');
        $t = microtime(true);
        echo "$cert via $host: ", tls_outcome(function () use ($name, $plain) {
            $id = RedisLock::acquireLock($name, 0);
            return is_string($id) && $plain->get(lock_key($name)) === $id && RedisLock::releaseLock($name, $id);
        }, [(string) $srv->tlsPort => 'PORT']), "\n";
        if (microtime(true) - $t > 2.0) {
            echo "  took too long\n";
        }
    }
    echo "keys on $cert: ", $plain->dbSize(), "\n";
}
?>
--EXPECT--
other-name via 127.0.0.1: RedisLockException: Redis server tls://127.0.0.1:PORT: TLS: the server's certificate is not valid for this host name (name mismatch)
other-name via localhost: RedisLockException: Redis server tls://localhost:PORT: TLS: the server's certificate is not valid for this host name (name mismatch)
keys on other-name: 0
dns-only via 127.0.0.1: RedisLockException: Redis server tls://127.0.0.1:PORT: TLS: the server's certificate is not valid for this host name (name mismatch)
dns-only via localhost: returned true
keys on dns-only: 0
server via 127.0.0.1: returned true
server via localhost: returned true
keys on server: 0
