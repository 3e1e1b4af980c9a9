--TEST--
Lifecycle: a process blocked in synchronized() (acquire_time 10) on a lock another synchronized() section holds runs its callback once that section ends and releases, not before, and well within its wait
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('sync-waiter');

$code = <<<'PHP'
$name = $argv[1];
echo "waiting\n";
$res = RedisLock::synchronized($name, function () {
    return sprintf('%.6f', microtime(true));
}, 10, 10);
echo "callback started at $res\n";
PHP;
$cmd = php_cmd() . ' -d ' . escapeshellarg('redislock.servers=' . test_url()) . ' -r ' . escapeshellarg($code)
    . ' ' . escapeshellarg($name);

$proc = null;
$pipes = [];
$first = RedisLock::synchronized($name, function () use ($cmd, &$proc, &$pipes) {
    $proc = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $line = fgets($pipes[1]);
    usleep(300000);                              // the waiter is blocked meanwhile
    $endedAt = microtime(true);
    return [$line, $endedAt];
}, 0, 30);
$releasedBy = microtime(true);                   // synchronized() returned: released by now
echo "child said: ", $first[0];
$out = stream_get_contents($pipes[1]);
$err = stream_get_contents($pipes[2]);
$status = proc_close($proc);
echo "child: ", preg_replace('/[0-9.]+$/', 'T', trim($out)), $err !== '' ? " stderr: $err" : '', ", exit $status\n";
$startedAt = (float) substr(trim($out), strlen('callback started at '));
echo "waiter ran after the first section ended: ", var_export($startedAt > $first[1], true), "\n";
echo "and within 2 s of the release (hang guard): ", var_export($startedAt - $releasedBy < 2.0, true), "\n";
var_dump($r->exists(lock_key($name)));
?>
--EXPECT--
child said: waiting
child: callback started at T, exit 0
waiter ran after the first section ended: true
and within 2 s of the release (hang guard): true
int(0)
