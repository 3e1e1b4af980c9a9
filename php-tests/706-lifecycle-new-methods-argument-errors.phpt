--TEST--
Lifecycle: isHeld, extendLock/extend, synchronized and acquireFenced refuse an empty, NUL-holding or 1025-byte name with ValueError and a wrong argument count with ArgumentCountError, before reaching Redis; named arguments work
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
// A server of this test's own: its keyspace and command counts are this test's.
$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
$r = $srv->client();

function attempt(callable $f): void
{
    try {
        $res = $f();
        echo 'returned ', is_string($res) ? 'identifier' : json_encode($res), "\n";
    } catch (Throwable $e) {
        echo get_class($e), ': ', $e->getMessage(), "\n";
    }
}

$id = 'ffffffffffffffffffffffffffffffff';
$long = str_repeat('n', 1025);
foreach (['', "a\0b", $long] as $bad) {
    attempt(fn() => RedisLock::isHeld($bad, $id));
    attempt(fn() => RedisLock::extendLock($bad, $id));
    attempt(fn() => RedisLock::extend($bad, $id, 5));
    attempt(fn() => RedisLock::synchronized($bad, fn() => 'ran'));
    attempt(fn() => RedisLock::acquireFenced($bad));
}
attempt(fn() => RedisLock::isHeld('a'));
attempt(fn() => RedisLock::isHeld('a', $id, 1));
attempt(fn() => RedisLock::extendLock('a'));
attempt(fn() => RedisLock::synchronized('a'));
attempt(fn() => RedisLock::synchronized('a', fn() => 1, 0, 5, 9));
attempt(fn() => RedisLock::acquireFenced());
attempt(fn() => (new RedLock([$GLOBALS['srv']->url()]))->isHeld());
attempt(fn() => (new RedLock([$GLOBALS['srv']->url()]))->isHeld(['resource' => 'a']));

echo "-- nothing reached Redis\n";
var_dump($r->keys('*'));
$stats = $r->info('commandstats');
var_dump(isset($stats['cmdstat_get']), isset($stats['cmdstat_set']), isset($stats['cmdstat_evalsha']), isset($stats['cmdstat_eval']));

echo "-- named arguments\n";
var_dump(RedisLock::synchronized(callback: fn() => RedisLock::isHeld(identifier: (string) $r->get('AGENT_ORDER_LOCK:nm'),
    lock_name: 'nm'), lock_name: 'nm', lock_timeout: 2));
$f = RedisLock::acquireFenced(lock_timeout: 3.5, lock_name: 'nf');
$ttl = $r->pttl('AGENT_ORDER_LOCK:nf');
var_dump($f['fence'], $ttl > 3400 && $ttl <= 3500);
var_dump(RedisLock::extendLock(lock_timeout: 9, identifier: $f['identifier'], lock_name: 'nf'));
$ttl = $r->pttl('AGENT_ORDER_LOCK:nf');
var_dump($ttl > 8900 && $ttl <= 9000);
var_dump(RedisLock::releaseLock('nf', $f['identifier']));
?>
--EXPECT--
ValueError: RedisLock::isHeld(): Argument #1 ($lock_name) must not be empty
ValueError: RedisLock::extendLock(): Argument #1 ($lock_name) must not be empty
ValueError: RedisLock::extend(): Argument #1 ($lock_name) must not be empty
ValueError: RedisLock::synchronized(): Argument #1 ($lock_name) must not be empty
ValueError: RedisLock::acquireFenced(): Argument #1 ($lock_name) must not be empty
ValueError: RedisLock::isHeld(): Argument #1 ($lock_name) must not contain any null bytes
ValueError: RedisLock::extendLock(): Argument #1 ($lock_name) must not contain any null bytes
ValueError: RedisLock::extend(): Argument #1 ($lock_name) must not contain any null bytes
ValueError: RedisLock::synchronized(): Argument #1 ($lock_name) must not contain any null bytes
ValueError: RedisLock::acquireFenced(): Argument #1 ($lock_name) must not contain any null bytes
ValueError: RedisLock::isHeld(): Argument #1 ($lock_name) must be at most 1024 bytes long
ValueError: RedisLock::extendLock(): Argument #1 ($lock_name) must be at most 1024 bytes long
ValueError: RedisLock::extend(): Argument #1 ($lock_name) must be at most 1024 bytes long
ValueError: RedisLock::synchronized(): Argument #1 ($lock_name) must be at most 1024 bytes long
ValueError: RedisLock::acquireFenced(): Argument #1 ($lock_name) must be at most 1024 bytes long
ArgumentCountError: RedisLock::isHeld() expects exactly 2 arguments, 1 given
ArgumentCountError: RedisLock::isHeld() expects exactly 2 arguments, 3 given
ArgumentCountError: RedisLock::extendLock() expects at least 2 arguments, 1 given
ArgumentCountError: RedisLock::synchronized() expects at least 2 arguments, 1 given
ArgumentCountError: RedisLock::synchronized() expects at most 4 arguments, 5 given
ArgumentCountError: RedisLock::acquireFenced() expects at least 1 argument, 0 given
ArgumentCountError: RedLock::isHeld() expects exactly 1 argument, 0 given
ValueError: RedLock::isHeld(): Argument #1 ($lock) must be an array returned by lock(), with 'resource' and 'token' strings
-- nothing reached Redis
array(0) {
}
bool(false)
bool(false)
bool(false)
bool(false)
-- named arguments
bool(true)
int(1)
bool(true)
bool(true)
bool(true)
bool(true)
