--TEST--
RedisLock: a holder whose key expires without a release (never notifies) is replaced at its expiry by a waiter, not at a later poll
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('expiry');
$late = [];
foreach ([120, 250, 400] as $px) {
    $r->set(lock_key($name), 'a-holder-that-dies', ['px' => $px]);
    $t = microtime(true);
    $id = RedisLock::acquireLock($name, 3, 10);
    $late[] = (microtime(true) - $t) * 1000 - $px;
    var_dump(is_string($id) && $r->get(lock_key($name)) === $id);
    RedisLock::releaseLock($name, $id);
}
// Expected a few ms after the expiry; Redis's own BLPOP timeout would be up to 100 ms late.
var_dump(max($late) < 60, min($late) > -5);
?>
--EXPECT--
bool(true)
bool(true)
bool(true)
bool(true)
bool(true)
