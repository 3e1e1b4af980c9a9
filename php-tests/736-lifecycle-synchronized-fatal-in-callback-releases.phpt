--TEST--
Lifecycle: a fatal error (memory_limit exhausted) inside a synchronized() callback (child process, auto_release off, a 60 s lock) releases the lock before shutdown functions run
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('sync-fatal');

$code = <<<'PHP'
[$port, $name] = [(int) $argv[1], $argv[2]];
$r = new Redis();
$r->connect('127.0.0.1', $port, 2.0, null, 0, 2.0);
register_shutdown_function(function () use ($r, $name) {
    echo "shutdown function sees the key: ", $r->exists("AGENT_ORDER_LOCK:$name"), "\n";
});
RedisLock::synchronized($name, function () use ($r, $name) {
    echo "inside: key held ", $r->exists("AGENT_ORDER_LOCK:$name"), ", TTL over 50 s: ",
        var_export($r->pttl("AGENT_ORDER_LOCK:$name") > 50000, true), "\n";
    $hoard = [];
    while (true) {
        $hoard[] = str_repeat('x', 1024 * 1024);
    }
}, 0, 60);
echo "not reached\n";
PHP;
$cmd = php_cmd() . ' -d memory_limit=16M -d display_errors=1 -d log_errors=0 -d redislock.auto_release=0 -d '
    . escapeshellarg('redislock.servers=' . test_url()) . ' -r ' . escapeshellarg($code) . ' ' . test_port() . ' '
    . escapeshellarg($name) . ' 2>&1';
exec($cmd, $out, $status);
echo implode("\n", $out), "\nexit status $status\n";
echo "key left: ", $r->exists(lock_key($name)), "\n";
?>
--EXPECTF--
inside: key held 1, TTL over 50 s: true

Fatal error: Allowed memory size of 16777216 bytes exhausted (tried to allocate %d bytes) in Command line code on line %d
shutdown function sees the key: 0
exit status 255
key left: 0
