--TEST--
RedisLock: with acquire_time 5 the caller waits while another process holds the lock and gets it once released
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('waiter');
$key = lock_key($name);

// The holder: another PHP process that takes the lock, says so, holds it ~300 ms and releases it.
$script = tempnam(sys_get_temp_dir(), 'rl-holder');
file_put_contents($script, <<<'PHP'
<?php
ini_set('redislock.servers', $argv[1]);
$id = RedisLock::acquireLock($argv[2], 0, 30);
echo 'held ', $id === false ? 'NOTHING' : $id, "\n";
fflush(STDOUT);
usleep(300000);
echo 'released ', var_export(RedisLock::releaseLock($argv[2], $id), true), "\n";
PHP);
$child = proc_open(php_cmd() . ' ' . escapeshellarg($script) . ' ' . escapeshellarg(test_url()) . ' '
    . escapeshellarg($name), [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);

$line = fgets($pipes[1]);
if (!preg_match('/^held ([0-9a-f]{32})$/', rtrim((string) $line), $m)) {
    echo "child did not take the lock: ", var_export($line, true), ' ', stream_get_contents($pipes[2]), "\n";
}
$holder = $m[1] ?? '';
var_dump($r->get($key) === $holder);          // really held by the child when we start waiting

$t0 = microtime(true);
$id = RedisLock::acquireLock($name, 5, 20);
$elapsed = microtime(true) - $t0;

var_dump(is_string($id) && $id !== $holder);
var_dump($elapsed >= 0.25);                   // it really waited for the release
var_dump($r->get($key) === $id);
echo rtrim((string) fgets($pipes[1])), "\n";  // the child released its own lock
echo stream_get_contents($pipes[2]);
fclose($pipes[1]);
fclose($pipes[2]);
var_dump(proc_close($child));
unlink($script);
var_dump(RedisLock::releaseLock($name, $id));
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
released true
int(0)
bool(true)
