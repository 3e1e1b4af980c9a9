--TEST--
Fault: a server that accepts (backlog) but never answers gives "no reply within" within the timeouts; the timed-out connection is closed, and the next call against a good server works
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
// Listens, never accepts, never answers: the kernel completes the TCP handshake from the backlog.
$silent = stream_socket_server('tcp://127.0.0.1:0');
$port = (int) substr(strrchr(stream_socket_get_name($silent, false), ':'), 1);
ini_set('redislock.servers', "redis://127.0.0.1:$port");
ini_set('redislock.timeout', '200');
ini_set('redislock.connect_timeout', '200');
$name = unique_name('silent');

$t = microtime(true);
try {
    var_dump(RedisLock::acquireLock($name, 0));
} catch (RedisLockException $e) {
    echo str_replace((string) $port, 'PORT', $e->getMessage()), "\n";
}
// Hang bound only: a few 200 ms timeouts are expected; 5 s is well over 10x that.
var_dump(microtime(true) - $t < 5.0);

// A good server next: works, with a connection of its own.
ini_set('redislock.servers', test_url());
$r = inspector();
$id = RedisLock::acquireLock($name, 0);
var_dump(is_string($id) && $r->get(lock_key($name)) === $id);
var_dump(RedisLock::releaseLock($name, $id));
var_dump($r->exists(lock_key($name)));

// Every connection the extension made to the silent server was closed after the timeout, not
// kept for reuse: accept them now, each must show the command it carried and then EOF.
$accepted = 0;
$closed = 0;
$sawSet = false;
while ($c = @stream_socket_accept($silent, 0.5)) {
    $accepted++;
    stream_set_timeout($c, 2);
    $data = '';
    while (!feof($c)) {
        $chunk = fread($c, 8192);
        if ($chunk === '' || $chunk === false) {
            if (stream_get_meta_data($c)['timed_out']) {
                break;
            }
            continue;
        }
        $data .= $chunk;
    }
    if (feof($c)) {
        $closed++;
    }
    $sawSet = $sawSet || (str_contains($data, "SET\r\n") && str_contains($data, lock_key($name)));
    fclose($c);
}
var_dump($accepted >= 1, $closed === $accepted, $sawSet);
?>
--EXPECT--
Redis server 127.0.0.1:PORT: no reply within 200 ms
bool(true)
bool(true)
bool(true)
int(0)
bool(true)
bool(true)
bool(true)
