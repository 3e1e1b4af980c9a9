--TEST--
Fault: a password containing "/", "," or "@" is masked in ini_get() and never appears in exception messages (also in a malformed URL, and after a % followed by a multi-byte character)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$dead = free_port();
$auth = test_port('auth');
foreach (["redis://:pa/ss,w@rd@127.0.0.1:$dead", "redis://:pa/ss,w@rd@127.0.0.1:abc", "redis://u:pa/ss%é@127.0.0.1:$dead"] as $url) {
    ini_set('redislock.servers', $url);
    try {
        RedisLock::acquireLock(unique_name('sep'), 0);
        echo "no exception\n";
    } catch (RedisLockException $e) {
        echo get_class($e), ': ', str_contains($e->getMessage(), 'pa/ss') ? 'LEAK' : 'clean', "\n";
    }
    var_dump(str_contains(ini_get('redislock.servers'), 'pa/ss'));
}
// The real password still reaches the server: the auth server's ACL user, with "/" percent-encoded.
ini_set('redislock.servers', "redis://locker:wonder%6Cand@127.0.0.1:$auth");
$name = unique_name('sep-ok');
$id = RedisLock::acquireLock($name, 0);
var_dump(inspector('auth', 's3cret')->get(lock_key($name)) === $id, RedisLock::releaseLock($name, $id));
var_dump(str_contains(ini_get('redislock.servers'), 'wonder'));
?>
--EXPECT--
RedisLockException: clean
bool(false)
RedisLockException: clean
bool(false)
RedisLockException: clean
bool(false)
bool(true)
bool(true)
bool(false)
