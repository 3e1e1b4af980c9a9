--TEST--
TLS: 1,000 acquire+release rounds, each on a new TLS connection (CLIENT KILL between rounds closes the pooled one): every round works, the server receives 1,000 connections, and no round hangs (each under 1 s where ~2 ms is expected)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
$srv = new TlsServer();
ini_set('redislock.tls_ca_file', tls_certs()->ca());
ini_set('redislock.servers', $srv->url());
ini_set('redislock.connect_timeout', '5000');   // a hang shows as a slow round, not an exception
$r = $srv->client();
$before = $srv->received($r);
$ok = 0;
$slow = 0;
$errors = [];
for ($i = 0; $i < 1000; $i++) {
    $r->rawCommand('CLIENT', 'KILL', 'TYPE', 'normal');   // all but this inspector (SKIPME yes)
    $t = microtime(true);
    try {
        $name = "tls-fresh:$i";
        $id = RedisLock::acquireLock($name, 0);
        if (is_string($id) && RedisLock::releaseLock($name, $id)) {
            $ok++;
        }
    } catch (RedisLockException $e) {
        $errors[] = $e->getMessage();
    }
    if (microtime(true) - $t > 1.0) {
        $slow++;
    }
}
var_dump($ok);
var_dump($slow);
var_dump(array_slice($errors, 0, 3));
echo "new connections: ", $srv->received($r) - $before, "\n";
var_dump($r->dbSize());
?>
--EXPECT--
int(1000)
int(0)
array(0) {
}
new connections: 1000
int(0)
