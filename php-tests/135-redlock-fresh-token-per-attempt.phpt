--TEST--
RedLock and RedisLock: every attempt of one acquire uses a fresh token (MONITOR shows distinct SET tokens), so a late cleanup of an earlier attempt can never delete what a later attempt won; the identifier returned is the winning attempt's
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$p1 = test_port('m1');
$mon = new Monitor($p1);
$mon->commands();
$name = unique_name('fresh-token');
inspector('m1')->set($name, 'someone-else', ['px' => 10000]);
$rl = new RedLock(["redis://127.0.0.1:$p1"], 1, 4);
var_dump($rl->lock($name, 10000));
$tokens = [];
foreach ($mon->commands() as $line) {
    if (preg_match('/^"SET" "' . preg_quote($name, '/') . '" "([0-9a-f]{32})"/', $line, $m)) {
        $tokens[] = $m[1];
    }
}
var_dump(count($tokens), count(array_unique($tokens)));

// RedisLock: a waiting acquire that wins after some refused attempts returns the winner's token.
ini_set('redislock.servers', "redis://127.0.0.1:$p1");
$key = lock_key($name);
inspector('m1')->set($key, 'someone-else', ['px' => 150]);
$mon->commands();
$id = RedisLock::acquireLock($name, 2, 10);
$tokens = [];
foreach ($mon->commands() as $line) {
    // A waiting RedisLock attempt's SET runs inside its script: MONITOR shows it as "set".
    if (preg_match('/^"SET" "' . preg_quote($key, '/') . '" "([0-9a-f]{32})"/i', $line, $m)) {
        $tokens[] = $m[1];
    }
}
var_dump(count($tokens) > 1, count(array_unique($tokens)) === count($tokens));
var_dump($id === end($tokens), inspector('m1')->get($key) === $id);
var_dump(RedisLock::releaseLock($name, $id));
?>
--EXPECT--
bool(false)
int(4)
int(4)
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
