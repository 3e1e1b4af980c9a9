--TEST--
Fault: the password of redislock.servers appears nowhere PHP code can see, whether the connection fails or succeeds
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
zend.exception_ignore_args=0
--FILE--
<?php
require __DIR__ . '/redis.inc';
ini_set('redislock.servers', test_url());
$r = inspector('auth', 's3cret');

function leaks(string $what, string $text): void
{
    echo $what, ': ', str_contains($text, 's3cret') ? 'LEAKED' : 'clean', "\n";
}
function phpinfo_text(): string
{
    ob_start();
    phpinfo();
    return ob_get_clean();
}

// 1. The right password, on a port where nothing listens: the call fails.
$refused = free_port();
ini_set('redislock.servers', "redis://default:s3cret@127.0.0.1:$refused");
$name = unique_name('leak');
try {
    var_dump(RedisLock::acquireLock($name, 0));
} catch (RedisLockException $e) {
    echo get_class($e), "\n";
    leaks('message', $e->getMessage());
    leaks('getTraceAsString', $e->getTraceAsString());
    leaks('print_r(getTrace)', print_r($e->getTrace(), true));
    leaks('(string)$e', (string) $e);
    leaks('var_export($e)', var_export($e, true));
}
leaks('ini_get', ini_get('redislock.servers'));
leaks('ini_get_all', var_export(ini_get_all('redislock'), true));
$info = phpinfo_text();
leaks('phpinfo', $info);
// The setting is really shown (masked), so the phpinfo check looks at the right place.
var_dump(str_contains($info, "redis://default:***@127.0.0.1:$refused"));

// 2. The same password against the server that wants it: the calls succeed.
$old = ini_set('redislock.servers', "redis://default:s3cret@127.0.0.1:" . test_port('auth'));
leaks('ini_set old value', var_export($old, true));
$name = unique_name('leak');
$id = RedisLock::acquireLock($name, 0);
leaks('var_dump(acquireLock)', (function () use ($id) { ob_start(); var_dump($id); return ob_get_clean(); })());
var_dump(is_string($id) && $r->get(lock_key($name)) === $id);
leaks('ini_get', ini_get('redislock.servers'));
leaks('ini_get_all', var_export(ini_get_all('redislock'), true));
$info = phpinfo_text();
leaks('phpinfo', $info);
var_dump(str_contains($info, "redis://default:***@127.0.0.1:" . test_port('auth')));
$released = RedisLock::releaseLock($name, $id);
var_dump($released);
var_dump($r->exists(lock_key($name)));
leaks('ini_get after release', ini_get('redislock.servers'));
?>
--EXPECT--
RedisLockException
message: clean
getTraceAsString: clean
print_r(getTrace): clean
(string)$e: clean
var_export($e): clean
ini_get: clean
ini_get_all: clean
phpinfo: clean
bool(true)
ini_set old value: clean
var_dump(acquireLock): clean
bool(true)
ini_get: clean
ini_get_all: clean
phpinfo: clean
bool(true)
bool(true)
int(0)
ini_get after release: clean
