--TEST--
Stubs: php -l finds no syntax error in any stub file, nor in scripts/check-stubs.php
--SKIPIF--
<?php require __DIR__ . '/skipif-extension.inc'; ?>
--FILE--
<?php
require __DIR__ . '/build.inc';

// `php -n -l`: the stubs must parse on a bare PHP, as IDEs and analysers read them.
foreach ([...glob(repo_root() . '/stubs/*.php'), repo_root() . '/scripts/check-stubs.php'] as $file) {
    [$status, $out, $err] = run([PHP_BINARY, '-n', '-l', $file]);
    echo basename($file), ': ', trim(str_replace($file, basename($file), $out . $err)), ", exit status $status\n";
}
?>
--EXPECT--
RedLock.php: No syntax errors detected in RedLock.php, exit status 0
RedisLock.php: No syntax errors detected in RedisLock.php, exit status 0
RedisLockException.php: No syntax errors detected in RedisLockException.php, exit status 0
RedisLockLostException.php: No syntax errors detected in RedisLockLostException.php, exit status 0
RedisLockTimeoutException.php: No syntax errors detected in RedisLockTimeoutException.php, exit status 0
check-stubs.php: No syntax errors detected in check-stubs.php, exit status 0
