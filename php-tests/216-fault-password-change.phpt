--TEST--
Fault: after ini_set changes only the password of redislock.servers, every later call uses the new password
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector('auth', 's3cret');

function attempt(string $label, Redis $r): void
{
    $name = unique_name('pw-change');
    try {
        $id = RedisLock::acquireLock($name, 0);
        $ok = is_string($id) && $r->get(lock_key($name)) === $id && RedisLock::releaseLock($name, $id);
        echo $label, ': ', $ok ? 'locked' : 'NOT locked', "\n";
    } catch (RedisLockException $e) {
        echo $label, ': ', str_contains($e->getMessage(), 'WRONGPASS') ? 'WRONGPASS' : $e->getMessage(), "\n";
    }
}

// Same host, same user form; only the password changes. Two forms, so each sequence starts fresh.
echo "-- redis://:PASS@ wrong, then right\n";
ini_set('redislock.servers', test_url('auth', ':NotThePw-216'));
attempt('wrong', $r);
ini_set('redislock.servers', test_url('auth', ':s3cret'));
attempt('right', $r);
attempt('right', $r);

echo "-- redis://default:PASS@ right, then wrong\n";
ini_set('redislock.servers', test_url('auth', 'default:s3cret'));
attempt('right', $r);
attempt('right', $r);
ini_set('redislock.servers', test_url('auth', 'default:NotThePw-216'));
attempt('wrong', $r);
attempt('wrong', $r);
?>
--EXPECT--
-- redis://:PASS@ wrong, then right
wrong: WRONGPASS
right: locked
right: locked
-- redis://default:PASS@ right, then wrong
right: locked
right: locked
wrong: WRONGPASS
wrong: WRONGPASS
