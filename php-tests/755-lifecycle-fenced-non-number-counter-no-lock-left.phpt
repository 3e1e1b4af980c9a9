--TEST--
Lifecycle: when the fence counter key holds a non-number, an integer at its maximum, or a list, acquireFenced() throws RedisLockException with Redis's error and leaves no lock key behind (the counter as it was); once the counter is repaired it works
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('fenced-bad');
$key = lock_key($name);
$counter = '{' . $key . '}:fence';

foreach (['a string' => fn() => $r->set($counter, 'abc'),
          'PHP_INT_MAX' => fn() => $r->set($counter, (string) PHP_INT_MAX),
          'a list' => fn() => $r->rPush($counter, 'x')] as $what => $put) {
    $r->del($counter);
    $put();
    foreach ([0, 1] as $wait) {
        try {
            var_dump(RedisLock::acquireFenced($name, $wait, 30));
        } catch (RedisLockException $e) {
            $m = $e->getMessage();
            echo "$what, acquire_time $wait: ", get_class($e), ", names the server: ",
                var_export(str_contains($m, 'Redis server 127.0.0.1:' . test_port()), true), ", Redis's error: ",
                preg_match('/not an integer|overflow|WRONGTYPE/', $m, $mm) ? $mm[0] : $m, "\n";
        }
        echo "  lock key left: ", $r->exists($key), ", counter kept: ",
            var_export($what === 'a list' ? $r->lRange($counter, 0, -1) === ['x'] : $r->get($counter) !== '1', true), "\n";
    }
}
$r->del($counter);
$f = RedisLock::acquireFenced($name, 0, 30);
var_dump($f['fence'], $r->get($key) === $f['identifier']);
var_dump(RedisLock::releaseLock($name, $f['identifier']));
$r->del($counter);
?>
--EXPECT--
a string, acquire_time 0: RedisLockException, names the server: true, Redis's error: not an integer
  lock key left: 0, counter kept: true
a string, acquire_time 1: RedisLockException, names the server: true, Redis's error: not an integer
  lock key left: 0, counter kept: true
PHP_INT_MAX, acquire_time 0: RedisLockException, names the server: true, Redis's error: overflow
  lock key left: 0, counter kept: true
PHP_INT_MAX, acquire_time 1: RedisLockException, names the server: true, Redis's error: overflow
  lock key left: 0, counter kept: true
a list, acquire_time 0: RedisLockException, names the server: true, Redis's error: WRONGTYPE
  lock key left: 0, counter kept: true
a list, acquire_time 1: RedisLockException, names the server: true, Redis's error: WRONGTYPE
  lock key left: 0, counter kept: true
int(1)
bool(true)
bool(true)
