--TEST--
Fault: a rediss:// (TLS) URL raises RedisLockException "TLS (rediss://) is not supported yet", without its password
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$port = test_port('main');
$r = inspector();
$name = unique_name('tls');
foreach (['', 'u:TlsPw-51e'] as $userinfo) {
    ini_set('redislock.servers', 'rediss://' . ($userinfo !== '' ? "$userinfo@" : '') . "127.0.0.1:$port");
    try {
        var_dump(RedisLock::acquireLock($name, 0));
    } catch (RedisLockException $e) {
        echo str_replace((string) $port, 'PORT', $e->getMessage()), "\n";
        var_dump(str_contains((string) $e, 'TlsPw'));
    }
}
try {
    var_dump(RedisLock::releaseLock($name, str_repeat('a', 32)));
} catch (RedisLockException $e) {
    echo str_replace((string) $port, 'PORT', $e->getMessage()), "\n";
}
var_dump($r->exists(lock_key($name)));
?>
--EXPECT--
invalid redislock.servers 'rediss://127.0.0.1:PORT': TLS (rediss://) is not supported yet; use redis:// or unix://
bool(false)
invalid redislock.servers 'rediss://u:***@127.0.0.1:PORT': TLS (rediss://) is not supported yet; use redis:// or unix://
bool(false)
invalid redislock.servers 'rediss://u:***@127.0.0.1:PORT': TLS (rediss://) is not supported yet; use redis:// or unix://
int(0)
