--TEST--
Shared locks: bad arguments are PHP's usual errors before anything is sent (ValueError for an empty name or a time out of range, TypeError for a wrong type, ArgumentCountError), and an identifier no lock can have is false
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$calls = [
    fn() => RedisLock::acquireShared(''),
    fn() => RedisLock::acquireShared("a\0b"),
    fn() => RedisLock::acquireShared('n', -1),
    fn() => RedisLock::acquireShared('n', 0, 0),
    fn() => RedisLock::acquireShared('n', 'soon'),
    fn() => RedisLock::releaseShared('n'),
    fn() => RedisLock::extendShared('n', 'x', 3000000),
    fn() => RedisLock::upgradeShared('n', 'x', 100000),
    fn() => RedisLock::upgradeShared('n', 'x', 0, NAN),
    fn() => RedisLock::downgradeLock('', 'x'),
    fn() => RedisLock::isHeldShared('n', []),
];
foreach ($calls as $call) {
    try {
        var_dump($call());
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}
var_dump(RedisLock::releaseShared('n', ''), RedisLock::isHeldShared('n', "\xff"), RedisLock::upgradeShared('n', ''),
    RedisLock::downgradeLock('n', "\xfe"), RedisLock::extendShared('n', ''));
// Named arguments and an int name.
$id = RedisLock::acquireShared(lock_timeout: 5, lock_name: 42);
var_dump(RedisLock::releaseShared(identifier: $id, lock_name: '42'));
?>
--EXPECT--
ValueError: RedisLock::acquireShared(): Argument #1 ($lock_name) must not be empty
ValueError: RedisLock::acquireShared(): Argument #1 ($lock_name) must not contain any null bytes
ValueError: RedisLock::acquireShared(): Argument #2 ($acquire_time) must be between 0 and 86400 (seconds)
ValueError: RedisLock::acquireShared(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
TypeError: RedisLock::acquireShared(): Argument #2 ($acquire_time) must be of type int|float, string given
ArgumentCountError: RedisLock::releaseShared() expects exactly 2 arguments, 1 given
ValueError: RedisLock::extendShared(): Argument #3 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
ValueError: RedisLock::upgradeShared(): Argument #3 ($acquire_time) must be between 0 and 86400 (seconds)
ValueError: RedisLock::upgradeShared(): Argument #4 ($lock_timeout) must be between 0.001 and 2592000 (seconds)
ValueError: RedisLock::downgradeLock(): Argument #1 ($lock_name) must not be empty
TypeError: RedisLock::isHeldShared(): Argument #2 ($identifier) must be of type string, array given
bool(false)
bool(false)
bool(false)
bool(false)
bool(false)
bool(true)
