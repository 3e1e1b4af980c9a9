--TEST--
Watchdog: RedLock::lock() over 3 masters with the watchdog (lease 600 ms, ttl 30 s) lives a lease on every master and is renewed on all of them (held 3 leases later); unlock stops the renewal (nothing sent to any master afterwards, keys stay gone)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
ini_set('redislock.servers', test_url());
ini_set('redislock.watchdog', '1');
ini_set('redislock.watchdog_lease', '600');
$ports = array_slice(master_ports(), 0, 3);
$masters = array_map(fn($i) => inspector("m$i"), [1, 2, 3]);
$resource = unique_name('wd-redlock');
$show = function (string $when) use ($masters, $resource, &$lock): void {
    foreach ($masters as $i => $m) {
        $pttl = $m->pttl($resource);
        echo "$when m", $i + 1, ": ", var_export($m->get($resource) === $lock['token'], true),
            ", PTTL within the lease: ", var_export($pttl > 0 && $pttl <= 600, true), "\n";
    }
};

$rl = new RedLock(array_map(fn($p) => ['127.0.0.1', $p], $ports), 10, 1);
$lock = $rl->lock($resource, 30000);
var_dump(is_array($lock));
// Its validity counts from the lease the keys live, not from the 30 s.
echo "validity within the lease: ", var_export($lock['validity'] > 0 && $lock['validity'] <= 600, true), "\n";
$show('at once');
usleep(1800000);   // 3 leases
$show('3 leases later');
var_dump($rl->isHeld($lock));
$stats = watchdog_stats();
echo "watched: {$stats['watched']}, renewals >= 6: ", var_export($stats['renewals'] >= 6, true), ", lost: {$stats['lost']}\n";

var_dump($rl->unlock($lock));
usleep(50000);   // a renewal already on the wire may land just after; none may start later
$mons = array_map(fn($p) => new Monitor($p), $ports);
$present = 0;
$t = microtime(true);
while (microtime(true) - $t < 1.8) {   // 3 leases
    foreach ($masters as $m) {
        $present += $m->exists($resource);
    }
    usleep(20000);
}
echo "samples with a key: $present\n";
foreach ($mons as $i => $mon) {
    $seen = array_filter($mon->commands(), fn($l) => str_contains($l, $resource) && !str_starts_with($l, '"EXISTS"'));
    echo "m", $i + 1, " commands naming the key but EXISTS: ", count($seen), "\n";
}
echo "watched: ", watchdog_stats()['watched'], "\n";
var_dump($rl->isHeld($lock));
?>
--EXPECT--
bool(true)
validity within the lease: true
at once m1: true, PTTL within the lease: true
at once m2: true, PTTL within the lease: true
at once m3: true, PTTL within the lease: true
3 leases later m1: true, PTTL within the lease: true
3 leases later m2: true, PTTL within the lease: true
3 leases later m3: true, PTTL within the lease: true
bool(true)
watched: 1, renewals >= 6: true, lost: 0
bool(true)
samples with a key: 0
m1 commands naming the key but EXISTS: 0
m2 commands naming the key but EXISTS: 0
m3 commands naming the key but EXISTS: 0
watched: 0
bool(false)
