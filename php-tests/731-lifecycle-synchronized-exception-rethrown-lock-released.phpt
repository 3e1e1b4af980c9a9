--TEST--
Lifecycle: an exception thrown by the synchronized() callback (Exception, Error, even a RedisLockException) comes out unchanged (the same object: class, message, code, previous, line) and the lock is released
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('sync-throw');
$key = lock_key($name);

class OrderFailed extends DomainException {}
$previous = new LogicException('cause');
$thrown = [
    new OrderFailed('payment declined', 402, $previous),
    new TypeError('a type error'),
    new RedisLockException('the callback\'s own', 9),
];
foreach ($thrown as $t) {
    $heldInside = null;
    try {
        RedisLock::synchronized($name, function () use ($t, $r, $key, &$heldInside) {
            $heldInside = $r->exists($key);
            throw $t;
        }, 0, 30);
        echo "no exception\n";
    } catch (Throwable $e) {
        printf("%s: same object %s, message '%s', code %d, previous %s, line %s, held inside %d, key after %d\n",
            get_class($e), var_export($e === $t, true), $e->getMessage(), $e->getCode(),
            $e->getPrevious() ? get_class($e->getPrevious()) : 'none', var_export($e->getLine() === $t->getLine(), true),
            $heldInside, $r->exists($key));
    }
}
// The lock is free again: an immediate acquire gets it.
$id = RedisLock::acquireLock($name, 0, 5);
var_dump(is_string($id), RedisLock::releaseLock($name, $id));
?>
--EXPECT--
OrderFailed: same object true, message 'payment declined', code 402, previous LogicException, line true, held inside 1, key after 0
TypeError: same object true, message 'a type error', code 0, previous none, line true, held inside 1, key after 0
RedisLockException: same object true, message 'the callback's own', code 9, previous none, line true, held inside 1, key after 0
bool(true)
bool(true)
