--TEST--
Lifecycle: when the lock (lock_timeout 0.1 s) expires while the callback sleeps 0.3 s, synchronized() throws RedisLockLostException (a RedisLockException) whose getResult() is the callback's return value (the same object), after running the callback once
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('sync-lost');
$key = lock_key($name);

$result = new ArrayObject(['done' => 42]);
foreach (['object' => $result, 'int' => 7, 'null' => null, 'false' => false] as $what => $value) {
    $calls = 0;
    try {
        $ret = RedisLock::synchronized($name, function () use (&$calls, $value) {
            $calls++;
            usleep(300000);
            return $value;
        }, 0, 0.1);
        echo "$what: returned ", json_encode($ret), " without an exception\n";
    } catch (RedisLockLostException $e) {
        printf("%s: %s (RedisLockException %s), calls %d, getResult() %s, same value %s\n  %s\n", $what, get_class($e),
            var_export($e instanceof RedisLockException, true), $calls, json_encode($e->getResult()),
            var_export($e->getResult() === $value, true), str_replace($name, 'NAME', $e->getMessage()));
    }
    var_dump($r->exists($key));
}
// A RedisLockLostException made by hand has no result.
var_dump((new RedisLockLostException('x'))->getResult());
?>
--EXPECT--
object: RedisLockLostException (RedisLockException true), calls 1, getResult() {"done":42}, same value true
  RedisLock::synchronized(): lock 'NAME' expired or was taken by another holder before the callback returned: the section may not have been exclusive
int(0)
int: RedisLockLostException (RedisLockException true), calls 1, getResult() 7, same value true
  RedisLock::synchronized(): lock 'NAME' expired or was taken by another holder before the callback returned: the section may not have been exclusive
int(0)
null: RedisLockLostException (RedisLockException true), calls 1, getResult() null, same value true
  RedisLock::synchronized(): lock 'NAME' expired or was taken by another holder before the callback returned: the section may not have been exclusive
int(0)
false: RedisLockLostException (RedisLockException true), calls 1, getResult() false, same value true
  RedisLock::synchronized(): lock 'NAME' expired or was taken by another holder before the callback returned: the section may not have been exclusive
int(0)
NULL
