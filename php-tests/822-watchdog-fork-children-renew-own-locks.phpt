--TEST--
Watchdog: 40 pcntl_fork children forked at random moments of a parent whose watchdog renews every 17 ms (lease 50 ms, one server), then every 20 ms over a quorum with a frozen master (each round waiting for its timeout): each child's own watched lock (lease 50 ms) is renewed by its own thread for 6 leases, and the parent's lock stays held
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
<?php if (!extension_loaded('pcntl') || !extension_loaded('posix')) die('skip pcntl and posix needed'); ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
// The server to freeze is started by hand, not as a TestServer: the children exit() in this
// script, and a TestServer's destructor would stop the server in each of them.
$port = free_port();
$dir = sys_get_temp_dir() . '/rl822-' . getmypid();
@mkdir($dir);
$proc = proc_open(['redis-server', '--port', (string) $port, '--bind', '127.0.0.1', '--save', '',
    '--appendonly', 'no', '--dir', $dir], [0 => ['file', '/dev/null', 'r'], 1 => ['file', "$dir/log", 'a'],
    2 => ['file', "$dir/log", 'a']], $pipes);
$spid = proc_get_status($proc)['pid'];
$parent = getmypid();
register_shutdown_function(function () use ($spid, $proc, $parent, $dir) {
    if (getmypid() === $parent) {
        posix_kill($spid, SIGCONT);
        proc_terminate($proc, SIGKILL);
        proc_close($proc);
        @array_map('unlink', glob("$dir/*") ?: []);
        @rmdir($dir);
    }
});
echo "server up: ", var_export(wait_until(function () use ($port) {
    $s = @fsockopen('127.0.0.1', $port, $e, $es, 0.1);
    if (!$s) {
        return false;
    }
    fwrite($s, "PING\r\n");
    $ok = fgets($s) === "+PONG\r\n";
    fclose($s);
    return $ok;
}, 10) !== null, true), "\n";
ini_set('redislock.watchdog', '1');
ini_set('redislock.node_timeout', '20');
$base = unique_name('wd-forks');

// healthy: one server, lease 50 ms (a renewal every 17 ms). frozen: a quorum of three whose
// third master is frozen, lease 60 ms: every renewal round (every 20 ms) waits for the frozen
// master's timeout (capped at a tenth of the lease) while the other two renew the lock.
$cases = ['healthy' => [test_url(), 50], 'frozen' => [implode(',', [test_url('m1'), test_url('m2'), "redis://127.0.0.1:$port"]), 60]];
foreach ($cases as $case => [$url, $lease]) {
    ini_set('redislock.servers', $url);
    ini_set('redislock.watchdog_lease', (string) $lease);
    $parentId = RedisLock::acquireLock("$base:$case", 0, 60);
    $ok = $hung = $failed = 0;
    try {
        if ($case === 'frozen') {
            posix_kill($spid, SIGSTOP);
        }
        for ($i = 0; $i < 20; $i++) {
            usleep(random_int(0, 5000));
            [$mine, $theirs] = stream_socket_pair(STREAM_PF_UNIX, STREAM_SOCK_STREAM, STREAM_IPPROTO_IP);
            $pid = pcntl_fork();
            if ($pid === 0) {
                // The child: a watched lock of its own on the main server, renewed for 6 leases;
                // it reports, releases and ends (how children end: 821).
                fclose($mine);
                ini_set('redislock.servers', test_url());
                ini_set('redislock.watchdog_lease', '50');
                $c = inspector();
                $n = "$base:$case:child$i";
                $id = RedisLock::acquireLock($n, 0, 30);
                usleep(300000);
                $held = is_string($id) && $c->get(lock_key($n)) === $id;
                fwrite($theirs, ($held ? 'renewed' : 'not renewed') . "\n");
                RedisLock::releaseLock($n, (string) $id);
                exit(0);
            }
            fclose($theirs);
            stream_set_timeout($mine, 3);
            $report = fgets($mine);
            fclose($mine);
            if ($report === "renewed\n") {
                $ok++;
            } elseif ($report === false) {
                $hung++;
            } else {
                $failed++;
            }
            // Ended or not (821 checks that), it is stopped now.
            if (wait_until(fn() => pcntl_waitpid($pid, $st, WNOHANG) === $pid, 3) === null) {
                posix_kill($pid, SIGKILL);
                pcntl_waitpid($pid, $st);
            }
        }
    } finally {
        posix_kill($spid, SIGCONT);
    }
    echo "$case: children renewed: $ok, not renewed: $failed, no report: $hung\n";
    // Created now, in the parent only: the children inherit no phpredis connection.
    var_dump(inspector($case === 'healthy' ? 'main' : 'm1')->get(lock_key("$base:$case")) === $parentId);
    var_dump(RedisLock::releaseLock("$base:$case", $parentId));
}
foreach (['main', 'm1', 'm2'] as $n) {
    var_dump(inspector($n)->keys(lock_key($base) . '*'));
}
?>
--EXPECT--
server up: true
healthy: children renewed: 20, not renewed: 0, no report: 0
bool(true)
bool(true)
frozen: children renewed: 20, not renewed: 0, no report: 0
bool(true)
bool(true)
array(0) {
}
array(0) {
}
array(0) {
}
