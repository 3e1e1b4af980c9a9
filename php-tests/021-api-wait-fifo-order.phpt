--TEST--
RedisLock: waiters are woken in the order they started waiting (five processes queued 60 ms apart behind a holder get the lock 1, 2, 3, 4, 5)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('fifo');
$holder = RedisLock::acquireLock($name, 0, 30);
$code = 'ini_set("redislock.servers", "' . test_url() . '");'
    . ' $id = RedisLock::acquireLock($argv[1], 20, 30);'
    . ' $r = new Redis(); $r->connect("127.0.0.1", ' . test_port() . ');'
    . ' $r->rPush($argv[1] . ":order", $argv[2]); usleep(20000);'
    . ' RedisLock::releaseLock($argv[1], $id);';
$procs = [];
foreach ([1, 2, 3, 4, 5] as $n) {
    $procs[] = proc_open(php_cmd() . ' -r ' . escapeshellarg($code) . ' ' . escapeshellarg($name) . " $n",
        [0 => ['file', '/dev/null', 'r'], 1 => STDOUT, 2 => STDOUT], $pipes);
    usleep(60000);   // each has made its refused attempt and blocks before the next starts
}
RedisLock::releaseLock($name, $holder);
foreach ($procs as $p) {
    proc_close($p);
}
echo implode(' ', $r->lRange("$name:order", 0, -1)), "\n";
$r->del("$name:order");
?>
--EXPECT--
1 2 3 4 5
