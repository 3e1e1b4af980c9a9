--TEST--
Watchdog: synchronized() with a callback running 1.6 s (over 3 leases of 500 ms; lock_timeout 30) keeps the lock throughout (no RedisLockLostException), returns the callback's value and releases; the renewal stops with it
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
ini_set('redislock.servers', test_url());
ini_set('redislock.watchdog', '1');
ini_set('redislock.watchdog_lease', '500');
$r = inspector();
$name = unique_name('wd-sync');
$key = lock_key($name);

$result = RedisLock::synchronized($name, function () use ($r, $key) {
    $id = $r->get($key);
    $bad = 0;
    $t = microtime(true);
    while (microtime(true) - $t < 1.6) {
        $ttl = $r->pttl($key);
        if ($r->get($key) !== $id || $ttl <= 0 || $ttl > 500) {
            $bad++;
        }
        usleep(20000);
    }
    echo "in the callback: held by one identifier throughout: ", var_export(is_string($id) && $bad === 0, true), "\n";
    echo "watched: ", watchdog_stats()['watched'], "\n";
    return 'done';
}, 0, 30);
var_dump($result);
var_dump($r->exists($key));
$stats = watchdog_stats();
echo "watched: {$stats['watched']}, renewals >= 3: ", var_export($stats['renewals'] >= 3, true), ", lost: {$stats['lost']}\n";
usleep(600000);   // a lease: nothing revived
var_dump($r->exists($key));
?>
--EXPECT--
in the callback: held by one identifier throughout: true
watched: 1
string(4) "done"
int(0)
watched: 0, renewals >= 3: true, lost: 0
int(0)
