--TEST--
Fault: a password given in the INI settings (php.ini / -d) is masked before the script runs: phpinfo(), ini_get, ini_get_all never show it
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--INI--
zend.exception_ignore_args=0
redislock.servers=redis://locker:Xyzzy-1ni-Secret@127.0.0.1:1
--FILE--
<?php
// No ini_set first: this test is about the value the INI settings gave.
require __DIR__ . '/redis.inc';

// run-tests.php copies its -d flags, this --INI-- section included, into TEST_PHP_EXTRA_ARGS for
// child processes; phpinfo() prints the environment. That copy is the runner's, not a place the
// extension could mask, so it is removed before looking.
putenv('TEST_PHP_EXTRA_ARGS');
unset($_SERVER['TEST_PHP_EXTRA_ARGS'], $_ENV['TEST_PHP_EXTRA_ARGS']);

function leaks(string $what, string $text): void
{
    echo $what, ': ', str_contains($text, 'Xyzzy-1ni-Secret') ? 'LEAKED' : 'clean', "\n";
}

ob_start();
phpinfo();
$info = ob_get_clean();
leaks('phpinfo', $info);
var_dump(str_contains($info, 'redis://locker:***@127.0.0.1:1'));
var_dump(ini_get('redislock.servers'));
leaks('ini_get_all', var_export(ini_get_all('redislock'), true));

// A lock call with it (nothing listens on port 1) fails without showing it either.
try {
    var_dump(RedisLock::acquireLock(unique_name('ini-leak'), 0));
} catch (RedisLockException $e) {
    echo $e->getMessage(), "\n";
    leaks('(string)$e', (string) $e);
}
var_dump(ini_get('redislock.servers'));
?>
--EXPECT--
phpinfo: clean
bool(true)
string(31) "redis://locker:***1@127.0.0.1:1"
ini_get_all: clean
Redis server 127.0.0.1:1: Connection refused (os error 111)
(string)$e: clean
string(31) "redis://locker:***1@127.0.0.1:1"
