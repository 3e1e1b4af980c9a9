--TEST--
TLS: the TLS handshake is bounded by the connect timeout: a frozen server (TCP accepted by the kernel, no handshake answer) fails acquireLock after about connect_timeout (200 ms); in RedLock, three of five TLS masters frozen before their handshakes cost one node timeout (300 ms), not three: the handshakes run concurrently
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
ini_set('redislock.tls_ca_file', tls_certs()->ca());
$srv = [new TlsServer(), new TlsServer(), new TlsServer(), new TlsServer(), new TlsServer()];
$pids = array_map(fn($s) => $s->pid(), $srv);
register_shutdown_function(function () use ($pids) {
    foreach ($pids as $pid) {
        posix_kill($pid, SIGCONT);
    }
});
$name = unique_name('tls-handshake-bound');
try {
    foreach ([0, 2, 4] as $i) {
        $srv[$i]->freeze();
    }
    ini_set('redislock.servers', $srv[0]->url());
    ini_set('redislock.connect_timeout', '200');
    $t = microtime(true);
    echo tls_outcome(fn() => RedisLock::acquireLock($name, 0), [(string) $srv[0]->tlsPort => 'PORT']), "\n";
    $ms = (microtime(true) - $t) * 1000;
    echo "about the connect timeout: ", var_export($ms >= 195 && $ms < 2000, true), "\n";

    ini_set('redislock.connect_timeout', '1000');
    ini_set('redislock.node_timeout', '300');
    $rl = new RedLock(array_map(fn($s) => $s->url(), $srv), 10, 0);
    $t = microtime(true);
    $out = tls_outcome(fn() => $rl->lock($name, 10000));
    $ms = (microtime(true) - $t) * 1000;
    echo preg_replace('/:\d+: /', ':PORT: ', $out), "\n";
    // Concurrent: ~300 ms. One after another it would be 900 ms or more.
    echo "one node timeout: ", var_export($ms >= 295 && $ms < 600, true), "\n";
} finally {
    foreach ([0, 2, 4] as $i) {
        $srv[$i]->thaw();
    }
}
echo "left: ", array_sum(array_map(fn($s) => $s->client()->exists($name), $srv)), "\n";
?>
--EXPECT--
RedisLockException: Redis server tls://127.0.0.1:PORT: TLS: no handshake answer within 200 ms (a plain redis:// port on a rediss:// URL?)
about the connect timeout: true
RedisLockException: no quorum possible (3 of 5 Redis servers needed, 3 failed): tls://127.0.0.1:PORT: TLS: no handshake answer within 300 ms (a plain redis:// port on a rediss:// URL?); tls://127.0.0.1:PORT: TLS: no handshake answer within 300 ms (a plain redis:// port on a rediss:// URL?); tls://127.0.0.1:PORT: TLS: no handshake answer within 300 ms (a plain redis:// port on a rediss:// URL?)
one node timeout: true
left: 0
