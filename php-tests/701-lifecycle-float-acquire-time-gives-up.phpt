--TEST--
Lifecycle: a float $acquire_time of 0.3 s waits for a held lock at least 300 ms and then gives up with false (well before 3 s), leaving the holder's lock as it was; 0.3 s is enough to get a lock whose holder's 0.15 s TTL ends meanwhile
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('float-wait');
$key = lock_key($name);

$holder = RedisLock::acquireLock($name, 0, 60);
var_dump(is_string($holder));

foreach ([0.3, 0.05] as $wait) {
    $t0 = hrtime(true);
    $got = RedisLock::acquireLock($name, $wait, 5);
    $elapsed = (hrtime(true) - $t0) / 1e9;
    // At least the time asked for (a float, not truncated to 0 s = one attempt); the upper bound
    // only catches a hang or a wait rounded up to whole seconds.
    printf("acquire_time %.2f: %s, waited at least %.2f s: %s, less than 10x: %s\n", $wait, var_export($got, true),
        $wait, var_export($elapsed >= $wait, true), var_export($elapsed < $wait * 10, true));
}
var_dump($r->get($key) === $holder);
$ttl = $r->pttl($key);
var_dump($ttl > 55000 && $ttl <= 60000);
var_dump(RedisLock::releaseLock($name, $holder));

// A holder whose lock lives 0.15 s: a waiter with 0.3 s gets it once it expires.
$short = RedisLock::acquireLock($name, 0, 0.15);
$t0 = hrtime(true);
$got = RedisLock::acquireLock($name, 0.3, 5);
$elapsed = (hrtime(true) - $t0) / 1e9;
var_dump(is_string($short), is_string($got), $got !== $short, $r->get($key) === $got);
echo "got it after the holder's TTL ended: ", var_export($elapsed > 0.1, true), "\n";
var_dump(RedisLock::releaseLock($name, $got));
?>
--EXPECT--
bool(true)
acquire_time 0.30: false, waited at least 0.30 s: true, less than 10x: true
acquire_time 0.05: false, waited at least 0.05 s: true, less than 10x: true
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
got it after the holder's TTL ended: true
bool(true)
