--TEST--
TLS: an ACL user with a password and the default user's requirepass authenticate over rediss:// (the lock is set as that user, over the TLS port); a wrong password is refused with a message, trace and phpinfo() that never show the password, from RedisLock, RedLock and an uncaught exception in a child
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
$srv = new TlsServer('server', false, ['--requirepass', 'DefPw-7c1', '--user', 'locker', 'on', '>LockPw-9e2',
    '~*', '&*', '+@all']);
$plain = $srv->client('DefPw-7c1');
$ca = tls_certs()->ca();
ini_set('redislock.tls_ca_file', $ca);
$port = [(string) $srv->tlsPort => 'PORT'];
$name = unique_name('tls-acl');

foreach (['locker:LockPw-9e2' => 'locker', ':DefPw-7c1' => 'default'] as $userinfo => $user) {
    ini_set('redislock.servers', $srv->url($userinfo));
    $id = RedisLock::acquireLock($name, 0);
    $mine = array_values(array_filter($srv->tlsClients($plain), fn($c) => $c['cmd'] === 'set'));
    echo "$user: ", var_export(is_string($id) && $plain->get(lock_key($name)) === $id, true),
        ", TLS-port client of user ", $mine[0]['user'] ?? '?', ", released: ",
        var_export(RedisLock::releaseLock($name, $id), true), "\n";
}

$leaks = 0;
foreach (['locker:WrongPw-a1b', ':WrongPw-a1b', 'WrongPw-a1b'] as $userinfo) {
    $url = $srv->url($userinfo);
    ini_set('redislock.servers', $url);
    try {
        RedisLock::acquireLock($name, 0);
        echo "acquired?\n";
    } catch (RedisLockException $e) {
        echo strtr($e->getMessage(), $port), "\n";
        $leaks += str_contains((string) $e, 'WrongPw') + str_contains(print_r($e->getTrace(), true), 'WrongPw');
    }
    try {
        (new RedLock([$url, $srv->url($userinfo, 'localhost')], 10, 0))->lock($name, 1000);
        echo "locked?\n";
    } catch (RedisLockException $e) {
        echo strtr($e->getMessage(), $port), "\n";
        $leaks += str_contains((string) $e, 'WrongPw');
    }
    ob_start();
    phpinfo(INFO_MODULES);
    $leaks += str_contains(ob_get_clean(), 'WrongPw');
    // An uncaught exception in a process whose php.ini-style setting has the password.
    $out = child_php(['redislock.servers' => $url, 'redislock.tls_ca_file' => $ca,
        'display_errors' => '1'], 'RedisLock::acquireLock("x", 0);');
    echo "child: ", var_export(str_contains($out, 'Uncaught RedisLockException: Redis server tls://127.0.0.1:'), true), "\n";
    $leaks += str_contains($out, 'WrongPw');
}
echo "password shown: $leaks\n";
var_dump($plain->dbSize());
?>
--EXPECT--
locker: true, TLS-port client of user locker, released: true
default: true, TLS-port client of user default, released: true
Redis server tls://127.0.0.1:PORT: authentication or database selection failed: WRONGPASS invalid username-password pair or user is disabled.
no quorum possible (2 of 2 Redis servers needed, 2 failed): tls://127.0.0.1:PORT: authentication or database selection failed: WRONGPASS invalid username-password pair or user is disabled.; tls://localhost:PORT: authentication or database selection failed: WRONGPASS invalid username-password pair or user is disabled.
child: true
Redis server tls://127.0.0.1:PORT: authentication or database selection failed: WRONGPASS invalid username-password pair or user is disabled.
no quorum possible (2 of 2 Redis servers needed, 2 failed): tls://127.0.0.1:PORT: authentication or database selection failed: WRONGPASS invalid username-password pair or user is disabled.; tls://localhost:PORT: authentication or database selection failed: WRONGPASS invalid username-password pair or user is disabled.
child: true
Redis server tls://127.0.0.1:PORT: authentication or database selection failed: WRONGPASS invalid username-password pair or user is disabled.
no quorum possible (2 of 2 Redis servers needed, 2 failed): tls://127.0.0.1:PORT: authentication or database selection failed: WRONGPASS invalid username-password pair or user is disabled.; tls://localhost:PORT: authentication or database selection failed: WRONGPASS invalid username-password pair or user is disabled.
child: true
password shown: 0
int(0)
