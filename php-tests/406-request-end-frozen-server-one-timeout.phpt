--TEST--
Request end: with redislock.auto_release=1, ten locks left on a server that froze cost one timeout in all (not one per lock), and one line in PHP's error log says what was not released and where, without the password
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$srv = new TestServer(['--requirepass', 'L0gPw406']);
$pid = $srv->pid();
// However the test ends (exception, fatal error, exit), the server must run again.
register_shutdown_function(fn() => posix_kill($pid, SIGCONT));
$log = tempnam(sys_get_temp_dir(), 'rl406-log-');
$base = unique_name('frozen-end');

// The child takes ten 60 s locks, says so, waits for the test's word, then ends without releasing.
$script = tempnam(sys_get_temp_dir(), 'rl406-');
file_put_contents($script, <<<'PHP'
<?php
for ($i = 0; $i < 10; $i++) {
    $ok[] = is_string(RedisLock::acquireLock("{$argv[1]}:$i", 0, 60));
}
echo "acquired: ", count(array_filter($ok)), "\n";
fgets(STDIN);
echo "ending\n";
PHP);
$cmd = php_cmd() . ' -d redislock.auto_release=1 -d redislock.timeout=300 -d redislock.connect_timeout=300'
    . ' -d ' . escapeshellarg('error_log=' . $log)
    . ' -d ' . escapeshellarg('redislock.servers=' . $srv->url(':L0gPw406'))
    . ' ' . escapeshellarg($script) . ' ' . escapeshellarg($base);
$proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
echo fgets($pipes[1]);

try {
    var_dump(posix_kill($pid, SIGSTOP));
    $t = microtime(true);
    fwrite($pipes[0], "go\n");
    fclose($pipes[0]);
    echo "stdout: ", stream_get_contents($pipes[1]);
    $stderr = stream_get_contents($pipes[2]);
    $code = proc_close($proc);
    $elapsed = microtime(true) - $t;
} finally {
    posix_kill($pid, SIGCONT);
}
echo "exit code $code\n";
// One 300 ms timeout is expected; the old way (one per lock) took 10 x 300 ms = 3 s.
var_dump($elapsed < 1.5);

$lines = array_values(array_filter(file($log, FILE_IGNORE_NEW_LINES), fn($l) => str_contains($l, 'redislock: ')));
echo "redislock log lines: ", count($lines), "\n";
$line = $lines[0] ?? '';
var_dump(str_contains($line, 'not released at request end'));
var_dump(preg_match('/\b10\b/', $line) === 1);   // the count
var_dump(str_contains($line, "127.0.0.1:{$srv->port}"));
var_dump(str_contains($line, lock_key("$base:0")));
var_dump(str_contains($line, 'L0gPw406') || str_contains($stderr, 'L0gPw406'));
// Not released: the keys are still there and expire with their ttl (the one release sent before
// the timeout may run now that the server is back).
$r = $srv->client();
$r->auth('L0gPw406');
var_dump(count($r->keys(lock_key($base) . ':*')) >= 9);
unlink($log);
unlink($script);
?>
--EXPECT--
acquired: 10
bool(true)
stdout: ending
exit code 0
bool(true)
redislock log lines: 1
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
bool(true)
