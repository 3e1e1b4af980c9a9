--TEST--
RedLock: with 3 of 5 masters down lock() throws RedisLockException "no quorum possible" naming the three failed servers, and leaves no key on the two live ones
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$servers = [];
for ($i = 0; $i < 5; $i++) {
    $servers[] = new TestServer();
}
$rl = new RedLock(array_map(fn($s) => $s->url(), $servers), 10, 3);
$resource = unique_name('redlock-3-down');

$down = [1, 2, 4];
foreach ($down as $i) {
    $servers[$i]->stop();
}
try {
    var_dump($rl->lock($resource, 10000));
} catch (RedisLockException $e) {
    $msg = $e->getMessage();
    foreach ($servers as $i => $s) {
        $msg = str_replace("127.0.0.1:{$s->port}", 'SERVER' . ($i + 1), $msg);
    }
    echo get_class($e), ": $msg\n";
}
foreach ([0, 3] as $i) {
    echo "server ", $i + 1, " exists: ", $servers[$i]->client()->exists($resource), "\n";
}
?>
--EXPECT--
RedisLockException: no quorum possible (3 of 5 Redis servers needed, 3 failed): SERVER2: Connection refused (os error 111); SERVER3: Connection refused (os error 111); SERVER5: Connection refused (os error 111)
server 1 exists: 0
server 4 exists: 0
