--TEST--
Lifecycle: synchronized() is not reentrant: a nested section on the same name (acquire_time 0) throws RedisLockTimeoutException, the outer section keeps its lock while the callback goes on, and releases it at its end
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('sync-reentrant');
$key = lock_key($name);

$res = RedisLock::synchronized($name, function () use ($name, $r, $key) {
    $held = $r->get($key);
    try {
        RedisLock::synchronized($name, fn() => 'inner ran', 0, 10);
        $inner = 'inner ran';
    } catch (RedisLockTimeoutException $e) {
        $inner = get_class($e);
    }
    return [$inner, $r->get($key) === $held && strlen((string) $held) === 32];
}, 0, 10);
var_dump($res);
var_dump($r->exists($key));
?>
--EXPECT--
array(2) {
  [0]=>
  string(25) "RedisLockTimeoutException"
  [1]=>
  bool(true)
}
int(0)
