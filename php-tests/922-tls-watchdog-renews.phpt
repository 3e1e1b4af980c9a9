--TEST--
TLS: the watchdog renews a lock held on a rediss:// server from its own thread over TLS: with a 1 s lease the key keeps the holder's token and a TTL within the lease through 2.5 s of work, renewals are counted, the renewals arrive on the TLS port, and release stops them
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
require __DIR__ . '/tls.inc';
$srv = new TlsServer();
ini_set('redislock.tls_ca_file', tls_certs()->ca());
ini_set('redislock.servers', $srv->url());
ini_set('redislock.watchdog', '1');
ini_set('redislock.watchdog_lease', '1000');
$r = $srv->client();
$name = unique_name('tls-watchdog');
$key = lock_key($name);

$id = RedisLock::acquireLock($name, 0, 30);
$pttl = $r->pttl($key);
echo "key TTL is the lease: ", var_export($pttl > 900 && $pttl <= 1000, true), "\n";
$bad = $samples = 0;
$t = microtime(true);
while (microtime(true) - $t < 2.5) {
    $value = $r->get($key);
    $ttl = $r->pttl($key);
    $samples++;
    if ($value !== $id || $ttl <= 0 || $ttl > 1000) {
        $bad++;
    }
    usleep(20000);
}
echo "samples >= 50: ", var_export($samples >= 50, true), ", bad: $bad\n";
$stats = watchdog_stats();
echo "renewals >= 4: ", var_export($stats['renewals'] >= 4, true), ", lost: {$stats['lost']}\n";
// The renewals' connection is on the TLS port (the only plain-port clients are this test's).
$cmds = array_map(fn($c) => $c['cmd'], $srv->tlsClients($r));
echo "TLS-port clients ran the renewal script: ", var_export(in_array('evalsha', $cmds, true), true), "\n";
var_dump(RedisLock::releaseLock($name, $id));
var_dump($r->exists($key));
usleep(600000);
var_dump($r->exists($key));   // not revived by a late renewal
?>
--EXPECT--
key TTL is the lease: true
samples >= 50: true, bad: 0
renewals >= 4: true, lost: 0
TLS-port clients ran the renewal script: true
bool(true)
int(0)
int(0)
