--TEST--
TLS: RedLock over three rediss:// masters with one frozen (SIGSTOP) is granted by the other two within a bound of the 50 ms node timeout, whether the master froze before its TLS handshake (no connection yet) or with a pooled TLS connection; unlock works on the two and leaves nothing there; resumed, it takes part again; the frozen master is resumed however the test ends
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
ini_set('redislock.tls_ca_file', tls_certs()->ca());
ini_set('redislock.node_timeout', '50');
$srv = [new TlsServer(), new TlsServer(), new TlsServer()];
$pids = array_map(fn($s) => $s->pid(), $srv);
register_shutdown_function(function () use ($pids) {
    foreach ($pids as $pid) {
        posix_kill($pid, SIGCONT);
    }
});
$inspect = array_map(fn($s) => $s->client(), $srv);
$rl = new RedLock(array_map(fn($s) => $s->url(), $srv), 10, 1);

foreach (['before its handshake' => 1, 'with a pooled connection' => 2] as $when => $frozen) {
    echo "frozen $when:\n";
    $resource = unique_name('tls-frozen');
    try {
        $srv[$frozen]->freeze();
        $t = microtime(true);
        $lock = $rl->lock($resource, 10000);
        $elapsed = microtime(true) - $t;
        var_dump(is_array($lock) && $lock['validity'] > 9000);
        var_dump($elapsed < 1.0);                   // hang bound: 20x the node timeout
        foreach ($inspect as $i => $r) {
            if ($i !== $frozen) {
                echo "  master $i holds it: ", var_export($r->get($resource) === $lock['token'], true), "\n";
            }
        }
        $t = microtime(true);
        var_dump($rl->unlock($lock));
        var_dump(microtime(true) - $t < 1.0);
    } finally {
        $srv[$frozen]->thaw();
    }
    // The two that answered hold nothing of it. (The frozen one may run the SET it was sent
    // when it resumes: Redlock leaves that key to its TTL.)
    echo "  left on the other two: ", array_sum(array_map(fn($i) => $inspect[$i]->exists($resource),
        array_diff([0, 1, 2], [$frozen]))), "\n";
    // Resumed, it answers again (on a new connection) and takes part.
    $other = unique_name('tls-after-resume');
    $lock = $rl->lock($other, 10000);
    echo "  all three after resume: ", var_export(array_sum(array_map(fn($r) => $r->get($other) === $lock['token'],
        $inspect)) === 3, true), "\n";
    var_dump($rl->unlock($lock));
    echo "  left: ", array_sum(array_map(fn($r) => $r->exists($other), $inspect)), "\n";
}
?>
--EXPECT--
frozen before its handshake:
bool(true)
bool(true)
  master 0 holds it: true
  master 2 holds it: true
bool(true)
bool(true)
  left on the other two: 0
  all three after resume: true
bool(true)
  left: 0
frozen with a pooled connection:
bool(true)
bool(true)
  master 0 holds it: true
  master 1 holds it: true
bool(true)
bool(true)
  left on the other two: 0
  all three after resume: true
bool(true)
  left: 0
