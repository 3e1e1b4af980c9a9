--TEST--
RedLock: with an ACL user that may not run INFO, two entries reaching one server ("127.0.0.1" and "localhost") are still refused at the first lock(), by the address they connect to after name resolution
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$s = new TestServer(['--user', 'default', 'off', '--user', 'noinfo', 'on', '>pw', '~*', '&*', '+@all', '-info']);
$p = $s->port;
$m2 = test_port('m2');
$name = unique_name('alias-noinfo');
// The user really may not run INFO.
$c = new Redis();
$c->connect('127.0.0.1', $p, 2.0, null, 0, 2.0);
$c->auth(['noinfo', 'pw']);
try {
    $c->info('server');
    echo "INFO allowed\n";
} catch (RedisException $e) {
    echo str_contains($e->getMessage(), 'NOPERM') ? "INFO refused\n" : $e->getMessage() . "\n";
}
$rl = new RedLock(["redis://noinfo:pw@127.0.0.1:$p", "redis://noinfo:pw@localhost:$p", "redis://127.0.0.1:$m2"], 0, 1);
try {
    var_dump($rl->lock($name, 10000));
} catch (RedisLockException $e) {
    echo strtr($e->getMessage(), [(string) $p => 'P']), "\n";
}
var_dump($c->exists($name), inspector('m2')->exists($name));
?>
--EXPECT--
INFO refused
127.0.0.1:P and localhost:P are the same Redis server (the same address after name resolution): one server must not vote twice in a quorum; list each server once
int(0)
int(0)
