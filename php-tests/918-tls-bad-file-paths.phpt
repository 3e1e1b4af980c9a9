--TEST--
TLS: unusable redislock.tls_ca_file / tls_cert_file / tls_key_file (missing, a directory, empty, no certificate in it, a certificate as the key, a key not matching the certificate) give a RedisLockException naming the setting, the path and why, from RedisLock calls, the RedLock constructor and a php.ini-style -d setting; nothing is sent; fixing the setting works at once
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
$c = tls_certs();
$srv = new TlsServer('server', true);
$dir = $c->dir;
file_put_contents("$dir/empty.pem", '');
$replace = [$dir => 'DIR', (string) $srv->tlsPort => 'PORT'];
ini_set('redislock.servers', $srv->url());
$monitor = new Monitor($srv->port);
$name = unique_name('tls-files');
$good = ['redislock.tls_ca_file' => $c->ca(), 'redislock.tls_cert_file' => $c->cert('client'),
    'redislock.tls_key_file' => $c->key('client')];
foreach ([
    ['redislock.tls_ca_file', "$dir/missing.pem"],
    ['redislock.tls_ca_file', $dir],
    ['redislock.tls_ca_file', "$dir/empty.pem"],
    ['redislock.tls_ca_file', $c->key('server')],
    ['redislock.tls_cert_file', "$dir/missing.pem"],
    ['redislock.tls_cert_file', $c->key('client')],
    ['redislock.tls_key_file', "$dir/missing.key"],
    ['redislock.tls_key_file', $c->cert('client')],
    ['redislock.tls_key_file', "$dir/empty.pem"],
    ['redislock.tls_key_file', $c->key('server')],
] as [$setting, $value]) {
    foreach ($good as $s => $v) {
        ini_set($s, $v);
    }
    ini_set($setting, $value);
    echo "$setting = ", strtr($value, $replace), "\n";
    echo "  ", tls_outcome(fn() => RedisLock::acquireLock($name, 0), $replace), "\n";
    echo "  ", tls_outcome(fn() => new RedLock([$srv->url()], 10, 0), $replace), "\n";
}
$out = child_php(['redislock.servers' => $srv->url(), 'redislock.tls_ca_file' => "$dir/missing.pem"],
    'try { RedisLock::acquireLock("x", 0); } catch (RedisLockException $e) { echo $e->getMessage(); }');
echo "-d: ", strtr($out, $replace), "\n";
echo "commands sent: ", count($monitor->commands()), "\n";
foreach ($good as $s => $v) {
    ini_set($s, $v);
}
$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && $srv->client()->get(lock_key($name)) === $id && RedisLock::releaseLock($name, $id));
?>
--EXPECTF--
redislock.tls_ca_file = DIR/missing.pem
  RedisLockException: redislock.tls_ca_file 'DIR/missing.pem': cannot read PEM certificates: No such file or directory (os error 2)
  RedisLockException: redislock.tls_ca_file 'DIR/missing.pem': cannot read PEM certificates: No such file or directory (os error 2)
redislock.tls_ca_file = DIR
  RedisLockException: redislock.tls_ca_file 'DIR': cannot read PEM certificates: Is a directory (os error 21)
  RedisLockException: redislock.tls_ca_file 'DIR': cannot read PEM certificates: Is a directory (os error 21)
redislock.tls_ca_file = DIR/empty.pem
  RedisLockException: redislock.tls_ca_file 'DIR/empty.pem': cannot read PEM certificates: no certificate in it
  RedisLockException: redislock.tls_ca_file 'DIR/empty.pem': cannot read PEM certificates: no certificate in it
redislock.tls_ca_file = DIR/server.key
  RedisLockException: redislock.tls_ca_file 'DIR/server.key': cannot read PEM certificates: no certificate in it
  RedisLockException: redislock.tls_ca_file 'DIR/server.key': cannot read PEM certificates: no certificate in it
redislock.tls_cert_file = DIR/missing.pem
  RedisLockException: redislock.tls_cert_file 'DIR/missing.pem': cannot read PEM certificates: No such file or directory (os error 2)
  RedisLockException: redislock.tls_cert_file 'DIR/missing.pem': cannot read PEM certificates: No such file or directory (os error 2)
redislock.tls_cert_file = DIR/client.key
  RedisLockException: redislock.tls_cert_file 'DIR/client.key': cannot read PEM certificates: no certificate in it
  RedisLockException: redislock.tls_cert_file 'DIR/client.key': cannot read PEM certificates: no certificate in it
redislock.tls_key_file = DIR/missing.key
  RedisLockException: redislock.tls_key_file 'DIR/missing.key': cannot read a PEM private key: No such file or directory (os error 2)
  RedisLockException: redislock.tls_key_file 'DIR/missing.key': cannot read a PEM private key: No such file or directory (os error 2)
redislock.tls_key_file = DIR/client.pem
  RedisLockException: redislock.tls_key_file 'DIR/client.pem': cannot read a PEM private key: no PEM item of that kind in it
  RedisLockException: redislock.tls_key_file 'DIR/client.pem': cannot read a PEM private key: no PEM item of that kind in it
redislock.tls_key_file = DIR/empty.pem
  RedisLockException: redislock.tls_key_file 'DIR/empty.pem': cannot read a PEM private key: no PEM item of that kind in it
  RedisLockException: redislock.tls_key_file 'DIR/empty.pem': cannot read a PEM private key: no PEM item of that kind in it
redislock.tls_key_file = DIR/server.key
  RedisLockException: TLS client certificate and key: %s
  RedisLockException: TLS client certificate and key: %s
-d: redislock.tls_ca_file 'DIR/missing.pem': cannot read PEM certificates: No such file or directory (os error 2)
commands sent: 0
bool(true)
