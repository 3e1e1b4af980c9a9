--TEST--
TLS: rediss://host:port/3 locks in database 3 (the key is there, not in db 0; the TLS-port connection is in db 3) as the default user with requirepass and as an ACL user; an out-of-range database is refused naming tls://host:port/99
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
$srv = new TlsServer('server', false, ['--requirepass', 'DbPw-3f0', '--user', 'locker', 'on', '>LockPw-5d4',
    '~*', '&*', '+@all']);
$plain = $srv->client('DbPw-3f0');
ini_set('redislock.tls_ca_file', tls_certs()->ca());
$name = unique_name('tls-db');
foreach ([':DbPw-3f0', 'locker:LockPw-5d4'] as $userinfo) {
    ini_set('redislock.servers', $srv->url($userinfo, '127.0.0.1', '/3'));
    $id = RedisLock::acquireLock($name, 0);
    $plain->select(3);
    echo "db 3: ", var_export($plain->get(lock_key($name)) === $id, true);
    $plain->select(0);
    echo ", db 0: ", $plain->exists(lock_key($name));
    $mine = array_values(array_filter($srv->tlsClients($plain), fn($c) => $c['cmd'] === 'set'));
    echo ", connection's db: ", $mine[0]['db'] ?? '?', "\n";
    var_dump(RedisLock::releaseLock($name, $id));
    $plain->select(3);
    var_dump($plain->exists(lock_key($name)));
    $plain->select(0);
}
$rl = new RedLock([$srv->url(':DbPw-3f0', '127.0.0.1', '/5')], 10, 0);
$lock = $rl->lock($name, 2000);
$plain->select(5);
var_dump($plain->get($name) === $lock['token']);
var_dump($rl->unlock($lock));
ini_set('redislock.servers', $srv->url(':DbPw-3f0', '127.0.0.1', '/99'));
echo tls_outcome(fn() => RedisLock::acquireLock($name, 0), [(string) $srv->tlsPort => 'PORT']), "\n";
?>
--EXPECT--
db 3: true, db 0: 0, connection's db: 3
bool(true)
int(0)
db 3: true, db 0: 0, connection's db: 3
bool(true)
int(0)
bool(true)
bool(true)
RedisLockException: Redis server tls://127.0.0.1:PORT/99: authentication or database selection failed: ERR DB index is out of range
