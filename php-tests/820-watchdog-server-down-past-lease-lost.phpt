--TEST--
Watchdog: a server down for longer than the lease: renewals are retried until the key has certainly expired (about a lease after the last renewal, not sooner), then the lock is counted lost and no longer watched; the server back (empty) receives nothing for it
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
ini_set('redislock.timeout', '100');
ini_set('redislock.connect_timeout', '100');
ini_set('redislock.watchdog', '1');
ini_set('redislock.watchdog_lease', '500');
$name = unique_name('wd-down');
$key = lock_key($name);

$id = RedisLock::acquireLock($name, 0, 60);
usleep(400000);   // renewed twice (167, 333 ms): the last at most a third of a lease ago
$srv->stop();
$t = microtime(true);
$lost = wait_until(fn() => watchdog_stats()['lost'] === 1, 10, 0.005);
// The key lived up to a lease after the last renewal (at least 333 ms from here): not given up
// before; retries every 50 ms (connection refused at once) notice soon after.
echo "given up after 0.3 s: ", var_export($lost !== null && $lost >= 0.3, true), "\n";
echo "given up within 3 leases: ", var_export($lost !== null && $lost < 1.5, true), "\n";
if ($lost === null || $lost < 0.3 || $lost >= 1.5) {
    echo "took: ", var_export($lost, true), "\n";
}
echo "watched: ", watchdog_stats()['watched'], "\n";

$srv->start();
$mon = new Monitor($srv->port);
usleep(1000000);   // 2 leases
$seen = array_filter($mon->commands(), fn($l) => str_contains($l, $key));
echo "commands naming the key: ", count($seen), "\n";
var_dump($srv->client()->exists($key));
var_dump(RedisLock::isHeld($name, $id));
var_dump(RedisLock::releaseLock($name, $id));
$stats = watchdog_stats();
echo "watched: {$stats['watched']}, lost: {$stats['lost']}\n";
?>
--EXPECT--
given up after 0.3 s: true
given up within 3 leases: true
watched: 0
commands naming the key: 0
int(0)
bool(false)
bool(false)
watched: 0, lost: 1
