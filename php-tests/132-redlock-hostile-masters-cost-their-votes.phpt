--TEST--
RedLock: masters answering hostile replies (60,000 nested arrays, a 999,999,999,999-byte bulk header, a reply with no RESP type) cost only their votes: with two of five the lock is granted; with two of three no quorum is possible and the exception names them; no crash
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$nested = new FakeServer('nested');
$huge = new FakeServer('huge-bulk');
$garbage = new FakeServer('garbage');
[$p1, $p2, $p3] = master_ports();
$masters = [inspector('m1'), inspector('m2'), inspector('m3')];
$resource = unique_name('redlock-hostile');

$rl = new RedLock([['127.0.0.1', $p1, 1.0], ['127.0.0.1', $nested->port, 1.0], ['127.0.0.1', $p2, 1.0],
    ['127.0.0.1', $huge->port, 1.0], ['127.0.0.1', $p3, 1.0]], 10, 1);
$t = microtime(true);
$lock = $rl->lock($resource, 30000);
var_dump(is_array($lock) && $lock['validity'] > 0);
var_dump(microtime(true) - $t < 5.0);   // hang bound
foreach ($masters as $i => $m) {
    echo "m", $i + 1, ": ", var_export($m->get($resource) === $lock['token'], true), "\n";
}
var_dump($rl->unlock($lock));
echo "left: ", array_sum(array_map(fn($m) => $m->exists($resource), $masters)), "\n";

$rl = new RedLock([['127.0.0.1', $nested->port, 1.0], ['127.0.0.1', $p1, 1.0], ['127.0.0.1', $garbage->port, 1.0]], 10, 1);
try {
    var_dump($rl->lock($resource, 30000));
} catch (RedisLockException $e) {
    $m = strtr($e->getMessage(), [(string) $nested->port => 'NESTED', (string) $garbage->port => 'GARBAGE']);
    [$head, $list] = explode('): ', $m, 2) + [1 => ''];
    echo get_class($e), ': ', $head, "):\n";
    $failures = explode('; ', $list);
    sort($failures);
    echo implode("\n", $failures), "\n";
}
var_dump($masters[0]->exists($resource));
?>
--EXPECTF--
bool(true)
bool(true)
m1: true
m2: true
m3: true
bool(true)
left: 0
RedisLockException: no quorum possible (2 of 3 Redis servers needed, 2 failed):
127.0.0.1:GARBAGE: unexpected reply: unexpected reply type byte %s
127.0.0.1:NESTED: unexpected reply: nested deeper than 16 levels
int(0)
