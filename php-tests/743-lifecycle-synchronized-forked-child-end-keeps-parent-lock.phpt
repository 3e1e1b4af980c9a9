--TEST--
Lifecycle: a pcntl_fork()ed child that leaves the parent's synchronized() callback (exit(), a fatal error, return, or throw) does not release the parent's lock: the parent still holds it after the child is gone, and its synchronized() returns the callback's value and then releases
--SKIPIF--
<?php
require __DIR__ . '/skipif.inc';
if (!function_exists('pcntl_fork')) {
    die('skip pcntl needed');
}
?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$name = unique_name('sync-fork');
$r = inspector();

// The parent is a PHP process of its own (its ends are not this test's); it forks inside the
// section, the forked child leaves the callback as told, and the parent looks at its lock after.
$script = tempnam(sys_get_temp_dir(), 'rl743-');
file_put_contents($script, <<<'PHP'
<?php
[, $port, $name, $how] = $argv;
$parent = getmypid();
$who = fn() => getmypid() === $parent ? 'parent' : 'child';
$r = new Redis();
$r->connect('127.0.0.1', (int) $port, 2.0, null, 0, 2.0);
try {
    $res = RedisLock::synchronized($name, function () use ($r, $name, $how) {
        $mine = $r->get("AGENT_ORDER_LOCK:$name");
        $pid = pcntl_fork();
        if ($pid === 0) {
            switch ($how) {
                case 'exit':
                    exit(3);
                case 'fatal':
                    ini_set('memory_limit', '16M');
                    $hoard = [];
                    while (true) {
                        $hoard[] = str_repeat('x', 1024 * 1024);
                    }
                case 'return':
                    return "the child's value";
                case 'throw':
                    throw new DomainException("the child's exception");
            }
        }
        pcntl_waitpid($pid, $status);
        return sprintf('child gone (exit status %d), parent still holds its lock: %s', pcntl_wexitstatus($status),
            var_export($r->get("AGENT_ORDER_LOCK:$name") === $mine, true));
    }, 0, 60);
    echo $who(), ": synchronized returned: $res\n";
} catch (Throwable $e) {
    echo $who(), ": synchronized threw ", get_class($e), ": ", $e->getMessage(), "\n";
}
PHP);
foreach (['exit', 'fatal', 'return', 'throw'] as $how) {
    $cmd = php_cmd() . ' -d display_errors=0 -d log_errors=0 -d ' . escapeshellarg('redislock.servers=' . test_url())
        . ' ' . escapeshellarg($script) . ' ' . test_port() . ' ' . escapeshellarg("$name:$how") . " $how 2>&1";
    echo "$how:\n", trim((string) shell_exec($cmd)), "\n";
    echo "key left: ", $r->exists(lock_key("$name:$how")), "\n";
}
unlink($script);
?>
--EXPECT--
exit:
parent: synchronized returned: child gone (exit status 3), parent still holds its lock: true
key left: 0
fatal:
parent: synchronized returned: child gone (exit status 255), parent still holds its lock: true
key left: 0
return:
child: synchronized returned: the child's value
parent: synchronized returned: child gone (exit status 0), parent still holds its lock: true
key left: 0
throw:
child: synchronized threw DomainException: the child's exception
parent: synchronized returned: child gone (exit status 0), parent still holds its lock: true
key left: 0
