--TEST--
RedisLock: identifiers are 32 lowercase hex chars of a UUID v4, and 1000 acquires give 1000 distinct ones
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector();
$name = unique_name('shape');
$key = lock_key($name);

$seen = [];
$bad = [];
$notStored = 0;
$notReleased = 0;
for ($i = 0; $i < 1000; $i++) {
    $id = RedisLock::acquireLock($name, 0, 20);
    if (!is_string($id)
        || !preg_match('/^[0-9a-f]{32}$/', $id)
        || $id[12] !== '4'                      // version nibble: 13th hex char
        || strpos('89ab', $id[16]) === false) { // RFC 4122 variant: 17th hex char
        $bad[] = var_export($id, true);
        continue;
    }
    if ($r->get($key) !== $id) {
        $notStored++;
    }
    if (!RedisLock::releaseLock($name, $id)) {
        $notReleased++;
    }
    $seen[$id] = true;
}
echo "malformed: ", count($bad), $bad ? ' e.g. ' . implode(' ', array_slice($bad, 0, 3)) : '', "\n";
echo "distinct: ", count($seen), "\n";
echo "value differed from the key's: $notStored\n";
echo "release failed: $notReleased\n";
?>
--EXPECT--
malformed: 0
distinct: 1000
value differed from the key's: 0
release failed: 0
