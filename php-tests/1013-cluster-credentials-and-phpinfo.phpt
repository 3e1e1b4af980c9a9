--TEST--
Cluster: an ACL user and password (percent-escaped) in the entry reach every node; a wrong password fails with a message that never shows it; phpinfo() shows the cluster by its seeds and its master count, no secret; bad entries are refused at ini_set()
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/cluster.inc';
$c = new TestCluster([], ['locker', 'p@ss,w0rd']);
$ports = array_map(fn($s) => $s->port, $c->servers);
$replace = [];
foreach ($ports as $i => $p) {
    $replace[(string) $p] = "P$i";
}
ini_set('redislock.servers', $c->url('locker:p%40ss%2Cw0rd'));
$ok = 0;
foreach ($c->masters() as $port) {
    $name = $c->nameOn($port, unique_name('acl'));
    $id = RedisLock::acquireLock($name, 0, 5);
    $ok += (int) ($c->client($port)->get(lock_key($name)) === $id && RedisLock::releaseLock($name, $id));
}
var_dump($ok);
// Masked once the extension has looked at it (the first lock call).
echo preg_replace('/\*\*\*\d+/', '***', strtr(ini_get('redislock.servers'), $replace)), "\n";
ob_start();
phpinfo(INFO_MODULES);
$info = ob_get_clean();
preg_match('/clusters \(this process\) => (.*)/', $info, $m);
echo strtr($m[1], $replace), "\n";
var_dump(str_contains($info, 'w0rd'));

// A wrong password: refused, and neither password is in the message.
ini_set('redislock.servers', $c->url('locker:wr0ng-s3cret'));
try {
    RedisLock::acquireLock('acl-wrong', 0, 5);
} catch (RedisLockException $e) {
    $msg = $e->getMessage();
    echo get_class($e), ': ', str_contains($msg, 'wr0ng-s3cret') || str_contains($msg, 'w0rd') ? 'LEAKED' : 'no secret', "\n";
    var_dump(str_contains($msg, 'WRONGPASS') || str_contains($msg, 'authentication'));
}
foreach (['redis+cluster://u:s3cret@127.0.0.1:7000/2', 'redis+cluster://u:s3cret@127.0.0.1:7000?x=s3cret',
          'redis+cluster://u:s3cret@h1,,h2'] as $bad) {
    refused_ini_set('redislock.servers', $bad);
}
?>
--EXPECT--
int(3)
redis+cluster://locker:***@127.0.0.1:P0,127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3,127.0.0.1:P4,127.0.0.1:P5
cluster:127.0.0.1:P0,127.0.0.1:P1,127.0.0.1:P2,127.0.0.1:P3,127.0.0.1:P4,127.0.0.1:P5: 3 master(s); redirections followed: 0 MOVED, 0 ASK, 0 TRYAGAIN
bool(false)
RedisLockException: no secret
bool(true)
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers 'redis+cluster://u:***@127.0.0.1:7000/2': a Redis Cluster has only database 0: expected redis+cluster://[user:pass@]host:port,host:port
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers 'redis+cluster://u:***@127.0.0.1:7000?***': redis+cluster:// takes no parameters
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers 'redis+cluster://u:***@h1,,h2': seed missing host
