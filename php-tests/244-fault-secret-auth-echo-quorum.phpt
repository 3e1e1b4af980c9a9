--TEST--
Fault: in a quorum, masters whose error to AUTH quotes the credentials (fake servers) fail without the user name or password reaching the "no quorum possible" RedisLockException
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
require __DIR__ . '/redis.inc';
$a = new FakeServer('auth-echo');
$b = new FakeServer('auth-echo');
$p1 = test_port('m1');
// Every entry has the same credentials (m1 has no password: it refuses AUTH too).
$rl = new RedLock([$a->url('Us3rQ:S3cr3tQ'), $b->url('Us3rQ:S3cr3tQ'), "redis://Us3rQ:S3cr3tQ@127.0.0.1:$p1"], 0, 1);
try {
    var_dump($rl->lock(unique_name('auth-echo-quorum'), 5000));
} catch (RedisLockException $e) {
    $m = strtr($e->getMessage(), [(string) $a->port => 'A', (string) $b->port => 'B', (string) $p1 => 'M1']);
    [$head, $list] = explode('): ', $m, 2) + [1 => ''];
    // Decided as soon as two have failed: the third may or may not be in the list.
    echo get_class($e), ': ', preg_replace('/\d failed/', 'N failed', $head), "):\n";
    $failures = explode('; ', $list);
    $auth = preg_grep("/^127\\.0\\.0\\.1:(A|B|M1): authentication or database selection failed: /", $failures);
    var_dump(count($failures) >= 2 && count($auth) === count($failures));
    echo implode("\n", preg_grep('/ERR unknown command/', $failures) ? ['echo fakes answered AUTH as expected'] : $failures), "\n";
    $all = $e->getMessage() . (string) $e . print_r($e->getTrace(), true);
    echo str_contains($all, 'S3cr3tQ') || str_contains($all, 'Us3rQ') ? 'LEAKED' : 'clean', "\n";
}
var_dump(inspector('m1')->keys('*auth-echo-quorum*'));
?>
--EXPECTF--
RedisLockException: no quorum possible (2 of 3 Redis servers needed, N failed):
bool(true)
echo fakes answered AUTH as expected
clean
array(0) {
}
