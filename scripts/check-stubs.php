<?php

/**
 * Fails when the stubs differ from the running extension.
 *
 *     php scripts/check-stubs.php [--stubs=DIR] /path/to/libredislock.so
 *
 * Reads the extension's classes by Reflection in one PHP process (`php -n -d extension=SO`), the
 * stubs' classes by Reflection in another without the extension (`php -n`, including every *.php
 * of the stubs directory), and compares: classes, functions and constants declared,
 * parent, interfaces, final/abstract/readonly, attributes, constants, properties, methods
 * (static, visibility, final, abstract, by-reference, return type) and their parameters (name,
 * type, optional, default value, variadic, by-reference, attributes).
 * Exit status: 0 same, 1 different (every difference printed), 2 could not check.
 *
 * Not compared, because PHP source cannot state them without declaring extra methods: whether
 * objects can be cloned or serialized (RedLock can be neither); and PHPDoc (the extension has none).
 *
 * It lives outside the stubs package (which then holds only the three stub classes, and nothing
 * that IDEs or PHPStan would index), and is namespaced all the same.
 */

namespace RedisLockStubs\Check;

const USAGE = "usage: php scripts/check-stubs.php [--stubs=DIR] /path/to/libredislock.so\n";

exit(main($_SERVER['argv']));

function main(array $argv): int
{
    $args = array_slice($argv, 1);
    if (($args[0] ?? '') === '--describe-extension') {
        return describe_extension();
    }
    if (($args[0] ?? '') === '--describe-stubs' && isset($args[1])) {
        return describe_stubs($args[1]);
    }

    $stubs = dirname(__DIR__) . '/stubs';
    $so = null;
    foreach ($args as $arg) {
        if (str_starts_with($arg, '--stubs=')) {
            $stubs = substr($arg, strlen('--stubs='));
        } elseif ($so === null && !str_starts_with($arg, '-')) {
            $so = $arg;
        } else {
            fwrite(STDERR, USAGE);
            return 2;
        }
    }
    if ($so === null) {
        fwrite(STDERR, USAGE);
        return 2;
    }
    if (!is_file($so)) {
        fwrite(STDERR, "check.php: no extension library at $so\n");
        return 2;
    }
    if (!is_dir($stubs)) {
        fwrite(STDERR, "check-stubs.php: no stubs directory at $stubs\n");
        return 2;
    }
    $so = realpath($so);
    $stubs = realpath($stubs);

    // Both processes start from `php -n`: no php.ini, so nothing but what is named here is loaded.
    $quiet = ['-n', '-d', 'display_errors=stderr', '-d', 'error_reporting=-1'];
    $extension = run_describer([PHP_BINARY, ...$quiet, '-d', "extension=$so", __FILE__, '--describe-extension'], 'the extension');
    $fromStubs = run_describer([PHP_BINARY, ...$quiet, __FILE__, '--describe-stubs', $stubs], 'the stubs');
    if ($extension === null || $fromStubs === null) {
        return 2;
    }

    $differences = $fromStubs['problems'];
    compare($extension['api'], $fromStubs['api'], '', $differences);
    if ($differences !== []) {
        echo "stubs in $stubs differ from the extension $so:\n";
        foreach ($differences as $line) {
            echo "  $line\n";
        }
        return 1;
    }
    $classes = count($extension['api']['classes']);
    $methods = array_sum(array_map(
        fn(array $class) => count(array_filter(array_keys($class), fn($k) => str_starts_with($k, '::'))),
        $extension['api']['classes'],
    ));
    echo "stubs match the extension: $classes classes, $methods methods, no functions, no constants\n";
    return 0;
}

