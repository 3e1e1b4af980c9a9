--TEST--
Fault: malformed server URLs are refused by ini_set() (false, old value kept, a warning naming redislock.servers); given at startup they raise RedisLockException naming redislock.servers at the first lock call; never a password
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
    refused_ini_set('redislock.servers', $url);
}
$code = 'try { RedisLock::acquireLock("x", 0); echo "no exception\n"; }'
    . ' catch (RedisLockException $e) { echo $e->getMessage(), "\n", (string) $e, "\n"; }';
foreach ($urls as $url) {
    $out = child_php(['redislock.servers' => $url], $code);
    echo strtok($out, "\n"), "\n";
    var_dump(str_contains($out, 'redislock.servers'), str_contains($out, 'Malf0rmedPw'));
}
// The setting as it was still works.
$name = unique_name('malformed');
$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && inspector()->get(lock_key($name)) === $id);
var_dump(RedisLock::releaseLock($name, $id));
?>
--EXPECT--
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers 'http://x': expected redis://[user:pass@]host:port[/db], rediss:// (TLS), unix:///path, redis+sentinel://host:port,.../SERVICE or redis+cluster://host:port,...
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers 'redis://': missing host
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers 'redis://host:99999': port '99999' is not a number from 1 to 65535
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers 'redis://host:abc': port 'abc' is not a number from 1 to 65535
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers 'redis://user:***@host:abc': port 'abc' is not a number from 1 to 65535
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers 'redis://:***@:6379': missing host
ini_set: false, kept: true, warning: ini_set(): invalid redislock.servers 'http://user:***@x': expected redis://[user:pass@]host:port[/db], rediss:// (TLS), unix:///path, redis+sentinel://host:port,.../SERVICE or redis+cluster://host:port,...
invalid redislock.servers 'http://x': expected redis://[user:pass@]host:port[/db], rediss:// (TLS), unix:///path, redis+sentinel://host:port,.../SERVICE or redis+cluster://host:port,...
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
invalid redislock.servers 'http://user:***@x': expected redis://[user:pass@]host:port[/db], rediss:// (TLS), unix:///path, redis+sentinel://host:port,.../SERVICE or redis+cluster://host:port,...
bool(true)
bool(false)
bool(true)
bool(true)
