--TEST--
Lifecycle: exit() inside a synchronized() callback (child process, auto_release off, a 60 s lock; also inside two nested sections) releases the lock before shutdown functions run, and the exit status is kept
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('sync-exit');

$code = <<<'PHP'
[$port, $name, $nested] = [(int) $argv[1], $argv[2], $argv[3] === 'nested'];
$r = new Redis();
$r->connect('127.0.0.1', $port, 2.0, null, 0, 2.0);
register_shutdown_function(function () use ($r, $name) {
    echo "shutdown function sees keys: ", $r->exists("AGENT_ORDER_LOCK:$name", "AGENT_ORDER_LOCK:$name:inner"), "\n";
});
$section = function () use ($r, $name) {
    echo "inside: keys held ", $r->exists("AGENT_ORDER_LOCK:$name", "AGENT_ORDER_LOCK:$name:inner"), "\n";
    exit(7);
};
if ($nested) {
    RedisLock::synchronized($name, fn() => RedisLock::synchronized("$name:inner", $section, 0, 60), 0, 60);
} else {
    RedisLock::synchronized($name, $section, 0, 60);
}
echo "not reached\n";
PHP;
foreach (['single', 'nested'] as $mode) {
    $cmd = php_cmd() . ' -d redislock.auto_release=0 -d ' . escapeshellarg('redislock.servers=' . test_url())
        . ' -r ' . escapeshellarg($code) . ' ' . test_port() . ' ' . escapeshellarg($name) . " $mode 2>&1";
    exec($cmd, $out, $status);
    echo "$mode:\n", implode("\n", $out), "\nexit status $status\n";
    echo "keys left: ", $r->exists(lock_key($name), lock_key("$name:inner")), "\n";
    $out = [];
}
?>
--EXPECT--
single:
inside: keys held 1
shutdown function sees keys: 0
exit status 7
keys left: 0
nested:
inside: keys held 2
shutdown function sees keys: 0
exit status 7
keys left: 0
