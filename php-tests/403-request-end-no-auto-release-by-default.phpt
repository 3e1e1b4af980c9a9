--TEST--
Request end (control for 400): with redislock.auto_release at its default (0) a lock held at exit() stays with its TTL
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('order');

// Same child as test 400, run without setting redislock.auto_release.
$script = tempnam(sys_get_temp_dir(), 'rl403-');
file_put_contents($script, <<<'PHP'
<?php
echo "auto_release=", var_export(ini_get('redislock.auto_release'), true), "\n";
$id = RedisLock::acquireLock($argv[1], 0, 60);
echo "id=", var_export($id, true), "\n";
fgets(STDIN);
echo "exiting\n";
exit(3);
PHP);
$cmd = php_cmd() . ' -d ' . escapeshellarg('redislock.servers=' . test_url())
    . ' ' . escapeshellarg($script) . ' ' . escapeshellarg($name);
$proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);

echo fgets($pipes[1]);
$line = fgets($pipes[1]);
$id = preg_match("/^id='([0-9a-f]{32})'\n$/", (string) $line, $m) ? $m[1] : null;
echo "child acquired: ", $id !== null ? 'yes' : 'no: ' . $line, "\n";

fwrite($pipes[0], "go\n");
fclose($pipes[0]);
echo stream_get_contents($pipes[1]), stream_get_contents($pipes[2]);
echo "exit code ", proc_close($proc), "\n";
var_dump($r->get(lock_key($name)) === $id);           // still the child's lock
var_dump($r->pttl(lock_key($name)) > 50000);          // with its TTL: only expiry would free it
$r->del(lock_key($name));
unlink($script);
?>
--EXPECT--
auto_release='0'
child acquired: yes
exiting
exit code 3
bool(true)
bool(true)
