--TEST--
Cluster over TLS (rediss+cluster://): every node verified against the CA, the slot map read over TLS names the nodes' TLS ports, locks land on each shard, a slot move is followed; a plain redis+cluster:// entry to the TLS ports fails with a message that names the cause
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
$nodes = [];
for ($i = 0; $i < 6; $i++) {
    $nodes[] = new TlsServer('server', false, ['--cluster-enabled', 'yes', '--cluster-node-timeout', '1000',
        '--cluster-require-full-coverage', 'no', '--cluster-port', (string) free_port(),
        '--tls-cluster', 'yes', '--tls-replication', 'yes',
        // Nodes dial each other's bus and replication as TLS clients: a clientAuth certificate.
        '--tls-client-cert-file', tls_certs()->cert('client'), '--tls-client-key-file', tls_certs()->key('client')]);
}
// Over TLS: a node with tls-cluster announces its TLS port.
$cmd = ['timeout', '60', 'redis-cli', '--tls', '--cacert', tls_certs()->ca(), '--cluster', 'create'];
foreach ($nodes as $n) {
    $cmd[] = "127.0.0.1:{$n->tlsPort}";
}
array_push($cmd, '--cluster-replicas', '1', '--cluster-yes');
proc_close(proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['file', '/dev/null', 'w'], 2 => ['file', '/dev/null', 'w']], $pipes));
$deadline = microtime(true) + 30;
do {
    usleep(100000);
    $ok = true;
    foreach ($nodes as $n) {
        $info = $n->client()->info('replication');
        $ok = $ok && str_contains($n->client()->rawCommand('CLUSTER', 'INFO'), 'cluster_state:ok')
            && ($info['role'] === 'master' || ($info['master_link_status'] ?? '') === 'up');
    }
} while (!$ok && microtime(true) < $deadline);
var_dump($ok);
$byTls = [];
foreach ($nodes as $n) {
    $byTls[$n->tlsPort] = $n;
}
ini_set('redislock.tls_ca_file', tls_certs()->ca());
ini_set('redislock.servers', 'rediss+cluster://' . implode(',', array_map(fn($n) => "127.0.0.1:{$n->tlsPort}", array_slice($nodes, 0, 2))));
$landed = [];
for ($i = 0; $i < 30; $i++) {
    $name = unique_name("tls-cluster-$i");
    $id = RedisLock::acquireLock($name, 0, 5);
    foreach ($nodes as $n) {
        try {
            if ($n->client()->get(lock_key($name)) === $id) {
                $landed[$n->tlsPort] = true;
            }
        } catch (RedisException) {
            // MOVED: not this node's key
        }
    }
    RedisLock::releaseLock($name, $id);
}
echo 'shards used: ', count($landed), "\n";
ob_start();
phpinfo(INFO_MODULES);
var_dump(preg_match('/clusters \(this process\) => cluster:.*: 3 master\(s\)/', ob_get_clean()));
// Every connection of ours is a TLS one.
$tlsClients = 0;
foreach ($nodes as $n) {
    $tlsClients += count($n->tlsClients());
}
var_dump($tlsClients >= 3);
// Plain RESP to the TLS ports: refused with the cause named.
ini_set('redislock.servers', 'redis+cluster://127.0.0.1:' . $nodes[0]->tlsPort);
try {
    RedisLock::acquireLock(unique_name('plain-to-tls'), 0, 5);
} catch (RedisLockException $e) {
    echo str_contains($e->getMessage(), 'use rediss://') ? "names rediss://\n" : $e->getMessage() . "\n";
}
?>
--EXPECT--
bool(true)
shards used: 3
int(1)
bool(true)
names rediss://
