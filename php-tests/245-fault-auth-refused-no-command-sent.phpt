--TEST--
Fault: a refused AUTH (a password for a server without one) fails the handshake: RedisLockException "authentication or database selection failed", the lock command is never sent (MONITOR shows no SET, no script), no key is set in any database
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$srv = new TestServer();   // no password: AUTH with one is an error
$monitor = new Monitor($srv->port);
ini_set('redislock.servers', $srv->url(':Wr0ngPw245'));
$name = unique_name('auth-refused');
foreach (['acquireLock' => fn() => RedisLock::acquireLock($name, 0),
    'releaseLock' => fn() => RedisLock::releaseLock($name, str_repeat('f', 32))] as $what => $call) {
    try {
        $out = var_export($call(), true);
    } catch (RedisLockException $e) {
        $out = get_class($e) . ': ' . str_replace((string) $srv->port, 'PORT', $e->getMessage());
    }
    echo $what, ': ', $out, "\n";
}
$seen = $monitor->commands();
echo "AUTH executed: ", Monitor::count($seen, 'AUTH') >= 1 ? 'yes' : 'no', "\n";
foreach (['SET', 'EVALSHA', 'EVAL', 'SCRIPT'] as $command) {
    echo "$command: ", Monitor::count($seen, $command), "\n";
}
var_dump($srv->client()->info('keyspace'));
?>
--EXPECTF--
acquireLock: RedisLockException: Redis server 127.0.0.1:PORT: authentication or database selection failed: ERR AUTH %s
releaseLock: RedisLockException: Redis server 127.0.0.1:PORT: authentication or database selection failed: ERR AUTH %s
AUTH executed: yes
SET: 0
EVALSHA: 0
EVAL: 0
SCRIPT: 0
array(0) {
}
