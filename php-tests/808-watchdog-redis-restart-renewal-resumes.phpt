--TEST--
Watchdog: Redis restarted within the lease (SAVE, then SHUTDOWN NOSAVE, then the same port, dir and dbfilename, so the RDB brings the key back with its expiry): renewal resumes over a new connection and the lock (lease 2 s) is held 2 leases later
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
$srv = new TestServer(['--dbfilename', 'dump.rdb']);
ini_set('redislock.servers', $srv->url());
ini_set('redislock.timeout', '200');
ini_set('redislock.connect_timeout', '200');
ini_set('redislock.watchdog', '1');
ini_set('redislock.watchdog_lease', '2000');
$r = $srv->client();
$name = unique_name('wd-restart');
$key = lock_key($name);
$runId = fn(Redis $c) => $c->info('server')['run_id'];

$id = RedisLock::acquireLock($name, 0, 60);
usleep(800000);   // renewed once (at 667 ms)
$oldRun = $runId($r);
var_dump($r->save());
try {
    $r->rawCommand('SHUTDOWN', 'NOSAVE');
} catch (RedisException $e) {
    // The server closes the connection: no reply.
}
$pid = $srv->pid();
echo "server exited: ", var_export(wait_until(fn() => !posix_kill($pid, 0) || str_contains((string) @file_get_contents("/proc/$pid/stat"), ') Z '), 5) !== null, true), "\n";
$srv->stop();
usleep(300000);   // down for a while: renewals meet a refused connection
$srv->start(['--dbfilename', 'dump.rdb']);
$r = $srv->client();
echo "a new server: ", var_export($runId($r) !== $oldRun, true), "\n";
var_dump($r->get($key) === $id);   // from the RDB, with its expiry
$pttl = $r->pttl($key);
echo "PTTL from the RDB within the lease: ", var_export($pttl > 0 && $pttl <= 2000, true), "\n";

usleep(4000000);   // 2 leases: alive only if renewed on the new server
var_dump($r->get($key) === $id);
$pttl = $r->pttl($key);
echo "PTTL within the lease: ", var_export($pttl > 0 && $pttl <= 2000, true), "\n";
var_dump(RedisLock::isHeld($name, $id));
$stats = watchdog_stats();
echo "watched: {$stats['watched']}, lost: {$stats['lost']}\n";
var_dump(RedisLock::releaseLock($name, $id));
var_dump($r->exists($key));
?>
--EXPECT--
bool(true)
server exited: true
a new server: true
bool(true)
PTTL from the RDB within the lease: true
bool(true)
PTTL within the lease: true
bool(true)
watched: 1, lost: 0
bool(true)
int(0)
