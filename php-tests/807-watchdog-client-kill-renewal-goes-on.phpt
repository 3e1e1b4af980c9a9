--TEST--
Watchdog: CLIENT KILL TYPE normal cuts the renewal connection (twice): renewal goes on over a new connection, and the lock (lease 1 s) is still held 3 leases later
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
// A server of its own: CLIENT KILL TYPE normal on the shared server would cut other tests' clients.
$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
ini_set('redislock.watchdog', '1');
ini_set('redislock.watchdog_lease', '1000');
$r = $srv->client();
$name = unique_name('wd-kill');
$key = lock_key($name);
$myId = $r->rawCommand('CLIENT', 'ID');
/** Ids of the other clients whose last command was a renewal (EVALSHA). */
$renewers = function () use ($r, $myId): array {
    $ids = [];
    foreach (explode("\n", trim($r->rawCommand('CLIENT', 'LIST'))) as $line) {
        if (preg_match('/\bid=(\d+) .*\bcmd=evalsha\b/', $line, $m) && (int) $m[1] !== $myId) {
            $ids[] = (int) $m[1];
        }
    }
    return $ids;
};

$id = RedisLock::acquireLock($name, 0, 60);
usleep(500000);   // a renewal at 333 ms
$first = $renewers();
echo "renewal connection before the kill: ", count($first), "\n";
echo "killed: ", var_export($r->rawCommand('CLIENT', 'KILL', 'TYPE', 'normal') >= 1, true), "\n";
$t = microtime(true);

usleep(1000000);
$second = $renewers();
echo "a new renewal connection: ", var_export(count($second) === 1 && !in_array($second[0], $first, true), true), "\n";
echo "killed again: ", var_export($r->rawCommand('CLIENT', 'KILL', 'TYPE', 'normal') >= 1, true), "\n";

// 3 leases after the first kill.
usleep((int) ((3.0 - (microtime(true) - $t)) * 1e6));
var_dump($r->get($key) === $id);
$pttl = $r->pttl($key);
echo "PTTL within the lease: ", var_export($pttl > 0 && $pttl <= 1000, true), "\n";
$third = $renewers();
echo "renewing over yet another connection: ", var_export(count($third) === 1 && !in_array($third[0], $second, true), true), "\n";
var_dump(RedisLock::isHeld($name, $id));
$stats = watchdog_stats();
echo "watched: {$stats['watched']}, lost: {$stats['lost']}\n";
var_dump(RedisLock::releaseLock($name, $id));
var_dump($r->exists($key));
?>
--EXPECT--
renewal connection before the kill: 1
killed: true
a new renewal connection: true
killed again: true
bool(true)
PTTL within the lease: true
renewing over yet another connection: true
bool(true)
watched: 1, lost: 0
bool(true)
int(0)
