--TEST--
Fault: a lock name with a NUL byte is a ValueError "must not contain any null bytes" in every method that takes one (RedisLock::acquireLock, acquire, releaseLock, release; RedLock::lock), and nothing reaches Redis
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
// A server of this test's own: its whole keyspace and command counts are this test's.
$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
$r = $srv->client();
$rl = new RedLock([$srv->url()], 0, 1);
$token = str_repeat('f', 32);

$calls = [
    'acquireLock' => fn($n) => RedisLock::acquireLock($n, 0),
    'acquire' => fn($n) => RedisLock::acquire($n, 0),
    'releaseLock' => fn($n) => RedisLock::releaseLock($n, $token),
    'release' => fn($n) => RedisLock::release($n, $token),
    'RedLock::lock' => fn($n) => $rl->lock($n, 5000),
];
foreach (["a\0b", "\0", "name\0"] as $name) {
    foreach ($calls as $what => $call) {
        try {
            $out = var_export($call($name), true);
        } catch (Throwable $e) {
            $out = get_class($e) . ': ' . $e->getMessage();
        }
        echo $what, ': ', $out, "\n";
    }
}
echo "-- nothing reached Redis\n";
var_dump($r->dbSize());
$stats = $r->info('commandstats');
var_dump(isset($stats['cmdstat_set']), isset($stats['cmdstat_evalsha']), isset($stats['cmdstat_eval']));
?>
--EXPECT--
acquireLock: ValueError: RedisLock::acquireLock(): Argument #1 ($lock_name) must not contain any null bytes
acquire: ValueError: RedisLock::acquire(): Argument #1 ($lock_name) must not contain any null bytes
releaseLock: ValueError: RedisLock::releaseLock(): Argument #1 ($lock_name) must not contain any null bytes
release: ValueError: RedisLock::release(): Argument #1 ($lock_name) must not contain any null bytes
RedLock::lock: ValueError: RedLock::lock(): Argument #1 ($resource) must not contain any null bytes
acquireLock: ValueError: RedisLock::acquireLock(): Argument #1 ($lock_name) must not contain any null bytes
acquire: ValueError: RedisLock::acquire(): Argument #1 ($lock_name) must not contain any null bytes
releaseLock: ValueError: RedisLock::releaseLock(): Argument #1 ($lock_name) must not contain any null bytes
release: ValueError: RedisLock::release(): Argument #1 ($lock_name) must not contain any null bytes
RedLock::lock: ValueError: RedLock::lock(): Argument #1 ($resource) must not contain any null bytes
acquireLock: ValueError: RedisLock::acquireLock(): Argument #1 ($lock_name) must not contain any null bytes
acquire: ValueError: RedisLock::acquire(): Argument #1 ($lock_name) must not contain any null bytes
releaseLock: ValueError: RedisLock::releaseLock(): Argument #1 ($lock_name) must not contain any null bytes
release: ValueError: RedisLock::release(): Argument #1 ($lock_name) must not contain any null bytes
RedLock::lock: ValueError: RedLock::lock(): Argument #1 ($resource) must not contain any null bytes
-- nothing reached Redis
int(0)
bool(false)
bool(false)
bool(false)
