--TEST--
Fault: replies trickled one byte every 20 ms, complete within the reply timeout, are put together correctly: the lock is taken and released
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$fake = new FakeServer('bytewise');
ini_set('redislock.servers', $fake->url());
ini_set('redislock.connect_timeout', '1000');
ini_set('redislock.timeout', '20000');   // every reply arrives byte by byte, well within this
$name = unique_name('bytewise');

// A plain client sees the trickle: after 100 ms, fewer than 10 bytes of "+PONG\r\n" have come.
$c = stream_socket_client("tcp://127.0.0.1:{$fake->port}", $errno, $errstr, 1.0);
fwrite($c, "PING\r\n");
usleep(100000);
stream_set_blocking($c, false);
$early = (string) fread($c, 100);
var_dump(strlen($early) < 7);
stream_set_blocking($c, true);
stream_set_timeout($c, 2);
$all = $early;
while (strlen($all) < 7 && ($chunk = fread($c, 7 - strlen($all))) !== false && $chunk !== '') {
    $all .= $chunk;
}
var_dump($all === "+PONG\r\n");
fclose($c);

$t = microtime(true);
$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && strlen($id) === 32);
// A second acquire sees the fake's answer to SET NX for a held key (a nil, byte by byte).
var_dump(RedisLock::acquireLock($name, 0));
var_dump(RedisLock::releaseLock($name, $id));
var_dump(RedisLock::releaseLock($name, $id));   // already gone: the script's 0
// Hang bound only: a few seconds of trickle are expected (~100 bytes in all); 60 s is over 10x.
var_dump(microtime(true) - $t < 60.0);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(false)
bool(true)
bool(false)
bool(true)
