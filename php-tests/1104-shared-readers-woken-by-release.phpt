--TEST--
Shared locks: readers waiting in three processes for the exclusive holder are all woken by its release (within a few ms, not at a 1 s poll) and then hold the lock together
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; if (!function_exists('pcntl_fork')) die('skip pcntl needed'); ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('shared-woken');
$w = RedisLock::acquireLock($name, 0, 30);
$pids = [];
for ($i = 0; $i < 3; $i++) {
    $pid = pcntl_fork();
    if ($pid === 0) {
        $id = RedisLock::acquireShared($name, 10, 30);
        $c = inspector();
        $c->rPush("$name:got", json_encode([microtime(true), $id]));
        usleep(300000);              // still reading when the others come in
        RedisLock::releaseShared($name, $id);
        exit(0);
    }
    $pids[] = $pid;
}
usleep(400000);
$released = microtime(true);
RedisLock::releaseLock($name, $w);
foreach ($pids as $pid) {
    pcntl_waitpid($pid, $status);
}
$late = [];
$ids = [];
foreach ($r->lRange("$name:got", 0, -1) as $row) {
    [$at, $id] = json_decode($row, true);
    $late[] = ($at - $released) * 1000;
    $ids[] = $id;
}
echo count(array_filter($ids, 'is_string')), " readers\n";
var_dump(max($late) < 250);   // all within a few ms (a 1 s poll would show); all before the first left
$r->del("$name:got");
?>
--EXPECT--
3 readers
bool(true)
