--TEST--
Fault: an ACL user with its password (redis://user:pass@host) works; the same user with a wrong password raises RedisLockException
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector('auth', 's3cret');
$port = test_port('auth');

ini_set('redislock.servers', test_url('auth', 'locker:wonderland'));
$name = unique_name('acl');
$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && $r->get(lock_key($name)) === $id);
// The lock was taken as user locker, not as the default user.
$clients = $r->rawCommand('CLIENT', 'LIST');
var_dump(preg_match('/ user=locker /', $clients) === 1);
var_dump(RedisLock::releaseLock($name, $id));
var_dump($r->exists(lock_key($name)));

ini_set('redislock.servers', test_url('auth', 'locker:bad'));
$name = unique_name('acl-bad');
try {
    var_dump(RedisLock::acquireLock($name, 0));
} catch (RedisLockException $e) {
    echo str_replace((string) $port, 'PORT', $e->getMessage()), "\n";
}
var_dump($r->exists(lock_key($name)));
?>
--EXPECTF--
bool(true)
bool(true)
bool(true)
int(0)
Redis server 127.0.0.1:PORT: authentication or database selection failed: %SWRONGPASS%s
int(0)
