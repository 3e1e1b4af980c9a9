--TEST--
Request end: with redislock.auto_release=1 a lock still held when the script calls exit() is released
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('order');

// The child takes a 60 s lock, says so, waits for the test's word, then calls exit().
$script = tempnam(sys_get_temp_dir(), 'rl400-');
file_put_contents($script, <<<'PHP'
<?php
$id = RedisLock::acquireLock($argv[1], 0, 60);
echo "id=", var_export($id, true), "\n";
fgets(STDIN);
echo "exiting\n";
exit(3);
echo "not reached\n";
PHP);
$cmd = php_cmd() . ' -d redislock.auto_release=1 -d ' . escapeshellarg('redislock.servers=' . test_url())
    . ' ' . escapeshellarg($script) . ' ' . escapeshellarg($name);
$proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);

$line = fgets($pipes[1]);
$id = preg_match("/^id='([0-9a-f]{32})'\n$/", (string) $line, $m) ? $m[1] : null;
echo "child acquired: ", $id !== null ? 'yes' : 'no: ' . $line, "\n";
var_dump($r->get(lock_key($name)) === $id);          // the child holds it while it runs
var_dump($r->pttl(lock_key($name)) > 50000);

fwrite($pipes[0], "go\n");
fclose($pipes[0]);
echo stream_get_contents($pipes[1]), stream_get_contents($pipes[2]);
echo "exit code ", proc_close($proc), "\n";
var_dump($r->exists(lock_key($name)));                // gone as soon as the child ended
unlink($script);
?>
--EXPECT--
child acquired: yes
bool(true)
bool(true)
exiting
exit code 3
int(0)
