--TEST--
Fault: after a reply timeout (server frozen with SIGSTOP, then resumed), the late reply is never read as the answer to the next command
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
<?php if (!extension_loaded('posix')) die('skip posix needed'); ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
ini_set('redislock.timeout', '200');
ini_set('redislock.connect_timeout', '200');
$r = $srv->client();

// Someone else holds $held: a SET NX on it is answered with nil (= not acquired).
$held = unique_name('held');
$r->set(lock_key($held), 'someone-else');
$warm = unique_name('warm');
var_dump(RedisLock::releaseLock($warm, RedisLock::acquireLock($warm, 0)));   // connection pooled

try {
    posix_kill($srv->pid(), SIGSTOP);
    $t = microtime(true);
    try {
        var_dump(RedisLock::acquireLock($held, 0));
    } catch (RedisLockException $e) {
        echo str_replace((string) $srv->port, 'PORT', $e->getMessage()), "\n";
    }
    var_dump(microtime(true) - $t < 5.0);   // hang bound only
} finally {
    posix_kill($srv->pid(), SIGCONT);
}
// The server now answers what it received while frozen; give those late replies time to arrive.
var_dump($r->get(lock_key($held)));
usleep(100000);

// A free lock: a connection still waiting for the late nil would make this return false.
$free = unique_name('free');
$id = RedisLock::acquireLock($free, 0);
var_dump(is_string($id) && $r->get(lock_key($free)) === $id);
var_dump(RedisLock::releaseLock($free, $id));
var_dump($r->exists(lock_key($free)));
var_dump($r->get(lock_key($held)));
?>
--EXPECT--
bool(true)
Redis server 127.0.0.1:PORT: no reply within 200 ms
bool(true)
string(12) "someone-else"
bool(true)
bool(true)
int(0)
string(12) "someone-else"
