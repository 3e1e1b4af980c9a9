--TEST--
Fault: a server whose error to AUTH quotes the arguments it got ("unknown command 'AUTH', with args beginning with: 'user' 'password'") never gets the user name or password into the RedisLockException
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
require __DIR__ . '/redis.inc';
$fake = new FakeServer('auth-echo');
// The fake really echoes them.
$c = stream_socket_client("tcp://127.0.0.1:{$fake->port}", $errno, $errstr, 1.0);
fwrite($c, "AUTH Us3rEcho S3cr3tEcho\r\n");
stream_set_timeout($c, 2);
echo fgets($c);
fclose($c);

ini_set('redislock.servers', $fake->url('Us3rEcho:S3cr3tEcho'));
ini_set('redislock.connect_timeout', '500');
ini_set('redislock.timeout', '500');
$t = microtime(true);
try {
    var_dump(RedisLock::acquireLock(unique_name('auth-echo'), 0));
} catch (RedisLockException $e) {
    echo get_class($e), ': ', str_replace((string) $fake->port, 'PORT', $e->getMessage()), "\n";
    foreach (['message' => $e->getMessage(), '(string)' => (string) $e,
        'trace' => print_r($e->getTrace(), true)] as $what => $text) {
        echo $what, ': ', str_contains($text, 'S3cr3tEcho') || str_contains($text, 'Us3rEcho') ? 'LEAKED' : 'clean', "\n";
    }
}
var_dump(microtime(true) - $t < 5.0);   // hang bound: the error comes at once
?>
--EXPECTF--
-ERR unknown command 'AUTH', with args beginning with: 'Us3rEcho' 'S3cr3tEcho' 
RedisLockException: Redis server 127.0.0.1:PORT: authentication or database selection failed: ERR unknown command 'AUTH'%S
message: clean
(string): clean
trace: clean
bool(true)
