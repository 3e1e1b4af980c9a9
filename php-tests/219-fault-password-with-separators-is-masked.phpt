--TEST--
Fault: a password containing "/", "," or "@" is masked in ini_get() and never appears in exception messages (also in a malformed URL, and after a % followed by a multi-byte character)
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$dead = free_port();
$auth = test_port('auth');
// Malformed (a port that is no number): refused by ini_set(), and the warning is masked too.
ob_start();
refused_ini_set('redislock.servers', "redis://:pa/ss,w@rd@127.0.0.1:abc");
$out = ob_get_clean();
echo str_contains($out, 'pa/ss') ? 'LEAK' : 'clean', ' ', str_contains($out, "'redis://:***@127.0.0.1:abc'") ? 'masked' : $out, "\n";
foreach (["redis://:pa/ss,w@rd@127.0.0.1:$dead", "redis://u:pa/ss%é@127.0.0.1:$dead"] as $url) {
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
clean masked
RedisLockException: clean
bool(false)
RedisLockException: clean
bool(false)
bool(true)
bool(true)
bool(false)
