--TEST--
Request end: the error-log line about locks not released (their server went away) is one line: lock keys with a newline or bytes that are not UTF-8 are escaped (\x0a, \xe9) and a 1024-byte key is cut short
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$srv = new TestServer();
$log = tempnam(sys_get_temp_dir(), 'rl408-log-');
$script = tempnam(sys_get_temp_dir(), 'rl408-');
file_put_contents($script, <<<'PHP'
<?php
foreach (["line\nbreak", "caf\xe9", str_repeat('n', 1024)] as $name) {
    $ok[] = is_string(RedisLock::acquireLock($name, 0, 60));
}
echo "acquired: ", count(array_filter($ok)), "\n";
fgets(STDIN);
PHP);
$cmd = php_cmd() . ' -d redislock.auto_release=1 -d redislock.timeout=300 -d redislock.connect_timeout=300'
    . ' -d ' . escapeshellarg('error_log=' . $log) . ' -d ' . escapeshellarg('redislock.servers=' . $srv->url())
    . ' ' . escapeshellarg($script);
$proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
echo fgets($pipes[1]);
$srv->stop();   // the server goes away while the locks are held
fclose($pipes[0]);
stream_get_contents($pipes[1]);
stream_get_contents($pipes[2]);
echo "exit code ", proc_close($proc), "\n";

$text = file_get_contents($log);
$lines = array_values(array_filter(explode("\n", rtrim($text, "\n")), fn($l) => str_contains($l, 'redislock: ')));
echo "redislock log lines: ", count($lines), "\n";
$line = $lines[0] ?? '';
echo "log file lines: ", substr_count($text, "\n"), "\n";   // nothing but the one line
var_dump(str_contains($line, 'not released at request end'), preg_match('/\b3\b/', $line) === 1);
var_dump(str_contains($line, 'AGENT_ORDER_LOCK:line\x0abreak'));
var_dump(str_contains($line, 'AGENT_ORDER_LOCK:caf\xe9'));
var_dump(str_contains($line, str_repeat('n', 300)), strlen($line) < 2048);
var_dump(preg_match('/[\x00-\x1f\x7f-\xff]/', $line));
unlink($log);
unlink($script);
?>
--EXPECT--
acquired: 3
exit code 0
redislock log lines: 1
log file lines: 1
bool(true)
bool(true)
bool(true)
bool(true)
bool(false)
bool(true)
int(0)
