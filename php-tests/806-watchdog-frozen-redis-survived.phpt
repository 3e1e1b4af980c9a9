--TEST--
Watchdog: Redis frozen (SIGSTOP) for 700 ms, less than the 2 s lease, while renewals are due (every 667 ms; timeouts 200 ms): the failed renewals are retried, and after SIGCONT the lock is still held and renewed (held a lease later)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
<?php if (!extension_loaded('posix')) die('skip posix needed'); ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
$srv = new TestServer();
$pid = $srv->pid();
// However the test ends (exception, fatal error, exit), the server must run again.
register_shutdown_function(fn() => posix_kill($pid, SIGCONT));
ini_set('redislock.servers', $srv->url());
ini_set('redislock.timeout', '200');
ini_set('redislock.connect_timeout', '200');
ini_set('redislock.watchdog', '1');
ini_set('redislock.watchdog_lease', '2000');
$r = $srv->client();
$name = unique_name('wd-frozen');
$key = lock_key($name);

$id = RedisLock::acquireLock($name, 0, 60);
// Renewals fall due at 667 ms, 1333 ms, ...: the freeze (400 to 1100 ms) covers the first one
// and the 200 ms timeouts of it and of its first retry.
usleep(400000);
$connections = fn() => (int) $r->info('stats')['total_connections_received'];
$before = $connections();
$renewals = watchdog_stats()['renewals'];
try {
    var_dump(posix_kill($pid, SIGSTOP));
    usleep(300000);
    // The server really is frozen: a PING gets no answer within 200 ms.
    $c = stream_socket_client("tcp://127.0.0.1:{$srv->port}", $errno, $errstr, 1.0);
    fwrite($c, "PING\r\n");
    $read = [$c];
    $w = $e = null;
    echo "frozen server answers: ", stream_select($read, $w, $e, 0, 200000) > 0 ? 'yes' : 'no', "\n";
    usleep(200000);
} finally {
    posix_kill($pid, SIGCONT);
}
var_dump($r->get($key) === $id);
// Renewals in the freeze timed out: their connections were dropped and new ones made (beyond
// the test's own PING connection).
$new = $connections() - $before - 1;
echo "reconnected: ", var_export($new >= 1, true), "\n";

usleep(2000000);   // one lease after the thaw
var_dump(RedisLock::isHeld($name, $id));
$pttl = $r->pttl($key);
echo "PTTL within the lease: ", var_export($pttl > 0 && $pttl <= 2000, true), "\n";
$stats = watchdog_stats();
echo "renewed after the thaw: ", var_export($stats['renewals'] >= $renewals + 2, true), ", watched: {$stats['watched']}, lost: {$stats['lost']}\n";
var_dump(RedisLock::releaseLock($name, $id));
var_dump($r->exists($key));
?>
--EXPECT--
bool(true)
frozen server answers: no
bool(true)
reconnected: true
bool(true)
PTTL within the lease: true
renewed after the thaw: true, watched: 1, lost: 0
bool(true)
int(0)
