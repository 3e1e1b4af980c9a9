--TEST--
Fault: a failed SELECT (database 99 of 16) fails the handshake: RedisLockException "authentication or database selection failed", the lock command is never sent (MONITOR shows no SET, no script), no key is set in any database
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$srv = new TestServer();
$monitor = new Monitor($srv->port);
ini_set('redislock.servers', $srv->url() . '/99');
$name = unique_name('select-refused');
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
echo "SELECT 99 executed: ", in_array('"SELECT" "99"', $seen, true) ? 'yes' : 'no', "\n";
foreach (['SET', 'EVALSHA', 'EVAL', 'SCRIPT'] as $command) {
    echo "$command: ", Monitor::count($seen, $command), "\n";
}
var_dump($srv->client()->info('keyspace'));

// The same server with a database it has: the lock is set there (the check above can see SETs).
ini_set('redislock.servers', $srv->url() . '/3');
$id = RedisLock::acquireLock($name, 0);
echo "SET with /3: ", Monitor::count($monitor->commands(), 'SET'), "\n";
var_dump(array_keys($srv->client()->info('keyspace')));
var_dump(RedisLock::releaseLock($name, $id));
?>
--EXPECTF--
acquireLock: RedisLockException: Redis server 127.0.0.1:PORT%S: authentication or database selection failed: ERR DB index is out of range
releaseLock: RedisLockException: Redis server 127.0.0.1:PORT%S: authentication or database selection failed: ERR DB index is out of range
SELECT 99 executed: yes
SET: 0
EVALSHA: 0
EVAL: 0
SCRIPT: 0
array(0) {
}
SET with /3: 1
array(1) {
  [0]=>
  string(3) "db3"
}
bool(true)
