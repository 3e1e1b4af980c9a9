--TEST--
Stubs: composer validate --strict accepts stubs/composer.json (a publishable library package)
--SKIPIF--
<?php
require __DIR__ . '/skipif-extension.inc';
if (trim((string) shell_exec('command -v composer')) === '') {
    die('skip composer is not installed (scripts/setup.sh installs Debian\'s composer package)');
}
?>
--FILE--
<?php
require __DIR__ . '/build.inc';

$home = scratch_dir('rl603-');
try {
    [$status, $out, $err] = run(['composer', 'validate', '--strict', '--no-ansi', 'composer.json'],
        composer_env($home), repo_root() . '/stubs');
    echo trim($out . $err), "\nexit status $status\n";
} finally {
    remove_tree($home);
}
?>
--EXPECT--
composer.json is valid
exit status 0
