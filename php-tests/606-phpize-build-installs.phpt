--TEST--
Build: phpize, ./configure, make and make install INSTALL_ROOT=... build a copy of the tree with cargo and install a redislock.so that PHP loads
--SKIPIF--
<?php
require __DIR__ . '/skipif-extension.inc';
require __DIR__ . '/build.inc';
foreach (['phpize', 'php-config', 'make', 'autoconf', 'git'] as $tool) {
    if (trim((string) shell_exec('command -v ' . $tool)) === '') {
        die("skip $tool is not installed (phpize needs php8.2-dev, which brings autoconf; make; git)");
    }
}
if (trim((string) shell_exec('command -v cargo')) === '' && !is_executable(getenv('HOME') . '/.cargo/bin/cargo')) {
    die('skip cargo not found');
}
$target = getenv('CARGO_TARGET_DIR') ?: repo_root() . '/target';
if (!is_dir("$target/release/deps")) {
    // From scratch the build takes about a minute: beyond run-tests' 60 s per test.
    die("skip no release build in $target to start from: run scripts/setup.sh (or scripts/test.sh) first");
}
?>
--FILE--
<?php
require __DIR__ . '/build.inc';

$root = repo_root();
// A run killed by run-tests' time limit leaves its scratch dir (half a GB) behind: clear old ones.
foreach (glob(sys_get_temp_dir() . '/rl606-*', GLOB_ONLYDIR) as $old) {
    if (filemtime($old) < time() - 7200) {
        remove_tree($old);
    }
}
$scratch = scratch_dir('rl606-');
$tree = "$scratch/tree";
$installRoot = "$scratch/root";
$mainTarget = getenv('CARGO_TARGET_DIR') ?: "$root/target";
$mainLibrary = "$mainTarget/release/libredislock.so";
$mainLibraryBefore = is_file($mainLibrary) ? sha1_file($mainLibrary) : null;

function step(string $name, array $command, array $env, string $cwd): string
{
    [$status, $out, $err] = run($command, $env, $cwd);
    echo "$name: exit status $status\n";
    if ($status !== 0) {
        echo "--- last output of $name:\n", implode("\n", array_slice(explode("\n", trim($out . "\n" . $err)), -40)), "\n";
    }
    return $out;
}

try {
    // The tree as a commit of this working tree would hold it: tracked and new files, minus ignored ones.
    [, $list] = run(['git', '-C', $root, 'ls-files', '-z', '--cached', '--others', '--exclude-standard']);
    foreach (array_filter(explode("\0", $list)) as $relative) {
        if (is_file("$root/$relative")) {
            @mkdir(dirname("$tree/$relative"), 0755, true);
            copy("$root/$relative", "$tree/$relative");
            chmod("$tree/$relative", fileperms("$root/$relative") & 0777);
        }
    }
    echo "copied tree has config.m4, Makefile.frag, Cargo.toml: ",
        var_export(is_file("$tree/config.m4") && is_file("$tree/Makefile.frag") && is_file("$tree/Cargo.toml"), true), "\n";

    // cargo's target dir for this build: a copy of the suite's own release build, so only the
    // redislock crate compiles, and the library the other tests load is never replaced meanwhile.
    $target = "$scratch/target";
    mkdir($target);
    step('copy of the release build', ['cp', '-a', '--reflink=auto', "$mainTarget/release", "$target/release"], [], $scratch);
    $env = ['CARGO_TARGET_DIR' => $target];

    step('phpize', ['phpize'], $env, $tree);
    step('./configure', ['./configure'], $env, $tree);
    $made = step('make', ['make'], $env, $tree);
    step('make install', ['make', 'install', "INSTALL_ROOT=$installRoot"], $env, $tree);

    // Makefile.frag reports the library cargo built; it must come from CARGO_TARGET_DIR.
    preg_match('/^redislock: (\S+) -> (\S+)$/m', $made, $m);
    echo "cargo's library is in CARGO_TARGET_DIR: ", var_export(str_starts_with($m[1] ?? '', "$target/"), true), "\n";
    echo "no target/ in the tree: ", var_export(!file_exists("$tree/target"), true), "\n";

    $extensionDir = trim((string) shell_exec('php-config --extension-dir'));
    $installed = [];
    $files = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($installRoot, FilesystemIterator::SKIP_DOTS));
    foreach ($files as $file) {
        $installed[] = str_replace([$installRoot . $extensionDir, $installRoot], ['INSTALL_ROOT$(php-config --extension-dir)', 'INSTALL_ROOT'], $file->getPathname());
    }
    sort($installed);
    echo "installed: ", implode(' ', $installed), "\n";

    $library = "$installRoot$extensionDir/redislock.so";
    [$status, $out, $err] = run([PHP_BINARY, '-n', '-d', "extension=$library", '-r', 'echo class_exists("RedisLock") ? "ok" : "no";']);
    echo "php -n -d extension=INSTALL_ROOT/.../redislock.so: ", trim($out . $err), ", exit status $status\n";
    echo "the suite's library is untouched: ", var_export(!is_file($mainLibrary) || sha1_file($mainLibrary) === $mainLibraryBefore, true), "\n";
} finally {
    remove_tree($scratch);
}
?>
--EXPECT--
copied tree has config.m4, Makefile.frag, Cargo.toml: true
copy of the release build: exit status 0
phpize: exit status 0
./configure: exit status 0
make: exit status 0
make install: exit status 0
cargo's library is in CARGO_TARGET_DIR: true
no target/ in the tree: true
installed: INSTALL_ROOT$(php-config --extension-dir)/redislock.so
php -n -d extension=INSTALL_ROOT/.../redislock.so: ok, exit status 0
the suite's library is untouched: true
