--TEST--
Watchdog: Redis restarted from an RDB that loads slowly (key-load-delay, about 1 s of -LOADING replies): renewals get -LOADING and are retried, renewal resumes once loaded and the lock (lease 3 s) survives
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/watchdog.inc';
$srv = new TestServer(['--dbfilename', 'dump.rdb']);
ini_set('redislock.servers', $srv->url());
ini_set('redislock.timeout', '200');
ini_set('redislock.connect_timeout', '200');
ini_set('redislock.watchdog', '1');
ini_set('redislock.watchdog_lease', '3000');
$r = $srv->client();
$dir = $r->config('GET', 'dir')['dir'];
$filler = [];
for ($i = 0; $i < 500; $i++) {
    $filler["filler:$i"] = bin2hex(random_bytes(16));
}
var_dump($r->mset($filler));
$name = unique_name('wd-loading');
$key = lock_key($name);

$id = RedisLock::acquireLock($name, 0, 60);
usleep(1100000);   // renewed once (at 1 s)
var_dump($r->save());
$srv->stop();

// The same port, dir and file, loading 2 ms per key (500 keys: about 1 s), serving clients (with
// -LOADING) every 1024 bytes read. Started by hand: TestServer waits for a PONG, which would
// answer -LOADING too (and count among the errors).
$log = fopen("$dir/log", 'a');
$proc = proc_open(['redis-server', '--port', (string) $srv->port, '--bind', '127.0.0.1', '--save', '',
    '--appendonly', 'no', '--dir', $dir, '--dbfilename', 'dump.rdb', '--key-load-delay', '2000',
    '--loading-process-events-interval-bytes', '1024'], [0 => ['file', '/dev/null', 'r'], 1 => $log, 2 => $log], $pipes);
try {
    $loading = function () use ($srv): ?bool {
        $c = @stream_socket_client("tcp://127.0.0.1:{$srv->port}", $errno, $errstr, 0.5);
        if (!$c) {
            return null;
        }
        stream_set_timeout($c, 1);
        fwrite($c, "INFO persistence\r\n");   // INFO is served while loading
        $head = fgets($c);
        $body = $head !== false && $head[0] === '$' ? fread($c, (int) substr($head, 1) + 2) : '';
        while ($body !== false && strlen($body) < (int) substr((string) $head, 1)) {
            $body .= fread($c, 65536);
        }
        fclose($c);
        return str_contains((string) $body, "loading:1\r\n");
    };
    echo "seen loading: ", var_export(wait_until(fn() => $loading() === true, 5) !== null, true), "\n";
    $took = wait_until(fn() => $loading() === false, 10);
    echo "loaded: ", var_export($took !== null, true), "\n";
    $r = $srv->client();
    var_dump($r->dbSize() >= 500);
    $errors = $r->info('errorstats');
    // Only the watchdog sent commands while it loaded (INFO is not refused).
    echo "-LOADING replies: ", var_export(isset($errors['errorstat_LOADING']) && (int) substr($errors['errorstat_LOADING'], 6) >= 1, true), "\n";
    var_dump($r->get($key) === $id);

    usleep(3000000);   // a lease after the load: alive only if renewed since
    var_dump($r->get($key) === $id);
    $pttl = $r->pttl($key);
    echo "PTTL within the lease: ", var_export($pttl > 0 && $pttl <= 3000, true), "\n";
    var_dump(RedisLock::isHeld($name, $id));
    $stats = watchdog_stats();
    echo "watched: {$stats['watched']}, lost: {$stats['lost']}\n";
    var_dump(RedisLock::releaseLock($name, $id));
    var_dump($r->exists($key));
} finally {
    proc_terminate($proc, SIGKILL);
    proc_close($proc);
}
?>
--EXPECT--
bool(true)
bool(true)
seen loading: true
loaded: true
bool(true)
-LOADING replies: true
bool(true)
bool(true)
PTTL within the lease: true
bool(true)
watched: 1, lost: 0
bool(true)
int(0)
