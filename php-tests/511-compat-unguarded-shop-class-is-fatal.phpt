--TEST--
Compatibility: a shop file declaring its own class RedisLock without the guard is a fatal error while the extension is loaded
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
// PHP 8.2 says "Cannot declare class RedisLock, because the name is already in use", PHP 8.4
// "Cannot redeclare class RedisLock": the expectation takes either wording.

$shopFile = tempnam(sys_get_temp_dir(), 'rl511-');
file_put_contents($shopFile, <<<'PHP'
<?php
echo "shop file running\n";
class RedisLock
{
    public static function acquireLock($lock_name, $acquire_time = 3, $lock_timeout = 20)
    {
        return 'the shop class';
    }
}
echo "declared\n";
PHP);
// A child PHP process loading the extension like this test does. The clash is found when the
// declaration runs (line 3): the lines before it run, the ones after it never do.
$proc = proc_open(php_cmd() . ' ' . escapeshellarg($shopFile),
    [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
echo "stdout: ", stream_get_contents($pipes[1]);
echo "stderr: ", var_export(stream_get_contents($pipes[2]), true), "\n";
echo "exit code ", proc_close($proc), "\n";
unlink($shopFile);
?>
--EXPECTF--
stdout: shop file running

Fatal error: %r(Cannot declare class RedisLock, because the name is already in use|Cannot redeclare class RedisLock)%r in %s on line 3
stderr: ''
exit code 255
