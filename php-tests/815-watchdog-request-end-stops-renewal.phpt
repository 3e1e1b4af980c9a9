--TEST--
Watchdog: in a process that serves several requests (php -S), a watched lock its request did not release stops being renewed when the request ends: the process lives on, yet the key expires within about a lease; with auto_release=1 it is released at request end
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
$r = inspector();
$name = unique_name('wd-reqend');
$key = lock_key($name);
$dir = sys_get_temp_dir() . '/rl815-' . getmypid();
@mkdir($dir);
file_put_contents("$dir/index.php", <<<'PHP'
<?php
header('Content-Type: text/plain');
if (isset($_GET['auto_release'])) {
    ini_set('redislock.auto_release', '1');
    ini_set('redislock.watchdog_lease', '2000');
}
if ($_GET['a'] === 'take') {
    $id = RedisLock::acquireLock($_GET['name'], 0, 30);
    echo getmypid(), ' ', $id;    // and the request ends without releasing it
} else {
    ob_start();
    phpinfo(INFO_MODULES);
    preg_match('/watchdog \(this process\) <\/td><td class="v">(.*?) <\/td>/', ob_get_clean(), $m);
    echo getmypid(), ' ', $m[1] ?? '?';
}
PHP);
$port = free_port();
$cmd = 'exec ' . php_cmd() . ' -d redislock.watchdog=1 -d redislock.watchdog_lease=500 -d '
    . escapeshellarg('redislock.servers=' . test_url()) . " -S 127.0.0.1:$port -t " . escapeshellarg($dir);
$proc = proc_open($cmd, [0 => ['file', '/dev/null', 'r'], 1 => ['file', "$dir/log", 'a'], 2 => ['file', "$dir/log", 'a']], $pipes);
try {
    $get = function (array $q) use ($port): string {
        $ctx = stream_context_create(['http' => ['timeout' => 10]]);
        return (string) @file_get_contents("http://127.0.0.1:$port/index.php?" . http_build_query($q), false, $ctx);
    };
    echo "server up: ", var_export(wait_until(fn() => @fsockopen('127.0.0.1', $port) !== false, 10) !== null, true), "\n";

    [$pid1, $id] = explode(' ', $get(['a' => 'take', 'name' => $name])) + [1 => ''];
    $t = microtime(true);
    echo "taken: ", var_export($r->get($key) === $id, true), "\n";
    [$pid2, $row] = explode(' ', $get(['a' => 'row']), 2) + [1 => ''];
    echo "same process: ", var_export($pid1 === $pid2 && $pid1 === (string) proc_get_status($proc)['pid'], true), "\n";
    echo "next request's row: ", preg_replace('/\d+ renewal\(s\)/', 'N renewal(s)', $row), "\n";
    $gone = wait_until(fn() => $r->exists($key) === 0, 10);
    $elapsed = microtime(true) - $t;
    echo "expired within 3 leases: ", var_export($gone !== null && $elapsed < 1.5, true), "\n";
    if ($gone === null || $elapsed >= 1.5) {
        echo "took $elapsed s\n";
    }
    echo "server still running: ", var_export(proc_get_status($proc)['running'], true), "\n";

    // auto_release=1 (lease 2 s in that request): released at its end, not left to expire.
    [, $id] = explode(' ', $get(['a' => 'take', 'name' => $name, 'auto_release' => 1])) + [1 => ''];
    echo "taken again: ", var_export(strlen($id) === 32, true), "\n";
    $gone = wait_until(fn() => $r->exists($key) === 0, 10);
    echo "released at request end (well within the 2 s lease): ", var_export($gone !== null && $gone < 0.5, true), "\n";
    [, $row] = explode(' ', $get(['a' => 'row']), 2) + [1 => ''];
    echo "row: ", preg_replace('/\d+ renewal\(s\)/', 'N renewal(s)', $row), "\n";
} finally {
    proc_terminate($proc, SIGKILL);
    proc_close($proc);
    @array_map('unlink', glob("$dir/*") ?: []);
    @rmdir($dir);
}
?>
--EXPECT--
server up: true
taken: true
same process: true
next request's row: running: 0 lock(s) renewed; N renewal(s), 0 lock(s) found lost
expired within 3 leases: true
server still running: true
taken again: true
released at request end (well within the 2 s lease): true
row: running: 0 lock(s) renewed; N renewal(s), 0 lock(s) found lost
