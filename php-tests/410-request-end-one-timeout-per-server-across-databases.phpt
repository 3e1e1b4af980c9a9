--TEST--
Request end: locks on several databases of one frozen server (db 0, 1, 2 and another password form) cost that server's timeout once in all, not once per database, and are logged once
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; if (!function_exists('posix_kill')) die('skip posix needed'); ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$srv = new TestServer();
$pid = $srv->pid();
register_shutdown_function(fn() => posix_kill($pid, SIGCONT));
$log = tempnam(sys_get_temp_dir(), 'rl410-log-');
$base = unique_name('dbs-end');
// The child takes one lock through each of four settings naming the same server, then waits.
$script = tempnam(sys_get_temp_dir(), 'rl410-');
file_put_contents($script, <<<'PHP'
<?php
foreach (['', '/1', '/2', '/3'] as $i => $db) {
    ini_set('redislock.servers', $argv[2] . $db);
    $ok[] = is_string(RedisLock::acquireLock("{$argv[1]}:$i", 0, 60));
}
echo "acquired: ", count(array_filter($ok)), "\n";
fgets(STDIN);
PHP);
$cmd = php_cmd() . ' -d redislock.auto_release=1 -d redislock.timeout=500 -d redislock.connect_timeout=500'
    . ' -d ' . escapeshellarg('error_log=' . $log)
    . ' ' . escapeshellarg($script) . ' ' . escapeshellarg($base) . ' ' . escapeshellarg($srv->url());
$proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
echo fgets($pipes[1]);
try {
    posix_kill($pid, SIGSTOP);
    $t = microtime(true);
    fwrite($pipes[0], "go\n");
    fclose($pipes[0]);
    stream_get_contents($pipes[1]);
    proc_close($proc);
    $elapsed = microtime(true) - $t;
} finally {
    posix_kill($pid, SIGCONT);
}
// One 500 ms timeout is expected; one per database would be 2 s.
var_dump($elapsed < 1.5);
$lines = array_values(array_filter(file($log, FILE_IGNORE_NEW_LINES), fn($l) => str_contains($l, 'redislock: ')));
echo "redislock log lines: ", count($lines), "\n";
var_dump(str_contains($lines[0] ?? '', '4 lock(s) not released at request end'));
unlink($log);
unlink($script);
?>
--EXPECT--
acquired: 4
bool(true)
redislock log lines: 1
bool(true)
