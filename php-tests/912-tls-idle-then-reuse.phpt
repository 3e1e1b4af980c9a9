--TEST--
TLS: a pooled TLS connection left idle for 1.2 s (TLS 1.3 session tickets arrived meanwhile) is reused: three acquire+release rounds with idle pauses all work and the server receives exactly one new connection; phpinfo() counts one pooled connection
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
$srv = new TlsServer();
ini_set('redislock.tls_ca_file', tls_certs()->ca());
ini_set('redislock.servers', $srv->url());
$r = $srv->client();   // opened before the first reading
$before = $srv->received($r);
$ok = 0;
for ($i = 0; $i < 3; $i++) {
    $name = unique_name('tls-idle');
    $id = RedisLock::acquireLock($name, 0);
    if (is_string($id) && $r->get(lock_key($name)) === $id && RedisLock::isHeld($name, $id)
        && RedisLock::releaseLock($name, $id)) {
        $ok++;
    }
    usleep(1200000);
}
var_dump($ok);
echo "new connections: ", $srv->received($r) - $before, "\n";
ob_start();
phpinfo(INFO_MODULES);
preg_match('/^pooled connections \(this process\) => (\d+)$/m', ob_get_clean(), $m);
echo "pooled: ", $m[1] ?? '?', "\n";
$clients = $srv->tlsClients($r);
echo "TLS-port clients: ", count($clients), ", idle >= 1 s: ", var_export((int) ($clients[0]['idle'] ?? 0) >= 1, true), "\n";
?>
--EXPECT--
int(3)
new connections: 1
pooled: 1
TLS-port clients: 1, idle >= 1 s: true
