--TEST--
TLS: over a verified rediss:// connection (test CA in redislock.tls_ca_file) acquireLock sets the key (seen by phpredis over TLS and on the plain port), isHeld and releaseLock work, and the extension's connection is on the TLS port
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
$srv = new TlsServer();
ini_set('redislock.tls_ca_file', tls_certs()->ca());
ini_set('redislock.servers', $srv->url());
$plain = $srv->client();
$tls = $srv->tlsClient();                // an independent TLS client: the server really speaks TLS
var_dump($tls->ping());
echo "TLS-port clients before: ", count($srv->tlsClients($plain)), "\n";   // phpredis's only
$name = unique_name('tls-round-trip');

$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && strlen($id) === 32);
var_dump($tls->get(lock_key($name)) === $id);
var_dump($plain->get(lock_key($name)) === $id);
$ttl = $plain->pttl(lock_key($name));
var_dump($ttl > 19000 && $ttl <= 20000);
// The extension's connection: the one TLS-port client besides phpredis's, its last command SET.
$clients = $srv->tlsClients($plain);
echo "TLS-port clients: ", count($clients), ", commands: ",
    implode(' ', array_map(fn($c) => $c['cmd'], $clients)), "\n";

var_dump(RedisLock::isHeld($name, $id));
var_dump(RedisLock::acquireLock($name, 0));          // held: refused
var_dump(RedisLock::extendLock($name, $id, 30));
$ttl = $tls->pttl(lock_key($name));
var_dump($ttl > 29000 && $ttl <= 30000);
var_dump(RedisLock::releaseLock($name, $id));
var_dump($tls->exists(lock_key($name)));
var_dump(RedisLock::isHeld($name, $id));
var_dump(RedisLock::releaseLock($name, $id));        // already released
echo "TLS-port clients after: ", count($srv->tlsClients($plain)), "\n";  // one pooled connection
?>
--EXPECT--
bool(true)
TLS-port clients before: 1
bool(true)
bool(true)
bool(true)
bool(true)
TLS-port clients: 2, commands: get set
bool(true)
bool(false)
bool(true)
bool(true)
bool(true)
int(0)
bool(false)
bool(false)
TLS-port clients after: 2
