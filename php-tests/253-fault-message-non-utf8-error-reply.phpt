--TEST--
Fault: a server error reply that is not UTF-8 ("-ERR caf\xe9 \xff") is shown as the server's error with those bytes escaped (error reply: ERR caf\xe9 \xff), for a command and for the handshake, not as a parse failure
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$fake = new FakeServer('latin1-error');
ini_set('redislock.connect_timeout', '1000');
ini_set('redislock.timeout', '1000');
foreach (['command' => $fake->url(), 'handshake' => $fake->url(':pw')] as $what => $url) {
    ini_set('redislock.servers', $url);
    try {
        var_dump(RedisLock::acquireLock(unique_name('latin1-error'), 0));
    } catch (RedisLockException $e) {
        echo "$what: ", str_replace((string) $fake->port, 'PORT', $e->getMessage()), "\n";
    }
}
?>
--EXPECT--
command: Redis server 127.0.0.1:PORT: error reply: ERR caf\xe9 \xff
handshake: Redis server 127.0.0.1:PORT: authentication or database selection failed: ERR caf\xe9 \xff
