--TEST--
Lifecycle: the smallest valid $lock_timeout, 0.001 s (and 2 or 3 ms), is accepted and a free lock is granted at the first attempt: one SET ... PX 1, the identifier returned, not deleted again nor retried until $acquire_time ends
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
// A server of this test's own: MONITOR sees only this test's commands.
$srv = new TestServer();
ini_set('redislock.servers', $srv->url());
$r = $srv->client();
// Open the connection first, so the monitor sees no handshake.
RedisLock::releaseLock('warm-up', 'ffffffffffffffffffffffffffffffff');
$mon = new Monitor($srv->port);

foreach ([0.001, 0.002, 0.003] as $i => $ttl) {
    $mon->commands();
    $t0 = hrtime(true);
    $id = RedisLock::acquireLock("ms$i", 0.5, $ttl);
    $elapsed = (hrtime(true) - $t0) / 1e9;
    $cmds = $mon->commands();
    $px = (int) round($ttl * 1000);
    echo "lock_timeout $ttl: ", is_string($id) ? 'identifier' : var_export($id, true),
        ", SETs: ", Monitor::count($cmds, 'SET'),
        ", SET with PX $px: ", var_export(in_array("\"SET\" \"AGENT_ORDER_LOCK:ms$i\" \"$id\" \"NX\" \"PX\" \"$px\"", $cmds, true), true),
        ", deleted again: ", Monitor::count($cmds, 'DEL') + Monitor::count($cmds, 'EVALSHA'),
        ", returned before acquire_time ended: ", var_export($elapsed < 0.4, true), "\n";
}

$mon->commands();
$f = RedisLock::acquireFenced('ms-fenced', 0, 0.001);
echo "acquireFenced 0.001: ", is_array($f) ? 'fence ' . $f['fence'] : var_export($f, true), "\n";
?>
--EXPECT--
lock_timeout 0.001: identifier, SETs: 1, SET with PX 1: true, deleted again: 0, returned before acquire_time ended: true
lock_timeout 0.002: identifier, SETs: 1, SET with PX 2: true, deleted again: 0, returned before acquire_time ended: true
lock_timeout 0.003: identifier, SETs: 1, SET with PX 3: true, deleted again: 0, returned before acquire_time ended: true
acquireFenced 0.001: fence 1
