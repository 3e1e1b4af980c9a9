--TEST--
Watchdog: a process ending while its thread renews against a frozen server (renewals timing out at 200 ms) exits promptly and cleanly (module shutdown joins the thread within a timeout); one ending with a watched lock on a healthy server too, and its lock then expires within a lease
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
<?php if (!extension_loaded('posix')) die('skip posix needed'); ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
$srv = new TestServer();
$pid = $srv->pid();
register_shutdown_function(fn() => posix_kill($pid, SIGCONT));
$code = <<<'PHP'
<?php
$id = RedisLock::acquireLock($argv[1], 0, 30);
echo "id=$id\n";
fgets(STDIN);
usleep(300000);   // a renewal or two in flight or failing
echo "ending\n";
PHP;
$ini = ['redislock.watchdog' => 1, 'redislock.watchdog_lease' => 300, 'redislock.timeout' => 200,
    'redislock.connect_timeout' => 200];

foreach (['frozen' => $srv, 'healthy' => null] as $case => $server) {
    $url = $server ? $server->url() : test_url();
    $name = unique_name("wd-exit-$case");
    $child = new ChildPhp($ini + ['redislock.servers' => $url], $code, [$name]);
    echo "$case: ", preg_match('/^id=[0-9a-f]{32}$/', (string) $child->line()) ? 'acquired' : 'not acquired', "\n";
    try {
        if ($server) {
            posix_kill($pid, SIGSTOP);
        }
        $t = microtime(true);
        $child->send('go');
        [$out, $err, $st] = $child->finish();
        $elapsed = microtime(true) - $t;
    } finally {
        posix_kill($pid, SIGCONT);
    }
    echo "$case: output: ", trim($out), ", stderr: '", trim($err), "', exit code ", $st['exitcode'],
        ", ended within 3 s: ", var_export($elapsed < 3.0, true), "\n";
    if (!$server) {
        $gone = wait_until(fn() => inspector()->exists(lock_key($name)) === 0, 10);
        echo "$case: lock expired within 3 leases: ", var_export($gone !== null && $gone < 0.9, true), "\n";
    }
}
?>
--EXPECT--
frozen: acquired
frozen: output: ending, stderr: '', exit code 0, ended within 3 s: true
healthy: acquired
healthy: output: ending, stderr: '', exit code 0, ended within 3 s: true
healthy: lock expired within 3 leases: true
