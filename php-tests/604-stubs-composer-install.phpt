--TEST--
Stubs: Composer installs redislock/redislock-stubs offline from a path repository into a new project's vendor/, and its autoloader never loads them
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

$project = scratch_dir('rl604-');
$home = scratch_dir('rl604-home-');
try {
    file_put_contents("$project/composer.json", json_encode([
        'name' => 'shop/app',
        'repositories' => [
            ['type' => 'path', 'url' => repo_root() . '/stubs', 'options' => ['symlink' => false]],
            ['packagist.org' => false],
        ],
        'require-dev' => ['redislock/redislock-stubs' => '*@dev'],
    ], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES));

    [$status, $out, $err] = run(['composer', 'install', '--no-ansi', '--no-progress'],
        composer_env($home), $project);
    echo "composer install: exit status $status\n";
    if ($status !== 0) {
        echo $out, $err;
    }
    // Composer's own record of what it installed.
    $installed = json_decode((string) @file_get_contents("$project/vendor/composer/installed.json"), true);
    foreach ($installed['packages'] ?? [] as $package) {
        echo "installed: {$package['name']} ({$package['type']}, dev: ", var_export(in_array($package['name'], $installed['dev-package-names'] ?? [], true), true), ")\n";
    }

    $vendor = "$project/vendor/redislock/redislock-stubs";
    echo "a copy, not a symlink: ", var_export(is_dir($vendor) && !is_link($vendor), true), "\n";
    $files = array_map('basename', glob("$vendor/*"));
    sort($files);
    echo "files: ", implode(' ', $files), "\n";
    // What an IDE or PHPStan indexes: every PHP file of the installed package, loaded together.
    $probe = '$c0 = get_declared_classes(); $f0 = get_defined_functions()["user"]; $k0 = get_defined_constants(true)["user"] ?? [];'
        . ' foreach (glob($argv[1] . "/*.php") as $f) { require $f; }'
        . ' $c = array_diff(get_declared_classes(), $c0); sort($c);'
        . ' $f = array_diff(get_defined_functions()["user"], $f0); $k = array_diff_key(get_defined_constants(true)["user"] ?? [], $k0);'
        . ' echo "classes ", implode(", ", $c), "; functions ", $f ? implode(", ", $f) : "none", "; constants ", $k ? implode(", ", array_keys($k)) : "none";';
    [$status, $out, $err] = run([PHP_BINARY, '-n', '-r', $probe, $vendor], [], $project);
    echo "declared by every PHP file of the package: ", trim($out . $err), "\n";
    foreach (['RedisLock.php', 'RedLock.php', 'RedisLockException.php', 'RedisLockTimeoutException.php', 'RedisLockLostException.php'] as $stub) {
        echo "$stub same as stubs/$stub: ",
            var_export(@file_get_contents("$vendor/$stub") === file_get_contents(repo_root() . "/stubs/$stub"), true), "\n";
    }

    // No `files` or class autoload: without the extension the autoloader declares no RedisLock...
    $probe = 'require "vendor/autoload.php"; var_dump(class_exists("RedisLock"), class_exists("RedLock"), class_exists("RedisLockException"));';
    [$status, $out, $err] = run([PHP_BINARY, '-n', '-r', $probe], [], $project);
    echo "without the extension: ", preg_replace('/\s+/', ' ', trim($out . $err)), ", exit status $status\n";
    // ...and with it, the classes are the extension's own (no "Cannot declare class").
    $probe = 'require "vendor/autoload.php"; $r = new ReflectionClass("RedisLock"); echo $r->isInternal() ? "internal" : "user", " ", $r->getExtensionName();';
    [$status, $out, $err] = run([PHP_BINARY, '-n', '-d', 'extension=' . extension_library(), '-r', $probe], [], $project);
    echo "with the extension: ", trim($out . $err), ", exit status $status\n";
} finally {
    remove_tree($project);
    remove_tree($home);
}
?>
--EXPECT--
composer install: exit status 0
installed: redislock/redislock-stubs (library, dev: true)
a copy, not a symlink: true
files: README.md RedLock.php RedisLock.php RedisLockException.php RedisLockLostException.php RedisLockTimeoutException.php composer.json
declared by every PHP file of the package: classes RedLock, RedisLock, RedisLockException, RedisLockLostException, RedisLockTimeoutException; functions none; constants none
RedisLock.php same as stubs/RedisLock.php: true
RedLock.php same as stubs/RedLock.php: true
RedisLockException.php same as stubs/RedisLockException.php: true
RedisLockTimeoutException.php same as stubs/RedisLockTimeoutException.php: true
RedisLockLostException.php same as stubs/RedisLockLostException.php: true
without the extension: bool(false) bool(false) bool(false), exit status 0
with the extension: internal redislock, exit status 0
