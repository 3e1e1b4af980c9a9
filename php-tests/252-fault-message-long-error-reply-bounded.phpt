--TEST--
Fault: a server error reply of 5,000 bytes with control bytes becomes a RedisLockException of one short line: the text shown escaped (\x01, \x7f) and cut at about 200 bytes with "...", for a command and for the handshake
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$fake = new FakeServer('odd-error');
ini_set('redislock.connect_timeout', '1000');
ini_set('redislock.timeout', '1000');
foreach (['command' => $fake->url(), 'handshake' => $fake->url(':pw')] as $what => $url) {
    ini_set('redislock.servers', $url);
    try {
        var_dump(RedisLock::acquireLock(unique_name('odd-error'), 0));
    } catch (RedisLockException $e) {
        $m = $e->getMessage();
        echo "$what: ", preg_replace('/x{20,}/', 'xxx', str_replace((string) $fake->port, 'PORT', $m)), "\n";
        echo 'one line: ', var_export(!preg_match('/[\x00-\x1f\x7f]/', $m), true),
            ', under 400 bytes: ', var_export(strlen($m) < 400, true), "\n";
    }
}
?>
--EXPECT--
command: Redis server 127.0.0.1:PORT: error reply: ERR odd \x01\x7f xxx...
one line: true, under 400 bytes: true
handshake: Redis server 127.0.0.1:PORT: authentication or database selection failed: ERR odd \x01\x7f xxx...
one line: true, under 400 bytes: true
