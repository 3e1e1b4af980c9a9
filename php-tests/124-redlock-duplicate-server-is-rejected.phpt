--TEST--
RedLock: a server listed twice, or two databases of one server (it would count twice toward a quorum it can never give), is a ValueError naming both entries; redislock.servers likewise (ini_set refuses it)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
[$p1, $p2] = master_ports();
foreach ([
    ["redis://127.0.0.1:$p1", ['127.0.0.1', $p2], ['127.0.0.1', $p1, 0.05]],
    ['first' => "redis://127.0.0.1:$p1", 'again' => "redis://u:pw@127.0.0.1:$p1/0"],
] as $servers) {
    try {
        new RedLock($servers);
        echo "no error\n";
    } catch (ValueError $e) {
        echo str_replace((string) $p1, 'P1', $e->getMessage()), "\n";
    }
}
// Another database of the same server is the same failure domain: refused too.
try {
    new RedLock(["redis://127.0.0.1:$p1/1", "redis://127.0.0.1:$p1/2", "redis://127.0.0.1:$p2"]);
    echo "no error\n";
} catch (ValueError $e) {
    echo str_replace((string) $p1, 'P1', $e->getMessage()), "\n";
}
$dbs = "redis://127.0.0.1:$p1/1,redis://127.0.0.1:$p1/2,redis://127.0.0.1:$p2";
refused_ini_set('redislock.servers', $dbs, [(string) $p1 => 'P1']);

$twice = "redis://127.0.0.1:$p1,redis://127.0.0.1:$p2,redis://127.0.0.1:$p1";
refused_ini_set('redislock.servers', $twice, [(string) $p1 => 'P1']);
echo str_replace((string) $p1, 'P1', child_php(['redislock.servers' => $twice],
    'try { RedisLock::acquireLock("dup", 0); } catch (RedisLockException $e) { echo $e->getMessage(), "\n"; }'));
?>
--EXPECT--
RedLock::__construct(): Argument #1 ($servers) entry [2] names the same server as entry [0]
RedLock::__construct(): Argument #1 ($servers) entry [again] names the same server as entry [first]
RedLock::__construct(): Argument #1 ($servers) entry [1] names the same server as entry [0]
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers: 127.0.0.1:P1/2 is listed twice
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers: 127.0.0.1:P1 is listed twice
invalid redislock.servers: 127.0.0.1:P1 is listed twice
