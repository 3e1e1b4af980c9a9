--TEST--
Stubs: scripts/check-stubs.php fails, naming the difference, when a copy of the stubs changes one default or one parameter name
--SKIPIF--
<?php require __DIR__ . '/skipif-extension.inc'; ?>
--FILE--
<?php
require __DIR__ . '/build.inc';

function check_copy(string $label, ?string $file, string $pattern, string $replacement): void
{
    $dir = scratch_dir('rl601-');
    try {
        copy_stubs($dir);
        if ($file !== null) {
            $source = file_get_contents("$dir/$file");
            $changed = preg_replace($pattern, $replacement, $source, 1, $count);
            file_put_contents("$dir/$file", $changed);
            echo "$label: $count change in $file\n";
        }
        [$status, $out, $err] = run([PHP_BINARY, repo_root() . '/scripts/check-stubs.php', "--stubs=$dir", extension_library()]);
        echo str_replace($dir, 'COPY', $out), $err, "exit status $status\n\n";
    } finally {
        remove_tree($dir);
    }
}

// The copy itself (before any change) matches: a failure below comes from the change alone.
check_copy('unchanged copy', null, '', '');
check_copy('default of acquireLock $acquire_time 3 -> 4', 'RedisLock.php',
    '/(function acquireLock\(string\|int \$lock_name, int\|float \$acquire_time = )3\b/', '${1}4');
check_copy('RedLock::__construct $retryDelay renamed $retry_delay', 'RedLock.php',
    '/(function __construct\(.*?int )\$retryDelay\b/', '${1}$retry_delay');
?>
--EXPECTF--
stubs match the extension: 5 classes, 22 methods, no functions, no constants
exit status 0

default of acquireLock $acquire_time 3 -> 4: 1 change in RedisLock.php
stubs in COPY differ from the extension %s:
  class RedisLock::acquireLock() parameter #2 default: extension 3, stubs 4
exit status 1

RedLock::__construct $retryDelay renamed $retry_delay: 1 change in RedLock.php
stubs in COPY differ from the extension %s:
  class RedLock::__construct() parameter #2 name: extension $retryDelay, stubs $retry_delay
exit status 1
