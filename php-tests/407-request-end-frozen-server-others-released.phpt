--TEST--
Request end: with redislock.auto_release=1, a server that froze does not stop the release of locks held elsewhere: the RedLock lock on healthy masters is released, and the one error-log line names only the frozen server and its locks
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$srv = new TestServer();
$pid = $srv->pid();
register_shutdown_function(fn() => posix_kill($pid, SIGCONT));
$log = tempnam(sys_get_temp_dir(), 'rl407-log-');
$base = unique_name('frozen-mixed');
[$p1, $p2, $p3] = master_ports();
$masters = [inspector('m1'), inspector('m2'), inspector('m3')];

// The child takes five RedisLock locks on the server that will freeze and one RedLock lock on
// three healthy masters, then ends without releasing any.
$script = tempnam(sys_get_temp_dir(), 'rl407-');
file_put_contents($script, <<<'PHP'
<?php
for ($i = 0; $i < 5; $i++) {
    $ok[] = is_string(RedisLock::acquireLock("{$argv[1]}:$i", 0, 60));
}
$rl = new RedLock(array_map(fn($p) => "redis://127.0.0.1:$p", explode(',', $argv[2])));
$ok[] = is_array($rl->lock("{$argv[1]}:redlock", 60000));
echo "acquired: ", count(array_filter($ok)), "\n";
fgets(STDIN);
PHP);
$cmd = php_cmd() . ' -d redislock.auto_release=1 -d redislock.timeout=300 -d redislock.connect_timeout=300'
    . ' -d ' . escapeshellarg('error_log=' . $log) . ' -d ' . escapeshellarg('redislock.servers=' . $srv->url())
    . ' ' . escapeshellarg($script) . ' ' . escapeshellarg($base) . ' ' . escapeshellarg("$p1,$p2,$p3");
$proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
echo fgets($pipes[1]);
var_dump(array_sum(array_map(fn($m) => $m->exists("$base:redlock"), $masters)));

try {
    var_dump(posix_kill($pid, SIGSTOP));
    $t = microtime(true);
    fclose($pipes[0]);
    stream_get_contents($pipes[1]);
    stream_get_contents($pipes[2]);
    $code = proc_close($proc);
    $elapsed = microtime(true) - $t;
} finally {
    posix_kill($pid, SIGCONT);
}
echo "exit code $code\n";
var_dump($elapsed < 1.5);   // one 300 ms timeout for the frozen server; the old way took 5 of them

// The RedLock lock is gone from every healthy master.
var_dump(array_sum(array_map(fn($m) => $m->exists("$base:redlock"), $masters)));
$lines = array_values(array_filter(file($log, FILE_IGNORE_NEW_LINES), fn($l) => str_contains($l, 'redislock: ')));
echo "redislock log lines: ", count($lines), "\n";
$line = $lines[0] ?? '';
var_dump(str_contains($line, 'not released at request end'), preg_match('/\b5\b/', $line) === 1);
var_dump(str_contains($line, "127.0.0.1:{$srv->port}"), str_contains($line, lock_key("$base:4")));
foreach ([$p1, $p2, $p3] as $p) {
    echo "names healthy master: ", var_export(str_contains($line, "127.0.0.1:$p"), true), "\n";
}
var_dump(str_contains($line, "$base:redlock"));
unlink($log);
unlink($script);
?>
--EXPECT--
acquired: 6
int(3)
bool(true)
exit code 0
bool(true)
int(0)
redislock log lines: 1
bool(true)
bool(true)
bool(true)
bool(true)
names healthy master: false
names healthy master: false
names healthy master: false
bool(false)
