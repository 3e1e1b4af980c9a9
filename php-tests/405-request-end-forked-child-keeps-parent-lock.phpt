--TEST--
Request end: with redislock.auto_release=1 a pcntl_fork()ed child's end does not release the parent's lock; the parent's own end does
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
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('order');

// The parent (a child PHP process of this test, so that its request end can be observed) takes a
// 60 s lock and forks; the forked child ends through exit(), running PHP's request shutdown.
$script = tempnam(sys_get_temp_dir(), 'rl405-');
file_put_contents($script, <<<'PHP'
<?php
$id = RedisLock::acquireLock($argv[1], 0, 60);
echo "id=", var_export($id, true), "\n";
$pid = pcntl_fork();
if ($pid === 0) {
    exit(7);
}
pcntl_waitpid($pid, $status);
echo "forked child ", $pid > 0 ? "exited with " . pcntl_wexitstatus($status) : "not started", "\n";
fgets(STDIN);
echo "parent ending\n";
PHP);
$cmd = php_cmd() . ' -d redislock.auto_release=1 -d ' . escapeshellarg('redislock.servers=' . test_url())
    . ' ' . escapeshellarg($script) . ' ' . escapeshellarg($name);
$proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);

$line = fgets($pipes[1]);
$id = preg_match("/^id='([0-9a-f]{32})'\n$/", (string) $line, $m) ? $m[1] : null;
echo "parent acquired: ", $id !== null ? 'yes' : 'no: ' . $line, "\n";
echo fgets($pipes[1]);
var_dump($r->get(lock_key($name)) === $id);           // the forked child's end left it alone
var_dump($r->pttl(lock_key($name)) > 50000);

fwrite($pipes[0], "go\n");
fclose($pipes[0]);
echo stream_get_contents($pipes[1]), stream_get_contents($pipes[2]);
echo "exit code ", proc_close($proc), "\n";
var_dump($r->exists(lock_key($name)));                // the parent's end released it
unlink($script);
?>
--EXPECT--
parent acquired: yes
forked child exited with 7
bool(true)
bool(true)
parent ending
exit code 0
int(0)