/** Runs this file in a child PHP process that prints a description as JSON. */
function run_describer(array $command, string $what): ?array
{
    $proc = proc_open($command, [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    if (!is_resource($proc)) {
        fwrite(STDERR, "check.php: could not start PHP to read $what\n");
        return null;
    }
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    $status = proc_close($proc);
    $data = json_decode($out, true);
    if ($status !== 0 || !is_array($data)) {
        fwrite(STDERR, "check.php: reading $what failed (exit status $status)\n"
            . "  command: " . implode(' ', array_map('escapeshellarg', $command)) . "\n"
            . ($err !== '' ? "  stderr: " . trim($err) . "\n" : '')
            . ($out !== '' ? "  stdout: " . trim($out) . "\n" : ''));
        return null;
    }
    if ($err !== '') {
        $data['problems'][] = "PHP said, reading $what: " . trim($err);
    }
    return $data;
}

function describe_extension(): int
{
    if (!extension_loaded('redislock')) {
        fwrite(STDERR, "the redislock extension did not load\n");
        return 2;
    }
    $ext = new \ReflectionExtension('redislock');
    $classes = [];
    foreach ($ext->getClassNames() as $name) {
        $classes[$name] = describe_class(new \ReflectionClass($name));
    }
    ksort($classes);
    $api = [
        'classes' => $classes,
        'functions' => array_fill_keys(array_keys($ext->getFunctions()), 'declared'),
        'constants' => array_map(fn($v) => var_export($v, true), $ext->getConstants()),
    ];
    echo json_encode(['api' => $api, 'problems' => []], JSON_THROW_ON_ERROR);
    return 0;
}

function describe_stubs(string $dir): int
{
    if (extension_loaded('redislock')) {
        fwrite(STDERR, "the stubs must be read without the redislock extension\n");
        return 2;
    }
    $problems = [];
    set_error_handler(function (int $no, string $message, string $file, int $line) use (&$problems) {
        $problems[] = "PHP warned in stub " . basename($file) . " line $line: $message";
        return true;
    });
    $declared = fn() => array_merge(get_declared_classes(), get_declared_interfaces(), get_declared_traits());
    $functionsBefore = get_defined_functions()['user'];
    $constantsBefore = get_defined_constants(true)['user'] ?? [];
    $classes = [];
    $files = glob($dir . '/*.php');
    sort($files);
    foreach ($files as $file) {
        if (realpath($file) === realpath(__FILE__) || basename($file) === basename(__FILE__)) {
            continue;
        }
        $before = $declared();
        require $file;
        $new = array_values(array_diff($declared(), $before));
        // One file per class, named after it, as PhpStorm and PSR-4 readers expect.
        $expected = basename($file, '.php');
        if ($new !== [$expected]) {
            $problems[] = "stub file " . basename($file) . " declares " . ($new === [] ? 'no class' : implode(', ', $new))
                . " (expected exactly the class $expected)";
        }
        foreach ($new as $name) {
            $classes[$name] = describe_class(new \ReflectionClass($name));
        }
    }
    restore_error_handler();
    ksort($classes);
    $functions = array_diff(get_defined_functions()['user'], $functionsBefore);
    // Reflection gives names as declared; get_defined_functions() lowercases them.
    $functions = array_map(fn($f) => (new \ReflectionFunction($f))->getName(), $functions);
    $constants = array_diff_key(get_defined_constants(true)['user'] ?? [], $constantsBefore);
    $api = [
        'classes' => $classes,
        'functions' => array_fill_keys($functions, 'declared'),
        'constants' => array_map(fn($v) => var_export($v, true), $constants),
    ];
    echo json_encode(['api' => $api, 'problems' => $problems], JSON_THROW_ON_ERROR);
    return 0;
}

/**
 * What the stubs must say about a class, as strings. Keys starting with '::' are methods
 * (shown as `Class::method()`), '$' properties; inherited members are the parent's business.
 */
function describe_class(\ReflectionClass $class): array
{
    $d = [
        'kind' => match (true) {
            $class->isInterface() => 'interface',
            $class->isTrait() => 'trait',
            $class->isEnum() => 'enum',
            default => 'class',
        },
        'final' => yes_no($class->isFinal()),
        'abstract' => yes_no($class->isAbstract()),
        'readonly' => yes_no(method_exists($class, 'isReadOnly') && $class->isReadOnly()),
        'parent' => $class->getParentClass() ? $class->getParentClass()->getName() : '(none)',
        'interfaces' => list_or_none(sorted($class->getInterfaceNames())),
        'attributes' => attributes($class->getAttributes()),
    ];
    foreach ($class->getReflectionConstants() as $constant) {
        if ($constant->getDeclaringClass()->getName() !== $class->getName()) {
            continue;
        }
        $d['constant ' . $constant->getName()] = [
            'value' => var_export($constant->getValue(), true),
            'visibility' => visibility($constant),
            'final' => yes_no(method_exists($constant, 'isFinal') && $constant->isFinal()),
        ];
    }
    foreach ($class->getProperties() as $property) {
        if ($property->getDeclaringClass()->getName() !== $class->getName()) {
            continue;
        }
        $d['$' . $property->getName()] = [
            'static' => yes_no($property->isStatic()),
            'visibility' => visibility($property),
            'readonly' => yes_no($property->isReadOnly()),
            'type' => type_of($property->hasType(), $property->getType()),
            'default' => $property->hasDefaultValue() ? var_export($property->getDefaultValue(), true) : '(none)',
        ];
    }
    foreach ($class->getMethods() as $method) {
        if ($method->getDeclaringClass()->getName() !== $class->getName()) {
            continue;
        }
        $d['::' . $method->getName() . '()'] = describe_method($method);
    }
    return $d;
}

function describe_method(\ReflectionMethod $method): array
{
    $d = [
        'static' => yes_no($method->isStatic()),
        'visibility' => visibility($method),
        'final' => yes_no($method->isFinal()),
        'abstract' => yes_no($method->isAbstract()),
        'returns by reference' => yes_no($method->returnsReference()),
        'return type' => type_of($method->hasReturnType(), $method->getReturnType()),
        'tentative return type' => type_of($method->hasTentativeReturnType(), $method->getTentativeReturnType()),
        'attributes' => attributes($method->getAttributes()),
        'number of parameters' => (string) $method->getNumberOfParameters(),
        'number of required parameters' => (string) $method->getNumberOfRequiredParameters(),
    ];
    foreach ($method->getParameters() as $p) {
        $d[' parameter #' . ($p->getPosition() + 1)] = [
            'name' => '$' . $p->getName(),
            'type' => type_of($p->hasType(), $p->getType()),
            'optional' => yes_no($p->isOptional()),
            'default' => default_of($p),
            'variadic' => yes_no($p->isVariadic()),
            'by reference' => yes_no($p->isPassedByReference()),
            'attributes' => attributes($p->getAttributes()),
        ];
    }
    return $d;
}

function default_of(\ReflectionParameter $p): string
{
    if (!$p->isDefaultValueAvailable()) {
        return '(none)';
    }
    try {
        if ($p->isDefaultValueConstant()) {
            return 'constant ' . $p->getDefaultValueConstantName();
        }
        return var_export($p->getDefaultValue(), true);
    } catch (\Throwable $e) {
        return '(unreadable: ' . $e->getMessage() . ')';
    }
}

function type_of(bool $has, ?\ReflectionType $type): string
{
    return $has && $type !== null ? (string) $type : '(none)';
}

/** @param \ReflectionAttribute[] $attributes */
function attributes(array $attributes): string
{
    return list_or_none(array_map(
        fn(\ReflectionAttribute $a) => '#[' . $a->getName()
            . ($a->getArguments() === [] ? '' : '(' . var_export($a->getArguments(), true) . ')') . ']',
        $attributes,
    ));
}

function visibility(\ReflectionMethod|\ReflectionProperty|\ReflectionClassConstant $member): string
{
    return $member->isPrivate() ? 'private' : ($member->isProtected() ? 'protected' : 'public');
}

function yes_no(bool $value): string
{
    return $value ? 'yes' : 'no';
}

function sorted(array $names): array
{
    sort($names);
    return $names;
}

function list_or_none(array $items): string
{
    return $items === [] ? '(none)' : implode(', ', $items);
}

/** Appends one line per difference between what the extension has ($ext) and the stubs ($stub). */
function compare(array $ext, array $stub, string $path, array &$out): void
{
    foreach (array_unique(array_merge(array_keys($ext), array_keys($stub))) as $key) {
        $here = join_path($path, (string) $key);
        if (!array_key_exists($key, $stub)) {
            $out[] = "$here: in the extension, missing from the stubs";
        } elseif (!array_key_exists($key, $ext)) {
            $out[] = "$here: in the stubs, not in the extension";
        } elseif (is_array($ext[$key]) && is_array($stub[$key])) {
            compare($ext[$key], $stub[$key], $here, $out);
        } elseif ($ext[$key] !== $stub[$key]) {
            $out[] = "$here: extension " . show($ext[$key]) . ", stubs " . show($stub[$key]);
        }
    }
}

function join_path(string $path, string $key): string
{
    return match (true) {
        $path === '' => $key,
        $path === 'classes' => "class $key",
        $path === 'functions' => "function $key",
        $path === 'constants' => "constant $key",
        str_starts_with($key, '::') => $path . $key,
        str_starts_with($key, ' ') => $path . $key,
        default => "$path $key",
    };
}

function show(mixed $value): string
{
    return is_string($value) ? $value : json_encode($value);
}
