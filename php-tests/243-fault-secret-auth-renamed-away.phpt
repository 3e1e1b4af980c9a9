--TEST--
Fault: a real redis-server with AUTH renamed away (--rename-command AUTH "") answers AUTH with "unknown command 'AUTH', with args beginning with: 'user' 'password'"; the RedisLockException shows the error without the user name or password, and no lock is set
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
require __DIR__ . '/redis.inc';
$srv = new TestServer(['--rename-command', 'AUTH', '']);
$r = $srv->client();
// The server really echoes the arguments.
$c = stream_socket_client("tcp://127.0.0.1:{$srv->port}", $errno, $errstr, 1.0);
fwrite($c, "AUTH Us3rRenamed S3cr3tRenamed\r\n");
stream_set_timeout($c, 2);
var_dump(str_contains((string) fgets($c), "'Us3rRenamed' 'S3cr3tRenamed'"));
fclose($c);

ini_set('redislock.servers', $srv->url('Us3rRenamed:S3cr3tRenamed'));
$name = unique_name('auth-renamed');
try {
    var_dump(RedisLock::acquireLock($name, 0));
} catch (RedisLockException $e) {
    echo get_class($e), ': ', str_replace((string) $srv->port, 'PORT', $e->getMessage()), "\n";
    $all = $e->getMessage() . (string) $e . print_r($e->getTrace(), true);
    echo str_contains($all, 'S3cr3tRenamed') || str_contains($all, 'Us3rRenamed') ? 'LEAKED' : 'clean', "\n";
}
// The same through RedLock (one master: reported as a single server).
$rl = new RedLock([$srv->url('Us3rRenamed:S3cr3tRenamed')], 0, 1);
try {
    var_dump($rl->lock($name, 5000));
} catch (RedisLockException $e) {
    echo get_class($e), ': ', str_replace((string) $srv->port, 'PORT', $e->getMessage()), "\n";
    echo str_contains((string) $e, 'S3cr3tRenamed') || str_contains((string) $e, 'Us3rRenamed') ? 'LEAKED' : 'clean', "\n";
}
var_dump($r->dbSize());
?>
--EXPECTF--
bool(true)
RedisLockException: Redis server 127.0.0.1:PORT: authentication or database selection failed: ERR unknown command 'AUTH'%S
clean
RedisLockException: Redis server 127.0.0.1:PORT: authentication or database selection failed: ERR unknown command 'AUTH'%S
clean
int(0)
