--TEST--
Lifecycle: isHeld() is false for a forged identifier, an empty one, one of another lock, the holder's in upper case, with a byte added or cut, or with a NUL byte; the holder's own stays true
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('isheld-forged');
$other = unique_name('isheld-other');

$id = RedisLock::acquireLock($name, 0, 30);
$otherId = RedisLock::acquireLock($other, 0, 30);
foreach ([
    'forged' => bin2hex(random_bytes(16)),
    'empty' => '',
    'another lock\'s' => $otherId,
    'upper case' => strtoupper($id),
    'byte added' => $id . '0',
    'byte cut' => substr($id, 0, 31),
    'NUL appended' => $id . "\0",
    'NUL inside' => substr($id, 0, 16) . "\0" . substr($id, 17),
    'the holder\'s' => $id,
] as $what => $ident) {
    echo "$what: ", var_export(RedisLock::isHeld($name, $ident), true), "\n";
}
var_dump($r->get(lock_key($name)) === $id, $r->get(lock_key($other)) === $otherId);
var_dump(RedisLock::releaseLock($name, $id), RedisLock::releaseLock($other, $otherId));
?>
--EXPECT--
forged: false
empty: false
another lock's: false
upper case: false
byte added: false
byte cut: false
NUL appended: false
NUL inside: false
the holder's: true
bool(true)
bool(true)
bool(true)
bool(true)
