--TEST--
Lifecycle: synchronized() sections on different names nest: inside the inner one both locks are held, the inner returns to the outer, each is released when its own section ends, and an exception from the inner section releases both
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$outer = unique_name('sync-outer');
$inner = unique_name('sync-inner');
$ko = lock_key($outer);
$ki = lock_key($inner);

$res = RedisLock::synchronized($outer, function () use ($r, $inner, $ko, $ki) {
    $before = $r->exists($ko, $ki);
    $got = RedisLock::synchronized($inner, function () use ($r, $ko, $ki) {
        return 'inner sees ' . $r->exists($ko, $ki) . ' held';
    }, 0, 10);
    return "outer saw $before before, $got, outer sees " . $r->exists($ko, $ki) . ' after the inner';
}, 0, 10);
echo $res, "\n";
var_dump($r->exists($ko, $ki));

try {
    RedisLock::synchronized($outer, function () use ($inner) {
        RedisLock::synchronized($inner, function () {
            throw new RuntimeException('inner failed');
        }, 0, 10);
    }, 0, 10);
} catch (RuntimeException $e) {
    echo get_class($e), ': ', $e->getMessage(), "\n";
}
var_dump($r->exists($ko, $ki));
?>
--EXPECT--
outer saw 1 before, inner sees 2 held, outer sees 1 after the inner
int(0)
RuntimeException: inner failed
int(0)
