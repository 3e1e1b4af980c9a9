--TEST--
Stubs: scripts/check-stubs.php finds the stubs identical to the running extension (classes, methods, parameters, defaults, types)
--SKIPIF--
<?php require __DIR__ . '/skipif-extension.inc'; ?>
--FILE--
<?php
require __DIR__ . '/build.inc';

// check-stubs.php reflects the extension in one `php -n` process and the stubs in another without it.
[$status, $out, $err] = run([PHP_BINARY, repo_root() . '/scripts/check-stubs.php', extension_library()]);
echo $out, $err, "exit status $status\n";
?>
--EXPECT--
stubs match the extension: 5 classes, 22 methods, no functions, no constants
exit status 0
