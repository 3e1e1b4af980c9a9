--TEST--
Watchdog: a 2 s job holding a lock_timeout=30 lock with a 1 s lease keeps it throughout (the key lives at most a lease, yet exists the whole time; another process cannot take it), and the release deletes it
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
ini_set('redislock.servers', test_url());
ini_set('redislock.watchdog', '1');
ini_set('redislock.watchdog_lease', '1000');
$r = inspector();
$name = unique_name('wd-job');
$key = lock_key($name);

// Another process tries to take the lock (no waiting) every 100 ms while the job runs.
$other = new ChildPhp(['redislock.servers' => test_url()], <<<'PHP'
<?php
echo "ready\n";
fgets(STDIN);
$tries = $got = 0;
$t = microtime(true);
while (microtime(true) - $t < 1.8) {
    $tries++;
    if (RedisLock::acquireLock($argv[1], 0, 5) !== false) {
        $got++;
    }
    usleep(100000);
}
echo "tries>=10: ", var_export($tries >= 10, true), " got: $got\n";
PHP, [$name]);
echo $other->line(), "\n";

$id = RedisLock::acquireLock($name, 0, 30);
$pttl = $r->pttl($key);
echo "key TTL is the lease: ", var_export($pttl > 900 && $pttl <= 1000, true), "\n";
$other->send('go');

// The job: 2 s (two leases) of work; the test looks at the key every 20 ms meanwhile.
$samples = $bad = 0;
$minTtl = PHP_INT_MAX;
$t = microtime(true);
while (microtime(true) - $t < 2.0) {
    $value = $r->get($key);
    $ttl = $r->pttl($key);
    $samples++;
    if ($value !== $id || $ttl <= 0 || $ttl > 1000) {
        $bad++;
        echo "bad sample at ", round(microtime(true) - $t, 3), " s: value ", var_export($value, true), " pttl $ttl\n";
    }
    $minTtl = min($minTtl, $ttl);
    usleep(20000);
}
echo "samples >= 40: ", var_export($samples >= 40, true), ", bad: $bad\n";
// Renewed every third of a lease: the key never got near its end.
echo "lowest PTTL above a third of the lease: ", var_export($minTtl > 333, true), "\n";
echo $other->line(), "\n";
$stats = watchdog_stats();
echo "watched: {$stats['watched']}, renewals >= 3: ", var_export($stats['renewals'] >= 3, true), ", lost: {$stats['lost']}\n";
var_dump(RedisLock::isHeld($name, $id));

var_dump(RedisLock::releaseLock($name, $id));
var_dump($r->exists($key));
echo "watched after release: ", watchdog_stats()['watched'], "\n";
// Free for another process now.
echo child_php(['redislock.servers' => test_url()],
    '$id = RedisLock::acquireLock(' . var_export($name, true) . ', 0, 5); echo "other acquires: ", var_export(is_string($id), true), "\n"; RedisLock::releaseLock(' . var_export($name, true) . ', $id);');
var_dump($r->exists($key));
?>
--EXPECT--
ready
key TTL is the lease: true
samples >= 40: true, bad: 0
lowest PTTL above a third of the lease: true
tries>=10: true got: 0
watched: 1, renewals >= 3: true, lost: 0
bool(true)
bool(true)
int(0)
watched after release: 0
other acquires: true
int(0)
