--TEST--
Fault: password-only authentication works with both URL forms, redis://:pass@host and redis://pass@host
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector('auth', 's3cret');
foreach ([':s3cret', 's3cret'] as $userinfo) {
    ini_set('redislock.servers', test_url('auth', $userinfo));
    $name = unique_name('auth-pass');
    $id = RedisLock::acquireLock($name, 0);
    echo str_replace('s3cret', 'PASS', $userinfo), "@\n";
    var_dump(is_string($id) && $r->get(lock_key($name)) === $id);
    var_dump(RedisLock::releaseLock($name, $id));
    var_dump($r->exists(lock_key($name)));
}
?>
--EXPECT--
:PASS@
bool(true)
bool(true)
int(0)
PASS@
bool(true)
bool(true)
int(0)
