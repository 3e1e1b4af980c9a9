--TEST--
Request end: with redislock.auto_release=1 a lock still held when memory exhaustion (fatal error) ends the script is released
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('order');

// The child takes a 60 s lock, says so, waits for the test's word, then allocates past memory_limit.
$script = tempnam(sys_get_temp_dir(), 'rl402-');
file_put_contents($script, <<<'PHP'
<?php
$id = RedisLock::acquireLock($argv[1], 0, 60);
echo "id=", var_export($id, true), "\n";
fgets(STDIN);
echo "allocating\n";
$hoard = [];
while (true) {
    $hoard[] = str_repeat('x', 1024 * 1024);
}
PHP);
$cmd = php_cmd() . ' -d memory_limit=16M -d redislock.auto_release=1 -d '
    . escapeshellarg('redislock.servers=' . test_url()) . ' ' . escapeshellarg($script) . ' ' . escapeshellarg($name);
$proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);

$line = fgets($pipes[1]);
$id = preg_match("/^id='([0-9a-f]{32})'\n$/", (string) $line, $m) ? $m[1] : null;
echo "child acquired: ", $id !== null ? 'yes' : 'no: ' . $line, "\n";
var_dump($r->get(lock_key($name)) === $id);
var_dump($r->pttl(lock_key($name)) > 50000);

fwrite($pipes[0], "go\n");
fclose($pipes[0]);
echo stream_get_contents($pipes[1]), stream_get_contents($pipes[2]);
echo "exit code ", proc_close($proc), "\n";
var_dump($r->exists(lock_key($name)));
unlink($script);
?>
--EXPECTF--
child acquired: yes
bool(true)
bool(true)
allocating

Fatal error: Allowed memory size of 16777216 bytes exhausted (tried to allocate %d bytes) in %s on line 8
exit code 255
int(0)
