--TEST--
Lifecycle: when the callback throws after its lock (0.1 s) expired, synchronized() lets the callback's exception out unchanged (not a RedisLockLostException), and deletes nothing that is not its own
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('sync-lost-throw');
$key = lock_key($name);

$thrown = new UnexpectedValueException('failed late', 5);
try {
    RedisLock::synchronized($name, function () use ($thrown) {
        usleep(300000);
        throw $thrown;
    }, 0, 0.1);
    echo "no exception\n";
} catch (Throwable $e) {
    echo get_class($e), ': ', $e->getMessage(), ', same object: ', var_export($e === $thrown, true), "\n";
}
var_dump($r->exists($key));

// The same with another holder in the key meanwhile: its lock stays.
$other = null;
try {
    RedisLock::synchronized($name, function () use ($name, &$other, $thrown) {
        $other = RedisLock::acquireLock($name, 2, 30);
        throw $thrown;
    }, 0, 0.1);
} catch (Throwable $e) {
    echo get_class($e), ', same object: ', var_export($e === $thrown, true), "\n";
}
var_dump(is_string($other) && $r->get($key) === $other);
var_dump(RedisLock::releaseLock($name, $other));
?>
--EXPECT--
UnexpectedValueException: failed late, same object: true
int(0)
UnexpectedValueException, same object: true
bool(true)
bool(true)
