--TEST--
RedisLock: after 1,000 contended acquire+release cycles (4 processes x 250, waiting on each other), nothing of the lock is left in Redis once it is free (SCAN, after the wake-up and the waiting mark expire), and the counter it guarded is exact
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$srv = new TestServer();
$r = $srv->client();
$name = 'contended';
$code = 'ini_set("redislock.servers", "' . $srv->url() . '");'
    . ' $r = new Redis(); $r->connect("127.0.0.1", ' . $srv->port . ');'
    . ' for ($i = 0; $i < 250; $i++) { $id = RedisLock::acquireLock("' . $name . '", 20, 10);'
    . ' $r->set("counter", (int) $r->get("counter") + 1); RedisLock::releaseLock("' . $name . '", $id); }';
$procs = [];
for ($n = 0; $n < 4; $n++) {
    $procs[] = proc_open(php_cmd() . ' -r ' . escapeshellarg($code), [0 => ['file', '/dev/null', 'r'], 1 => STDOUT, 2 => STDOUT], $pipes);
}
$sawWake = false;
while (array_filter($procs, fn($p) => proc_get_status($p)['running'])) {
    $sawWake = $sawWake || $r->exists('{AGENT_ORDER_LOCK:' . $name . '}:waiting');
    usleep(2000);
}
foreach ($procs as $p) {
    proc_close($p);
}
var_dump($r->get('counter'));
var_dump($sawWake);              // the waiters did block (the wake path ran)
usleep(1600000);                 // the waiting mark lives 1.5 s, an unclaimed wake-up 250 ms
$it = null;
$left = [];
do {
    foreach ($r->scan($it, '*', 1000) ?: [] as $k) {
        $left[] = $k;
    }
} while ($it > 0);
sort($left);
var_dump($left);
?>
--EXPECT--
string(4) "1000"
bool(true)
array(1) {
  [0]=>
  string(7) "counter"
}
