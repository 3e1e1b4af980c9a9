--TEST--
TLS: in a RedLock quorum, a rediss:// entry pointing at a plain Redis port costs its vote only: lock() is granted by the other two TLS masters and returns within a bound of the node timeout; with two such entries of three, the error names both as "no handshake answer within 100 ms (a plain redis:// port on a rediss:// URL?)"; no key is left
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
ini_set('redislock.tls_ca_file', tls_certs()->ca());
ini_set('redislock.node_timeout', '100');
$a = new TlsServer();
$b = new TlsServer();
$plainSrv = new TestServer();
$bad = "rediss://127.0.0.1:{$plainSrv->port}";
$resource = unique_name('tls-plain-in-quorum');

$rl = new RedLock([$a->url(), $bad, $b->url()], 10, 1);
$t = microtime(true);
$lock = $rl->lock($resource, 10000);
$elapsed = microtime(true) - $t;
var_dump(is_array($lock) && $lock['validity'] > 9000);
var_dump($elapsed < 1.0);                       // hang bound: 10x the 100 ms node timeout
echo "a: ", var_export($a->client()->get($resource) === $lock['token'], true),
    ", b: ", var_export($b->client()->get($resource) === $lock['token'], true), "\n";
var_dump($rl->unlock($lock));

$rl = new RedLock([$bad, $a->url(), "rediss://localhost:{$plainSrv->port}"], 10, 0);
$t = microtime(true);
echo tls_outcome(fn() => $rl->lock($resource, 10000), [(string) $plainSrv->port => 'PLAIN']), "\n";
var_dump(microtime(true) - $t < 1.0);
echo "left: ", $a->client()->exists($resource) + $b->client()->exists($resource) + $plainSrv->client()->dbSize(), "\n";
?>
--EXPECT--
bool(true)
bool(true)
a: true, b: true
bool(true)
RedisLockException: no quorum possible (2 of 3 Redis servers needed, 2 failed): tls://127.0.0.1:PLAIN: TLS: no handshake answer within 100 ms (a plain redis:// port on a rediss:// URL?); tls://localhost:PLAIN: TLS: no handshake answer within 100 ms (a plain redis:// port on a rediss:// URL?)
bool(true)
left: 0
