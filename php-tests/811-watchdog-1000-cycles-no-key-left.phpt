--TEST--
Watchdog: 1,000 acquire/release cycles on three names with a 10 ms lease (renewals every ~3 ms, some locks held past several renewals) and lock_timeout 5: every acquire and release succeeds, and no key is left behind, then or later
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
ini_set('redislock.servers', test_url());
ini_set('redislock.watchdog', '1');
ini_set('redislock.watchdog_lease', '10');
$r = inspector();
$base = unique_name('wd-cycles');
$names = ["$base:a", "$base:b", "$base:c"];
// KEYS, not DBSIZE: DBSIZE counts keys that have expired but were not yet evicted.
$left = fn() => $r->keys(lock_key($base) . '*');

$acquired = $released = 0;
$t = microtime(true);
for ($i = 0; $i < 1000; $i++) {
    $name = $names[$i % 3];
    $id = RedisLock::acquireLock($name, 1, 5);
    $acquired += is_string($id);
    if ($i % 4 === 0) {
        usleep(random_int(0, 8000));   // up to 2 renewals
    }
    $released += RedisLock::releaseLock($name, (string) $id) === true;
}
$elapsed = microtime(true) - $t;
echo "acquired: $acquired, released: $released\n";
$stats = watchdog_stats();
echo "renewed meanwhile: ", var_export($stats['renewals'] >= 10, true), ", watched: {$stats['watched']}, lost: {$stats['lost']}\n";
var_dump($left());
usleep(50000);    // 5 leases: no renewal in flight revives anything
var_dump($left());
echo "under 60 s: ", var_export($elapsed < 60, true), "\n";
?>
--EXPECT--
acquired: 1000, released: 1000
renewed meanwhile: true, watched: 0, lost: 0
array(0) {
}
array(0) {
}
under 60 s: true
