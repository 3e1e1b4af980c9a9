--TEST--
Fault: identifiers and tokens no lock can have (a NUL byte, invalid UTF-8, empty) release nothing: releaseLock()/release() return false, RedLock::unlock()/extend() return false too, and the held locks stay
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
$r = $srv->client();
$name = unique_name('bad-id');
$id = RedisLock::acquireLock($name, 0);
$rl = new RedLock([$srv->url()], 0, 1);
$resource = unique_name('bad-token');
$lock = $rl->lock($resource, 60000);
var_dump(is_string($id), is_array($lock));

$bad = ['NUL inside' => substr($id, 0, 16) . "\0" . substr($id, 17), 'NUL after' => $id . "\0",
    'invalid UTF-8' => "\xff\xfe" . substr($id, 2), 'empty' => ''];
foreach ($bad as $what => $identifier) {
    foreach ([
        'releaseLock' => fn() => RedisLock::releaseLock($name, $identifier),
        'release' => fn() => RedisLock::release($name, $identifier),
        'unlock' => fn() => $rl->unlock(['resource' => $resource, 'token' => $identifier]),
        'extend' => fn() => $rl->extend(['resource' => $resource, 'token' => $identifier], 1000),
    ] as $method => $call) {
        try {
            $out = var_export($call(), true);
        } catch (Throwable $e) {
            $out = get_class($e) . ': ' . $e->getMessage();
        }
        echo "$what, $method: ", $out, "\n";
    }
}
echo "-- both locks are still held, with their ttl\n";
var_dump($r->get(lock_key($name)) === $id, $r->get($resource) === $lock['token']);
var_dump($r->pttl($resource) > 50000);
var_dump(RedisLock::releaseLock($name, $id), $rl->unlock($lock));
var_dump($r->dbSize());
?>
--EXPECT--
bool(true)
bool(true)
NUL inside, releaseLock: false
NUL inside, release: false
NUL inside, unlock: false
NUL inside, extend: false
NUL after, releaseLock: false
NUL after, release: false
NUL after, unlock: false
NUL after, extend: false
invalid UTF-8, releaseLock: false
invalid UTF-8, release: false
invalid UTF-8, unlock: false
invalid UTF-8, extend: false
empty, releaseLock: false
empty, release: false
empty, unlock: false
empty, extend: false
-- both locks are still held, with their ttl
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
int(0)
