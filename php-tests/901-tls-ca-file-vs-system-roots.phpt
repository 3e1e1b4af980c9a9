--TEST--
TLS: a server certificate of the test's own CA is an unknown issuer with the system roots (no redislock.tls_ca_file) and with another CA's file; trusted once tls_ca_file names its CA; emptying the setting again refuses it again (the pooled connection made under the CA file is not reused); refusals are prompt and leave no key
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
$srv = new TlsServer();
$c = tls_certs();
ini_set('redislock.servers', $srv->url());
$plain = $srv->client();
$name = unique_name('tls-ca');
$try = function () use ($name, $srv) {
    $t = microtime(true);
    $out = tls_outcome(function () use ($name) {
        $id = RedisLock::acquireLock($name, 0);
        return is_string($id) && RedisLock::releaseLock($name, $id);
    }, [(string) $srv->tlsPort => 'PORT']);
    echo $out, "\n";
    echo "  prompt: ", var_export(microtime(true) - $t < 2.0, true), "\n";   // hang bound
};

echo "system roots:\n";
var_dump(ini_get('redislock.tls_ca_file'));
$try();
echo "another CA's file:\n";
ini_set('redislock.tls_ca_file', $c->cert('other-ca'));
$try();
var_dump($plain->dbSize());
echo "the test CA's file:\n";
ini_set('redislock.tls_ca_file', $c->ca());
$try();
echo "system roots again:\n";
ini_set('redislock.tls_ca_file', '');
$try();
echo "the test CA's file again:\n";
ini_set('redislock.tls_ca_file', $c->ca());
$try();
var_dump($plain->dbSize());
?>
--EXPECT--
system roots:
string(0) ""
RedisLockException: Redis server tls://127.0.0.1:PORT: TLS: the server's certificate is not signed by a trusted CA (unknown issuer; set redislock.tls_ca_file to its CA)
  prompt: true
another CA's file:
RedisLockException: Redis server tls://127.0.0.1:PORT: TLS: the server's certificate is not signed by a trusted CA (unknown issuer; set redislock.tls_ca_file to its CA)
  prompt: true
int(0)
the test CA's file:
returned true
  prompt: true
system roots again:
RedisLockException: Redis server tls://127.0.0.1:PORT: TLS: the server's certificate is not signed by a trusted CA (unknown issuer; set redislock.tls_ca_file to its CA)
  prompt: true
the test CA's file again:
returned true
  prompt: true
int(0)
