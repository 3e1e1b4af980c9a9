--TEST--
Lifecycle: synchronized() with an invalid callback throws TypeError "must be a valid callback, ..." with the same reason PHP's own functions give (usort()), before taking any lock: nothing reaches Redis
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
// A server of this test's own: its command counts are this test's.
$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
$r = $srv->client();

class K
{
    private function p() {}
}
$a = [1];
foreach (['nope', [], 42, null, ['K', 'nope'], [new K(), 'p'], 'K::p', new stdClass()] as $cb) {
    try {
        RedisLock::synchronized('cb', $cb, 0, 5);
        echo "accepted\n";
    } catch (TypeError $e) {
        $native = '';
        try {
            usort($a, $cb);
        } catch (TypeError $n) {
            $native = str_replace('usort(): Argument #2', 'RedisLock::synchronized(): Argument #2', $n->getMessage());
        }
        echo get_class($e), ': ', $e->getMessage(), ' [as PHP: ', var_export($e->getMessage() === $native, true), "]\n";
    }
}
var_dump($r->keys('*'));
$stats = $r->info('commandstats');
var_dump(isset($stats['cmdstat_set']), isset($stats['cmdstat_evalsha']), isset($stats['cmdstat_eval']));
?>
--EXPECT--
TypeError: RedisLock::synchronized(): Argument #2 ($callback) must be a valid callback, function "nope" not found or invalid function name [as PHP: true]
TypeError: RedisLock::synchronized(): Argument #2 ($callback) must be a valid callback, array callback must have exactly two members [as PHP: true]
TypeError: RedisLock::synchronized(): Argument #2 ($callback) must be a valid callback, no array or string given [as PHP: true]
TypeError: RedisLock::synchronized(): Argument #2 ($callback) must be a valid callback, no array or string given [as PHP: true]
TypeError: RedisLock::synchronized(): Argument #2 ($callback) must be a valid callback, class K does not have a method "nope" [as PHP: true]
TypeError: RedisLock::synchronized(): Argument #2 ($callback) must be a valid callback, cannot access private method K::p() [as PHP: true]
TypeError: RedisLock::synchronized(): Argument #2 ($callback) must be a valid callback, non-static method K::p() cannot be called statically [as PHP: true]
TypeError: RedisLock::synchronized(): Argument #2 ($callback) must be a valid callback, no array or string given [as PHP: true]
array(0) {
}
bool(false)
bool(false)
bool(false)
