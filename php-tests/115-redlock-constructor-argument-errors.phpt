--TEST--
RedLock: the constructor rejects bad $servers entries (naming the entry's index), bad retry settings and a non-array with PHP's errors
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$ok = 'redis://127.0.0.1:' . test_port('m1');
$cases = [
    'empty array' => [[]],
    'entry neither string nor array' => [[$ok, 42]],
    'host only' => [[['127.0.0.1']]],
    'port 0' => [[$ok, 'redis://127.0.0.1:' . test_port('m2'), ['127.0.0.1', 0]]],
    'port 65536' => [[['127.0.0.1', 65536]]],
    'port not a number' => [[['127.0.0.1', 'redis']]],
    'negative timeout' => [[['127.0.0.1', test_port('m1'), -1]]],
    'ftp URL, string keys' => [['a' => $ok, 'b' => 'ftp://127.0.0.1:' . test_port('m1')]],
    'retryDelay -1' => [[$ok], -1],
    'retryCount -1' => [[$ok], 200, -1],
    'servers not an array' => ['redis://127.0.0.1:' . test_port('m1')],
];
foreach ($cases as $what => $args) {
    try {
        new RedLock(...$args);
        echo "$what: no error\n";
    } catch (Throwable $e) {
        echo "$what: ", get_class($e), ': ', str_replace((string) test_port('m1'), 'PORT', $e->getMessage()), "\n";
    }
}
// The boundaries themselves are accepted (0 retryCount still makes one attempt).
$rl = new RedLock([$ok], 0, 0);
$name = unique_name('redlock-ctor-bounds');
$lock = $rl->lock($name, 5000);
var_dump(is_array($lock) && inspector('m1')->get($name) === $lock['token']);
var_dump($rl->unlock($lock));
?>
--EXPECT--
empty array: ValueError: RedLock::__construct(): Argument #1 ($servers) must not be empty
entry neither string nor array: ValueError: RedLock::__construct(): Argument #1 ($servers) entry [1] must be a redis:// URL string or a [host, port, timeout] array
host only: ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] must be [host, port] or [host, port, timeout_seconds]
port 0: ValueError: RedLock::__construct(): Argument #1 ($servers) entry [2] must have a port from 1 to 65535 as its second element
port 65536: ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] must have a port from 1 to 65535 as its second element
port not a number: ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] must have a port from 1 to 65535 as its second element
negative timeout: ValueError: RedLock::__construct(): Argument #1 ($servers) entry [0] has a timeout that is not a number of seconds from 0 to 60
ftp URL, string keys: ValueError: RedLock::__construct(): Argument #1 ($servers) entry [b] is not a valid server URL: 'ftp://127.0.0.1:PORT': expected redis://[user:pass@]host:port[/db], rediss:// (TLS), unix:///path, redis+sentinel://host:port,.../SERVICE or redis+cluster://host:port,...
retryDelay -1: ValueError: RedLock::__construct(): Argument #2 ($retryDelay) must be between 0 and 60000 (ms)
retryCount -1: ValueError: RedLock::__construct(): Argument #3 ($retryCount) must be between 0 and 100000
servers not an array: TypeError: RedLock::__construct(): Argument #1 ($servers) must be of type array, string given
bool(true)
bool(true)
