--TEST--
Request end: with redislock.auto_release=1 and healthy servers, every forgotten lock (RedisLock and RedLock) is released and nothing is written to PHP's error log
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$srv = new TestServer();
$r = $srv->client();
$log = tempnam(sys_get_temp_dir(), 'rl409-log-');
[$p1, $p2, $p3] = master_ports();
$masters = [inspector('m1'), inspector('m2'), inspector('m3')];
$base = unique_name('all-released');
$script = tempnam(sys_get_temp_dir(), 'rl409-');
file_put_contents($script, <<<'PHP'
<?php
for ($i = 0; $i < 10; $i++) {
    $ok[] = is_string(RedisLock::acquireLock("{$argv[1]}:$i", 0, 60));
}
$rl = new RedLock(array_map(fn($p) => "redis://127.0.0.1:$p", explode(',', $argv[2])));
$ok[] = is_array($rl->lock("{$argv[1]}:redlock", 60000));
echo "acquired: ", count(array_filter($ok)), "\n";
fgets(STDIN);
PHP);
$cmd = php_cmd() . ' -d redislock.auto_release=1 -d ' . escapeshellarg('error_log=' . $log)
    . ' -d ' . escapeshellarg('redislock.servers=' . $srv->url())
    . ' ' . escapeshellarg($script) . ' ' . escapeshellarg($base) . ' ' . escapeshellarg("$p1,$p2,$p3");
$proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
echo fgets($pipes[1]);
var_dump($r->dbSize());
fclose($pipes[0]);
echo "stdout: ", var_export(stream_get_contents($pipes[1]), true), "\n";
echo "stderr: ", var_export(stream_get_contents($pipes[2]), true), "\n";
echo "exit code ", proc_close($proc), "\n";
var_dump($r->dbSize());
var_dump(array_sum(array_map(fn($m) => $m->exists("$base:redlock"), $masters)));
var_dump(file_get_contents($log));
unlink($log);
unlink($script);
?>
--EXPECT--
acquired: 11
int(10)
stdout: ''
stderr: ''
exit code 0
int(0)
int(0)
string(0) ""
