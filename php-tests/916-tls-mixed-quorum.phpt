--TEST--
TLS: a quorum mixing TLS and plain masters: redislock.servers "rediss://..,redis://..,rediss://.." (RedisLock's quorum) and RedLock entries [rediss:// string, [host, port] array, redis:// string] lock on all three; with one TLS master presenting a certificate for another name the other two grant it, and with a plain one down too the error names each failure
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
ini_set('redislock.tls_ca_file', tls_certs()->ca());
$t1 = new TlsServer();
$t2 = new TlsServer();
$p1 = new TestServer();
$p2 = new TestServer();
$inspect = [$t1->client(), $p1->client(), $t2->client(), $p2->client()];
$name = unique_name('tls-mixed');
$holders = fn(string $key, string $token) => implode(' ', array_map(
    fn($r) => var_export($r->get($key) === $token, true), $inspect));

ini_set('redislock.servers', "{$t1->url()},redis://127.0.0.1:{$p1->port},{$t2->url('', 'localhost')}");
$id = RedisLock::acquireLock($name, 0);
echo "RedisLock quorum: ", $holders(lock_key($name), (string) $id), "\n";
var_dump(RedisLock::isHeld($name, $id));
var_dump(RedisLock::releaseLock($name, $id));

$rl = new RedLock([$t1->url(), ['127.0.0.1', $p1->port], "redis://127.0.0.1:{$p2->port}", $t2->url()], 10, 0);
$lock = $rl->lock($name, 10000);
echo "RedLock 4 masters: ", $holders($name, $lock['token']), "\n";
var_dump($rl->unlock($lock));

$wrongName = new TlsServer('other-name');
$rl = new RedLock([$t1->url(), $wrongName->url(), ['127.0.0.1', $p1->port]], 10, 0);
$lock = $rl->lock($name, 10000);
echo "one TLS master refused: ", var_export(is_array($lock), true), ", ", $holders($name, $lock['token']), "\n";
var_dump($rl->unlock($lock));

$p1->stop();
echo tls_outcome(fn() => $rl->lock($name, 10000), [(string) $wrongName->tlsPort => 'TLSPORT',
    (string) $p1->port => 'PLAINPORT']), "\n";
echo "left: ", $inspect[0]->exists($name) + $inspect[2]->exists($name) + $inspect[3]->exists($name)
    + $wrongName->client()->dbSize(), "\n";
?>
--EXPECTF--
RedisLock quorum: true true true false
bool(true)
bool(true)
RedLock 4 masters: true true true true
bool(true)
one TLS master refused: true, true true false false
bool(true)
RedisLockException: no quorum possible (2 of 3 Redis servers needed, 2 failed): tls://127.0.0.1:TLSPORT: TLS: the server's certificate is not valid for this host name (name mismatch); 127.0.0.1:PLAINPORT: %s
left: 0
