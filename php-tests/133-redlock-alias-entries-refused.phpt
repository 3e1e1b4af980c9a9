--TEST--
RedLock: two entries that reach one server (its IP, "localhost", its Unix socket) are refused at the first lock() with a RedisLockException naming both (the same run_id), and the attempt leaves no key behind; redislock.servers likewise
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$sock = sys_get_temp_dir() . '/redislock-alias-' . getmypid() . '.sock';
$s = new TestServer(['--unixsocket', $sock, '--unixsocketperm', '700']);
$p = $s->port;
$m2 = test_port('m2');
$r = $s->client();
$name = unique_name('alias');
$show = fn(string $m) => strtr($m, [(string) $p => 'P', $sock => 'SOCK', (string) $m2 => 'M2']);
foreach ([
    ["redis://127.0.0.1:$p", "redis://localhost:$p", "redis://127.0.0.1:$m2"],
    ["redis://127.0.0.1:$p", "unix://$sock", "redis://127.0.0.1:$m2"],
    [['127.0.0.1', $p], [$sock, 0], ['127.0.0.1', $m2]],
] as $servers) {
    $rl = new RedLock($servers, 0, 1);
    try {
        var_dump($rl->lock($name, 10000));
    } catch (RedisLockException $e) {
        echo $show($e->getMessage()), "\n";
    }
    var_dump($r->exists($name), inspector('m2')->exists($name));
}
// The same through redislock.servers (RedisLock's quorum).
ini_set('redislock.servers', "redis://127.0.0.1:$p,redis://localhost:$p,redis://127.0.0.1:$m2");
try {
    var_dump(RedisLock::acquireLock($name, 0));
} catch (RedisLockException $e) {
    echo $show($e->getMessage()), "\n";
}
var_dump($r->exists(lock_key($name)), inspector('m2')->exists(lock_key($name)));
// Three distinct servers work.
$rl = new RedLock(["redis://127.0.0.1:$p", "redis://127.0.0.1:$m2", "redis://127.0.0.1:" . test_port('m3')], 0, 1);
var_dump(is_array($l = $rl->lock($name, 10000)), $rl->unlock($l));
@unlink($sock);
?>
--EXPECT--
127.0.0.1:P and localhost:P are the same Redis server (the same run_id): one server must not vote twice in a quorum; list each server once
int(0)
int(0)
127.0.0.1:P and unix:SOCK are the same Redis server (the same run_id): one server must not vote twice in a quorum; list each server once
int(0)
int(0)
127.0.0.1:P and unix:SOCK are the same Redis server (the same run_id): one server must not vote twice in a quorum; list each server once
int(0)
int(0)
127.0.0.1:P and localhost:P are the same Redis server (the same run_id): one server must not vote twice in a quorum; list each server once
int(0)
int(0)
bool(true)
bool(true)
