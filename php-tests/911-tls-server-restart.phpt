--TEST--
TLS: after the TLS server restarts between two calls, the next acquireLock opens a new TLS connection (new handshake) and works; the new, empty server holds the lock; release works
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
$srv = new TlsServer();
ini_set('redislock.tls_ca_file', tls_certs()->ca());
ini_set('redislock.servers', $srv->url());
$name = unique_name('tls-restart');

$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && $srv->client()->get(lock_key($name)) === $id);
var_dump(RedisLock::releaseLock($name, $id));    // the TLS connection is pooled now

$pid = $srv->pid();
$srv->stop();
$srv->start();
var_dump($srv->pid() !== $pid);
$r = $srv->client();
var_dump($r->dbSize());
$before = $srv->received($r);

foreach ([1, 2] as $round) {
    $id = RedisLock::acquireLock($name, 0);
    var_dump(is_string($id) && $r->get(lock_key($name)) === $id);
    var_dump(RedisLock::releaseLock($name, $id));
}
echo "new connections: ", $srv->received($r) - $before, "\n";   // one, reused for the second round
echo "TLS-port clients: ", count($srv->tlsClients($r)), "\n";
var_dump($r->exists(lock_key($name)));
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
int(0)
bool(true)
bool(true)
bool(true)
bool(true)
new connections: 1
TLS-port clients: 1
int(0)
