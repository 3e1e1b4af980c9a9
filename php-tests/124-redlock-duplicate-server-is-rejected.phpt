--TEST--
RedLock: a server listed twice (it would count twice toward a quorum it can never give) is a ValueError naming both entries; redislock.servers likewise
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
// Another database on the same server is another lock space: allowed.
$rl = new RedLock(["redis://127.0.0.1:$p1/1", "redis://127.0.0.1:$p1/2", "redis://127.0.0.1:$p2"]);
var_dump(is_array($l = $rl->lock(unique_name('dup'), 5000)), $rl->unlock($l));

$twice = "redis://127.0.0.1:$p1,redis://127.0.0.1:$p2,redis://127.0.0.1:$p1";
refused_ini_set('redislock.servers', $twice, [(string) $p1 => 'P1']);
echo str_replace((string) $p1, 'P1', child_php(['redislock.servers' => $twice],
    'try { RedisLock::acquireLock("dup", 0); } catch (RedisLockException $e) { echo $e->getMessage(), "\n"; }'));
?>
--EXPECT--
RedLock::__construct(): Argument #1 ($servers) entry [2] names the same server as entry [0]
RedLock::__construct(): Argument #1 ($servers) entry [again] names the same server as entry [first]
bool(true)
bool(true)
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers: 127.0.0.1:P1 is listed twice
invalid redislock.servers: 127.0.0.1:P1 is listed twice
