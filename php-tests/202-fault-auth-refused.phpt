--TEST--
Fault: a wrong password, or none, against a server that requires one raises RedisLockException; the wrong password never appears in the exception
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector('auth', 's3cret');
$port = test_port('auth');
$name = unique_name('auth-refused');

// A distinctive wrong password, so that finding it anywhere can only be a leak.
ini_set('redislock.servers', "redis://:Wr0ngPass-7c1e@127.0.0.1:$port");
try {
    var_dump(RedisLock::acquireLock($name, 0));
} catch (RedisLockException $e) {
    echo str_replace((string) $port, 'PORT', $e->getMessage()), "\n";
    var_dump(str_contains($e->getMessage(), 'Wr0ngPass'));
    var_dump(str_contains($e->getTraceAsString(), 'Wr0ngPass'));
    var_dump(str_contains((string) $e, 'Wr0ngPass'));
    var_dump(str_contains(print_r($e->getTrace(), true), 'Wr0ngPass'));
}
var_dump($r->exists(lock_key($name)));

// No password at all.
ini_set('redislock.servers', test_url('auth'));
try {
    var_dump(RedisLock::acquireLock($name, 0));
} catch (RedisLockException $e) {
    echo str_replace((string) $port, 'PORT', $e->getMessage()), "\n";
}
var_dump($r->exists(lock_key($name)));
?>
--EXPECTF--
Redis server 127.0.0.1:PORT: authentication or database selection failed: %SWRONGPASS%s
bool(false)
bool(false)
bool(false)
bool(false)
int(0)
Redis server 127.0.0.1:PORT: %SNOAUTH%s
int(0)
