--TEST--
Fault: malformed server URLs raise RedisLockException naming redislock.servers, never showing a password
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$urls = [
    'http://x',
    'redis://',
    'redis://host:99999',
    'redis://host:abc',
    'redis://user:Malf0rmedPw@host:abc',
    'redis://:Malf0rmedPw@:6379',
    'http://user:Malf0rmedPw@x',
];
foreach ($urls as $url) {
    ini_set('redislock.servers', $url);
    try {
        var_dump(RedisLock::acquireLock(unique_name('malformed'), 0));
    } catch (RedisLockException $e) {
        echo $e->getMessage(), "\n";
        var_dump(str_contains($e->getMessage(), 'redislock.servers'));
        var_dump(str_contains((string) $e, 'Malf0rmedPw'));
    }
}
// The setting, once fixed, works again.
ini_set('redislock.servers', test_url());
$name = unique_name('malformed');
$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && inspector()->get(lock_key($name)) === $id);
var_dump(RedisLock::releaseLock($name, $id));
?>
--EXPECT--
invalid redislock.servers 'http://x': expected redis://[user:pass@]host:port[/db] or unix:///path
bool(true)
bool(false)
invalid redislock.servers 'redis://': missing host
bool(true)
bool(false)
invalid redislock.servers 'redis://host:99999': port '99999' is not a number from 1 to 65535
bool(true)
bool(false)
invalid redislock.servers 'redis://host:abc': port 'abc' is not a number from 1 to 65535
bool(true)
bool(false)
invalid redislock.servers 'redis://user:***@host:abc': port 'abc' is not a number from 1 to 65535
bool(true)
bool(false)
invalid redislock.servers 'redis://:***@:6379': missing host
bool(true)
bool(false)
invalid redislock.servers 'http://user:***@x': expected redis://[user:pass@]host:port[/db] or unix:///path
bool(true)
bool(false)
bool(true)
bool(true)
