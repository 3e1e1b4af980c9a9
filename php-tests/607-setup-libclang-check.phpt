--TEST--
Build: scripts/setup.sh's libclang check (has_libclang in scripts/libclang.sh) finds only the libraries bindgen loads, not libclang-cpp or static archives
--FILE--
<?php
require __DIR__ . '/build.inc';
// No SKIPIF: this needs only bash, which every script of the project needs anyway.

$root = repo_root();
$scratch = scratch_dir('rl607-');

/** Creates a fake root under the scratch dir holding the given files (path => '' or '-> link target'). */
function fake_root(string $scratch, string $name, array $files): string
{
    $dir = "$scratch/$name";
    mkdir($dir, 0700, true);
    foreach ($files as $path => $content) {
        @mkdir(dirname("$dir/$path"), 0700, true);
        if (str_starts_with($content, '-> ')) {
            symlink(substr($content, 3), "$dir/$path");
        } else {
            file_put_contents("$dir/$path", $content);
        }
    }
    return $dir;
}

/** Runs has_libclang ROOT through bash, with LIBCLANG_PATH unset: "found" or "not found". */
function check(string $repo, string $fakeRoot): string
{
    [$status, $out, $err] = run(
        ['bash', '-c', 'source scripts/libclang.sh && has_libclang "$1"', 'has_libclang', $fakeRoot],
        ['LIBCLANG_PATH' => null],
        $repo,
    );
    $extra = trim($out . $err);
    return match ($status) {
        0 => 'found',
        1 => 'not found',
        default => "exit status $status",
    } . ($extra === '' ? '' : " (output: $extra)");
}

$cases = [
    // What the libclang-cpp14 package alone installs (no libclang): bindgen fails on it.
    'only libclang-cpp.so.14 (llvm-14/lib and the multiarch dir)' => [
        'usr/lib/llvm-14/lib/libclang-cpp.so.14' => '',
        'usr/lib/x86_64-linux-gnu/libclang-cpp.so.14' => '',
    ],
    'only static archives (libclangAST.a, libclang.a)' => [
        'usr/lib/llvm-14/lib/libclangAST.a' => '',
        'usr/lib/llvm-14/lib/libclang.a' => '',
    ],
    'libclang-14.so.1 in usr/lib/x86_64-linux-gnu' => ['usr/lib/x86_64-linux-gnu/libclang-14.so.1' => ''],
    'libclang-14.so in usr/lib/aarch64-linux-gnu' => ['usr/lib/aarch64-linux-gnu/libclang-14.so' => ''],
    'libclang.so.1 in usr/lib/llvm-14/lib' => ['usr/lib/llvm-14/lib/libclang.so.1' => ''],
    'libclang.so in usr/local/lib' => ['usr/local/lib/libclang.so' => ''],
    'libclang.so in usr/lib/llvm-14/lib, a symlink to the multiarch library' => [
        'usr/lib/x86_64-linux-gnu/libclang-14.so.14.0.6' => '',
        'usr/lib/llvm-14/lib/libclang.so' => '-> ../../x86_64-linux-gnu/libclang-14.so.14.0.6',
    ],
    'libclang.so in usr/lib/llvm-14/lib, a dangling symlink' => [
        'usr/lib/llvm-14/lib/libclang.so' => '-> ../../x86_64-linux-gnu/libclang-14.so.14.0.6',
    ],
    'libclang.so.1 outside the searched dirs (usr/share)' => ['usr/share/libclang.so.1' => ''],
    'empty' => [],
];

try {
    $i = 0;
    foreach ($cases as $title => $files) {
        echo "$title: ", check($root, fake_root($scratch, 'root' . $i++, $files)), "\n";
    }

    // setup.sh must decide with this function, not with a glob of its own.
    $setup = file_get_contents("$root/scripts/setup.sh");
    echo "setup.sh sources scripts/libclang.sh: ", var_export(str_contains($setup, 'source scripts/libclang.sh'), true), "\n";
    echo "setup.sh installs libclang-dev when has_libclang fails: ",
        var_export((bool) preg_match('/^\s*has_libclang\s*\|\|\s*need\+=\(libclang-dev\)/m', $setup), true), "\n";
    echo "setup.sh has no other libclang glob: ", var_export(!preg_match('/libclang\*/', $setup), true), "\n";
} finally {
    remove_tree($scratch);
}
?>
--EXPECT--
only libclang-cpp.so.14 (llvm-14/lib and the multiarch dir): not found
only static archives (libclangAST.a, libclang.a): not found
libclang-14.so.1 in usr/lib/x86_64-linux-gnu: found
libclang-14.so in usr/lib/aarch64-linux-gnu: found
libclang.so.1 in usr/lib/llvm-14/lib: found
libclang.so in usr/local/lib: found
libclang.so in usr/lib/llvm-14/lib, a symlink to the multiarch library: found
libclang.so in usr/lib/llvm-14/lib, a dangling symlink: not found
libclang.so.1 outside the searched dirs (usr/share): not found
empty: not found
setup.sh sources scripts/libclang.sh: true
setup.sh installs libclang-dev when has_libclang fails: true
setup.sh has no other libclang glob: true
