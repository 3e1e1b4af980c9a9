--TEST--
Lifecycle: when synchronized()'s lock (0.1 s) expired and another holder took it during the callback, an exit() or a fatal error in the callback releases nothing: the other holder's lock stays with its value and TTL
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$r = inspector();
$name = unique_name('sync-exit-takeover');

// The section's process: its 0.1 s lock expires, another holder (another process) takes it
// for 60 s, then the section ends by exit() or by exhausting memory_limit.
$code = <<<'PHP'
[, $name, $how, $cmd] = $argv;
RedisLock::synchronized($name, function () use ($name, $how, $cmd) {
    usleep(300000);
    echo 'other holder: ', trim((string) shell_exec($cmd)), "\n";
    if ($how === 'exit') {
        exit(5);
    }
    $hoard = [];
    while (true) {
        $hoard[] = str_repeat('x', 1024 * 1024);
    }
}, 0, 0.1);
PHP;
$servers = ' -d ' . escapeshellarg('redislock.servers=' . test_url());
foreach (['exit', 'fatal'] as $how) {
    $lock = "$name:$how";
    $other = php_cmd() . $servers . ' -r ' . escapeshellarg('echo RedisLock::acquireLock($argv[1], 0, 60);') . ' '
        . escapeshellarg($lock);
    $cmd = php_cmd() . $servers . ' -d memory_limit=16M -d display_errors=0 -d log_errors=0 -r ' . escapeshellarg($code)
        . ' ' . escapeshellarg($lock) . " $how " . escapeshellarg($other) . ' 2>&1';
    exec($cmd, $out, $status);
    $otherId = preg_match('/^other holder: ([0-9a-f]{32})$/', $out[0] ?? '', $m) ? $m[1] : null;
    echo "$how: other holder took it: ", var_export($otherId !== null, true), ", exit status $status\n";
    echo "  other's lock kept: ", var_export($otherId !== null && $r->get(lock_key($lock)) === $otherId, true), "\n";
    $ttl = $r->pttl(lock_key($lock));
    echo "  its TTL untouched: ", var_export($ttl > 55000 && $ttl <= 60000, true), "\n";
    $r->del(lock_key($lock));
    $out = [];
}
?>
--EXPECT--
exit: other holder took it: true, exit status 5
  other's lock kept: true
  its TTL untouched: true
fatal: other holder took it: true, exit status 255
  other's lock kept: true
  its TTL untouched: true
