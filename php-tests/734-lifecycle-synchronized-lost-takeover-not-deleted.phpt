--TEST--
Lifecycle: when synchronized()'s lock expires during the callback and another holder takes it, synchronized() throws RedisLockLostException and leaves the new holder's lock alone (same value, TTL not touched)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('sync-takeover');
$key = lock_key($name);

$other = null;
try {
    RedisLock::synchronized($name, function () use ($name, &$other) {
        // Another holder waits out the 0.1 s TTL and takes the lock for 30 s.
        $other = RedisLock::acquireLock($name, 2, 30);
        return 'section done';
    }, 0, 0.1);
    echo "no exception\n";
} catch (RedisLockLostException $e) {
    echo get_class($e), ": ", json_encode($e->getResult()), "\n";
}
var_dump(is_string($other));
var_dump($r->get($key) === $other);
$ttl = $r->pttl($key);
var_dump($ttl > 25000 && $ttl <= 30000);
var_dump(RedisLock::releaseLock($name, $other));
?>
--EXPECT--
RedisLockLostException: "section done"
bool(true)
bool(true)
bool(true)
bool(true)
