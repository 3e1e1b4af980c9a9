--TEST--
Lifecycle: synchronized() on a lock another holder keeps throws RedisLockTimeoutException (a RedisLockException) after $acquire_time (0.2 s; 0 = one attempt) naming the lock, never runs the callback, and leaves the other holder's lock as it was
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('sync-timeout');
$key = lock_key($name);

$other = RedisLock::acquireLock($name, 0, 60);
$ttlBefore = $r->pttl($key);
foreach ([0.2, 0] as $wait) {
    $ran = false;
    $t0 = hrtime(true);
    try {
        RedisLock::synchronized($name, function () use (&$ran) { $ran = true; return 'ran'; }, $wait, 10);
        echo "no exception\n";
    } catch (RedisLockException $e) {
        $elapsed = (hrtime(true) - $t0) / 1e9;
        printf("%s (RedisLockException %s), code %d: %s\n", get_class($e),
            var_export($e instanceof RedisLockException, true), $e->getCode(), str_replace($name, 'NAME', $e->getMessage()));
        printf("  callback ran: %s, waited at least %s s: %s, under 10x: %s\n", var_export($ran, true), $wait,
            var_export($elapsed >= $wait, true), var_export($elapsed < max(2, $wait * 10), true));
    }
}
var_dump($r->get($key) === $other);
$ttl = $r->pttl($key);
var_dump($ttl <= $ttlBefore && $ttl > 50000);
var_dump(RedisLock::isHeld($name, $other), RedisLock::releaseLock($name, $other));
?>
--EXPECT--
RedisLockTimeoutException (RedisLockException true), code 0: RedisLock::synchronized(): lock 'NAME' was not acquired within 0.2 s
  callback ran: false, waited at least 0.2 s: true, under 10x: true
RedisLockTimeoutException (RedisLockException true), code 0: RedisLock::synchronized(): lock 'NAME' was not acquired within 0 s
  callback ran: false, waited at least 0 s: true, under 10x: true
bool(true)
bool(true)
bool(true)
bool(true)
