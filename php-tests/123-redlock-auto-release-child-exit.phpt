--TEST--
RedLock request end: with redislock.auto_release=1 a RedLock lock still held when a child process exits is released on all masters
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$masters = array_map(fn($i) => inspector("m$i"), [1, 2, 3, 4, 5]);
$resource = unique_name('redlock-auto-release');

// The child takes a 60 s RedLock, says so, waits for the test's word, then calls exit().
$script = tempnam(sys_get_temp_dir(), 'rl123-');
file_put_contents($script, <<<'PHP'
<?php
$servers = array_map(fn($p) => "redis://127.0.0.1:$p", explode(',', $argv[2]));
$rl = new RedLock($servers);
$lock = $rl->lock($argv[1], 60000);
echo "token=", is_array($lock) ? $lock['token'] : var_export($lock, true), "\n";
fgets(STDIN);
echo "exiting\n";
exit(3);
PHP);
$cmd = php_cmd() . ' -d redislock.auto_release=1 ' . escapeshellarg($script) . ' ' . escapeshellarg($resource)
    . ' ' . escapeshellarg(implode(',', master_ports()));
$proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);

$line = fgets($pipes[1]);
$token = preg_match("/^token=([0-9a-f]{32})\n$/", (string) $line, $m) ? $m[1] : null;
echo "child locked: ", $token !== null ? 'yes' : 'no: ' . $line, "\n";
foreach ($masters as $i => $m) {                     // the child holds it on all five while it runs
    echo "m", $i + 1, ": ", var_export($m->get($resource) === $token && $m->pttl($resource) > 50000, true), "\n";
}

fwrite($pipes[0], "go\n");
fclose($pipes[0]);
echo stream_get_contents($pipes[1]), stream_get_contents($pipes[2]);
echo "exit code ", proc_close($proc), "\n";
foreach ($masters as $i => $m) {                     // gone on all five as soon as the child ended
    echo "m", $i + 1, " exists: ", $m->exists($resource), "\n";
}
unlink($script);
?>
--EXPECT--
child locked: yes
m1: true
m2: true
m3: true
m4: true
m5: true
exiting
exit code 3
m1 exists: 0
m2 exists: 0
m3 exists: 0
m4 exists: 0
m5 exists: 0
