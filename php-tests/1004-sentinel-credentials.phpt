--TEST--
Sentinel: the userinfo is the master's ACL user and password, ?sentinel_password= the sentinels' own; a wrong one of either fails with a message that shows neither (the master is known from an earlier call: a wrong master password fails at the master), and ini_get() shows the entry masked
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/sentinel.inc';
$d = new SentinelDeployment('phpt-auth',
    ['--requirepass', 'm4ster', '--masterauth', 'm4ster', '--user', 'locker', 'on', '>wonder%land', '~*', '&*', '+@all'],
    ['sentinel auth-pass phpt-auth m4ster', 'requirepass s3nt&nel', 'sentinel sentinel-pass s3nt&nel'],
    'm4ster', 's3nt&nel');
$master = $d->client($d->servers[0]->port);
$name = unique_name('sentinel-auth');

ini_set('redislock.servers', $d->url('locker:wonder%25land', '?sentinel_password=s3nt%26nel'));
$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && $master->get(lock_key($name)) === $id);
var_dump(RedisLock::releaseLock($name, $id));
// Masked from the first lock call on, as every entry with credentials.
echo preg_replace('/\d+/', 'N', ini_get('redislock.servers')), "\n";

foreach ([
    $d->url('locker:wonder%25land', '?sentinel_password=wr0ng-s3cret'),
    $d->url('locker:wr0ng-s3cret', '?sentinel_password=s3nt%26nel'),
    $d->url('locker:wonder%25land'),
] as $url) {
    ini_set('redislock.servers', $url);
    try {
        RedisLock::acquireLock($name, 0);
        echo "acquired?\n";
    } catch (RedisLockException $e) {
        $m = $e->getMessage();
        var_dump(str_contains($m, 'wr0ng') || str_contains($m, 's3nt') || str_contains($m, 'wonder'));
        echo preg_replace('/\d+/', 'N', $m), "\n";
    }
}
?>
--EXPECT--
bool(true)
bool(true)
redis+sentinel://locker:***N@N.N.N.N:N,N.N.N.N:N,N.N.N.N:N/phpt-auth?***N
bool(false)
Redis server sentinel:N.N.N.N:N,N.N.N.N:N,N.N.N.N:N/phpt-auth: no usable master for service 'phpt-auth' (N.N.N.N:N: authentication or database selection failed: WRONGPASS invalid username-password pair or user is disabled.; N.N.N.N:N: authentication or database selection failed: WRONGPASS invalid username-password pair or user is disabled.; N.N.N.N:N: authentication or database selection failed: WRONGPASS invalid username-password pair or user is disabled.)
bool(false)
Redis server sentinel:N.N.N.N:N,N.N.N.N:N,N.N.N.N:N/phpt-auth: authentication or database selection failed: WRONGPASS invalid username-password pair or user is disabled.
bool(false)
Redis server sentinel:N.N.N.N:N,N.N.N.N:N,N.N.N.N:N/phpt-auth: no usable master for service 'phpt-auth' (N.N.N.N:N: error reply: NOAUTH Authentication required.; N.N.N.N:N: error reply: NOAUTH Authentication required.; N.N.N.N:N: error reply: NOAUTH Authentication required.)
