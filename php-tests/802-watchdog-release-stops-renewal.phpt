--TEST--
Watchdog: after releaseLock the renewal stops: the key is gone and stays gone for 3 leases, no renewal command reaches Redis, and phpinfo's watchdog row shows the lock no longer watched and no renewals since
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
ini_set('redislock.servers', test_url());
ini_set('redislock.watchdog', '1');
ini_set('redislock.watchdog_lease', '300');
$r = inspector();
$name = unique_name('wd-release');
$key = lock_key($name);

echo "before: ", watchdog_row(), "\n";
$id = RedisLock::acquireLock($name, 0, 30);
usleep(750000);   // 2.5 leases: renewed twice
var_dump($r->get($key) === $id);
$before = watchdog_stats();
echo "watched: {$before['watched']}, renewed: ", var_export($before['renewals'] >= 1, true), ", lost: {$before['lost']}\n";

var_dump(RedisLock::releaseLock($name, $id));
var_dump($r->exists($key));
// A renewal already on the wire at the release may land just after it; none may start later.
usleep(50000);
$after = watchdog_stats();
$mon = new Monitor(test_port());
$present = 0;
$t = microtime(true);
while (microtime(true) - $t < 0.9) {   // 3 leases
    $present += $r->exists($key);
    usleep(10000);
}
echo "samples with the key: $present\n";
// Every command naming the key but the test's own EXISTS (a renewal is an EVALSHA, and its
// script's "pexpire" shows too).
$seen = array_filter($mon->commands(), fn($l) => str_contains($l, $key) && !str_starts_with($l, '"EXISTS"'));
echo "commands naming the key but EXISTS: ", count($seen), "\n";
foreach ($seen as $l) {
    echo "  $l\n";
}
$end = watchdog_stats();
echo "watched: {$end['watched']}, renewals unchanged: ", var_export($end['renewals'] === $after['renewals'], true),
    ", lost: {$end['lost']}\n";
echo "row: ", preg_replace('/\d+ renewal/', 'N renewal', watchdog_row()), "\n";
var_dump(RedisLock::isHeld($name, $id));
var_dump(RedisLock::releaseLock($name, $id));
?>
--EXPECT--
before: not started (starts at the first lock it renews)
bool(true)
watched: 1, renewed: true, lost: 0
bool(true)
int(0)
samples with the key: 0
commands naming the key but EXISTS: 0
watched: 0, renewals unchanged: true, lost: 0
row: running: 0 lock(s) renewed; N renewal(s), 0 lock(s) found lost
bool(false)
bool(false)
