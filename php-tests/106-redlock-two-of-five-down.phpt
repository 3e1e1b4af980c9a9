--TEST--
RedLock: with 2 of 5 masters down the lock is still granted by the other 3, with a validity below the ttl, and unlock still confirms
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
$rl = new RedLock(array_map(fn($s) => ['127.0.0.1', $s->port, 0.5], $servers), 10, 2);
$resource = unique_name('redlock-2-down');

// Connections exist before the masters go away (the pool must notice, not only fresh connects).
$warm = $rl->lock($resource, 10000);
var_dump($rl->unlock($warm));

$servers[1]->stop();
$servers[3]->stop();
$lock = $rl->lock($resource, 10000);
var_dump(is_array($lock));
var_dump($lock['validity'] > 0 && $lock['validity'] < 10000);
foreach ([0, 2, 4] as $i) {
    echo "server ", $i + 1, ": ", var_export($servers[$i]->client()->get($resource) === $lock['token'], true), "\n";
}
var_dump($rl->unlock($lock));     // 3 confirmed deletions of 5: a quorum
foreach ([0, 2, 4] as $i) {
    echo "server ", $i + 1, " exists: ", $servers[$i]->client()->exists($resource), "\n";
}
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
server 1: true
server 3: true
server 5: true
bool(true)
server 1 exists: 0
server 3 exists: 0
server 5 exists: 0
