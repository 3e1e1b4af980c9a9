--TEST--
TLS 1.2: against a server that speaks only TLS 1.2 (--tls-protocols TLSv1.2) locks work (and an idle connection is reused); when it requires a client certificate, every refusal names the cause as with TLS 1.3: no certificate -> "the server asked for a client certificate", another CA's certificate -> "the server refused this client's certificate" (20 tries each, never a bare socket error)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
$c = tls_certs();
ini_set('redislock.tls_ca_file', $c->ca());
$srv = new TlsServer('server', false, ['--tls-protocols', 'TLSv1.2']);
ini_set('redislock.servers', $srv->url());
$r = $srv->client();
$before = $srv->received($r);
$name = unique_name('tls12');
for ($i = 0; $i < 2; $i++) {
    $id = RedisLock::acquireLock($name, 0);
    var_dump(is_string($id) && $r->get(lock_key($name)) === $id && RedisLock::releaseLock($name, $id));
    usleep(1100000);
}
echo "new connections: ", $srv->received($r) - $before, "\n";

$auth = new TlsServer('server', true, ['--tls-protocols', 'TLSv1.2']);
ini_set('redislock.servers', $auth->url());
$tally = function () use ($auth, $name) {
    $seen = [];
    for ($i = 0; $i < 20; $i++) {
        $o = tls_outcome(fn() => RedisLock::acquireLock($name, 0), [(string) $auth->tlsPort => 'PORT']);
        $seen[$o] = ($seen[$o] ?? 0) + 1;
    }
    foreach ($seen as $o => $n) {
        echo "  $n x $o\n";
    }
};
echo "no client certificate:\n";
$tally();
echo "another CA's client certificate:\n";
ini_set('redislock.tls_cert_file', $c->cert('rogue-client'));
ini_set('redislock.tls_key_file', $c->key('rogue-client'));
$tally();
echo "the test CA's client certificate:\n";
ini_set('redislock.tls_cert_file', $c->cert('client'));
ini_set('redislock.tls_key_file', $c->key('client'));
$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && $auth->client()->get(lock_key($name)) === $id && RedisLock::releaseLock($name, $id));
?>
--EXPECT--
bool(true)
bool(true)
new connections: 1
no client certificate:
  20 x RedisLockException: Redis server tls://127.0.0.1:PORT: TLS: the server asked for a client certificate (set redislock.tls_cert_file and redislock.tls_key_file), or refused the handshake
another CA's client certificate:
  20 x RedisLockException: Redis server tls://127.0.0.1:PORT: TLS: the server refused this client's certificate
the test CA's client certificate:
bool(true)
