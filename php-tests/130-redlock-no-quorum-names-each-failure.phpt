--TEST--
RedLock: when two of three masters fail (a hanging connect, a reply of no RESP type) no quorum is possible: one RedisLockException, one line, naming each failed master with its error, and the third master holds nothing afterwards
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$hang = new FakeServer('hang-connect');
$garbage = new FakeServer('garbage');
[$p1] = master_ports();
$m1 = inspector('m1');
$resource = unique_name('redlock-no-quorum');
$rl = new RedLock([['127.0.0.1', $hang->port, 0.2], ['127.0.0.1', $garbage->port, 0.2], ['127.0.0.1', $p1, 0.2]], 10, 1);

$t = microtime(true);
try {
    var_dump($rl->lock($resource, 30000));
} catch (RedisLockException $e) {
    $m = strtr($e->getMessage(), [(string) $hang->port => 'HANG', (string) $garbage->port => 'GARBAGE']);
    var_dump(substr_count($m, "\n"));
    // The failures, in whatever order the message lists them.
    [$head, $list] = explode('): ', $m, 2) + [1 => ''];
    echo get_class($e), ': ', $head, "):\n";
    $failures = explode('; ', $list);
    sort($failures);
    echo implode("\n", $failures), "\n";
}
var_dump(microtime(true) - $t < 5.0);   // hang bound: a 200 ms connect timeout is expected
var_dump($m1->exists($resource));       // the failed attempt took its token back
?>
--EXPECTF--
int(0)
RedisLockException: no quorum possible (2 of 3 Redis servers needed, 2 failed):
127.0.0.1:GARBAGE: unexpected reply: unexpected reply type byte %s
127.0.0.1:HANG: connect timed out after 200 ms
bool(true)
int(0)
