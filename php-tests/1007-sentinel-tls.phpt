--TEST--
Sentinel over TLS (rediss+sentinel://): the sentinels are asked over TLS (their tls-port), the master they name is dialed over TLS and verified against the CA, locks round-trip there; a plain redis+sentinel:// entry to the sentinels' TLS ports fails naming the cause
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
require __DIR__ . '/sentinel.inc';
$c = tls_certs();
$tlsArgs = ['--tls-replication', 'yes'];
$master = new TlsServer('server', false, $tlsArgs);
$replicas = [];
foreach ([1, 2] as $i) {
    $replicas[] = new TlsServer('server', false, array_merge($tlsArgs, ['--replicaof', '127.0.0.1', (string) $master->tlsPort]));
}
$sentinels = [];
$tlsPorts = [];
foreach ([1, 2, 3] as $i) {
    $tp = free_port();
    $tlsPorts[] = $tp;
    $sentinels[] = new TestSentinel('tls-svc', $master->tlsPort, ["tls-port $tp", "tls-cert-file {$c->cert('server')}",
        "tls-key-file {$c->key('server')}", "tls-ca-cert-file {$c->ca()}", 'tls-auth-clients no', 'tls-replication yes']);
}
// Ready: every sentinel sees the master up with its two replicas.
$deadline = microtime(true) + 30;
do {
    usleep(100000);
    $ready = true;
    foreach ($sentinels as $s) {
        $flat = $s->command('SENTINEL', 'master', 'tls-svc');
        $info = [];
        for ($i = 0; $i + 1 < count($flat); $i += 2) {
            $info[$flat[$i]] = $flat[$i + 1];
        }
        $ready = $ready && ($info['num-slaves'] ?? '') === '2' && !str_contains($info['flags'] ?? 's_down', 'down');
    }
} while (!$ready && microtime(true) < $deadline);
var_dump($ready);
ini_set('redislock.tls_ca_file', $c->ca());
ini_set('redislock.servers', 'rediss+sentinel://' . implode(',', array_map(fn($p) => "127.0.0.1:$p", $tlsPorts)) . '/tls-svc');
$name = unique_name('sentinel-tls');
$id = RedisLock::acquireLock($name, 0, 5);
var_dump(is_string($id) && $master->client()->get(lock_key($name)) === $id);
var_dump(RedisLock::releaseLock($name, $id));
var_dump(count($master->tlsClients()) >= 1);
ob_start();
phpinfo(INFO_MODULES);
var_dump(str_contains(ob_get_clean(), "tls-svc: master 127.0.0.1:{$master->tlsPort}"));
// Plain RESP to the sentinels' TLS ports.
ini_set('redislock.servers', 'redis+sentinel://127.0.0.1:' . $tlsPorts[0] . '/tls-svc');
try {
    RedisLock::acquireLock(unique_name('plain'), 0, 5);
    echo "no error\n";
} catch (RedisLockException $e) {
    echo str_contains($e->getMessage(), 'use rediss://') ? "names rediss://\n" : $e->getMessage() . "\n";
}
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
names rediss://
