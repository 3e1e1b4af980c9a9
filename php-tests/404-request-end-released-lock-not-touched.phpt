--TEST--
Request end: with redislock.auto_release=1 a lock the script released is not released again, so another process's lock of the same name survives
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
// A server of its own, so its command counters see only this test's traffic.
$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
$r = $srv->client();
$name = unique_name('order');

/** Calls of every command that could delete a key, as counted by the server. */
function delete_calls(Redis $r): int
{
    $n = 0;
    foreach ($r->info('commandstats') as $stat => $value) {
        if (in_array($stat, ['cmdstat_eval', 'cmdstat_evalsha', 'cmdstat_eval_ro', 'cmdstat_evalsha_ro',
                'cmdstat_del', 'cmdstat_unlink', 'cmdstat_getdel', 'cmdstat_fcall'], true)
            && preg_match('/calls=(\d+)/', $value, $m)) {
            $n += (int) $m[1];
        }
    }
    return $n;
}

// The child takes the lock, releases it itself, then waits for the test's word and ends normally.
$script = tempnam(sys_get_temp_dir(), 'rl404-');
file_put_contents($script, <<<'PHP'
<?php
$id = RedisLock::acquireLock($argv[1], 0, 60);
echo "acquired: ", var_export(is_string($id), true), "\n";
echo "released: ", var_export(RedisLock::releaseLock($argv[1], $id), true), "\n";
fgets(STDIN);
echo "ending\n";
PHP);
$cmd = php_cmd() . ' -d redislock.auto_release=1 -d ' . escapeshellarg('redislock.servers=' . $srv->url())
    . ' ' . escapeshellarg($script) . ' ' . escapeshellarg($name);
$proc = proc_open($cmd, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
echo fgets($pipes[1]), fgets($pipes[1]);
var_dump($r->exists(lock_key($name)));

// Another process (this test) now holds the same name.
$mine = RedisLock::acquireLock($name, 0, 60);
var_dump(is_string($mine));
$before = delete_calls($r);

fwrite($pipes[0], "go\n");
fclose($pipes[0]);
echo "stdout: ", stream_get_contents($pipes[1]);
echo "stderr: ", var_export(stream_get_contents($pipes[2]), true), "\n";
echo "exit code ", proc_close($proc), "\n";

var_dump($r->get(lock_key($name)) === $mine);         // our lock is untouched
var_dump($r->pttl(lock_key($name)) > 50000);
var_dump(delete_calls($r) - $before);                 // the child's end sent no release at all
var_dump(RedisLock::releaseLock($name, $mine));
unlink($script);
?>
--EXPECT--
acquired: true
released: true
int(0)
bool(true)
stdout: ending
stderr: ''
exit code 0
bool(true)
bool(true)
int(0)
bool(true)
