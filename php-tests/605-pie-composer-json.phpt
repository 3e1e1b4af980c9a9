--TEST--
Build: the root composer.json is a PIE package (type php-ext) whose php-ext block is well-formed and true of this build
--SKIPIF--
<?php require __DIR__ . '/skipif-extension.inc'; ?>
--FILE--
<?php
require __DIR__ . '/build.inc';
// Debian's Composer 2.5 rejects the php-ext block in `composer validate`; this checks it instead,
// against PIE's schema (resources/composer-json-php-ext-schema.json in php/pie) and this build.

/** Whether PHP version $v satisfies a Composer constraint (||, AND by comma or space, ~ ^ >= > <= < =). */
function satisfies(string $v, string $constraint): bool
{
    foreach (preg_split('/\s*\|\|?\s*/', trim($constraint)) as $alternative) {
        $ok = true;
        foreach (preg_split('/\s*,\s*|\s+/', $alternative) as $c) {
            if (!preg_match('/^(~|\^|>=|<=|>|<|==?|)v?(\d+(?:\.\d+){0,2})$/', $c, $m)) {
                throw new RuntimeException("constraint '$c' not understood by this test");
            }
            [, $op, $ver] = $m;
            $parts = array_map('intval', explode('.', $ver));
            $upper = match ($op) {
                '~' => count($parts) > 2 ? "$parts[0]." . ($parts[1] + 1) : ($parts[0] + 1) . '.0',
                '^' => $parts[0] > 0 ? ($parts[0] + 1) . '.0' : '0.' . (($parts[1] ?? 0) + 1),
                default => null,
            };
            $ok = $ok && match ($op) {
                '~', '^' => version_compare($v, $ver, '>=') && version_compare($v, $upper, '<'),
                '', '=', '==' => version_compare($v, $ver, '=='),
                default => version_compare($v, $ver, $op),
            };
        }
        if ($ok) {
            return true;
        }
    }
    return false;
}

$root = repo_root();
$c = json_decode(file_get_contents("$root/composer.json"), true, 512, JSON_THROW_ON_ERROR);
$ext = $c['php-ext'] ?? [];
$buildPath = $ext['build-path'] ?? null;
$configM4 = file_get_contents($root . ($buildPath ? "/$buildPath" : '') . '/config.m4');

echo "type: ", $c['type'] ?? '(none)', "\n";
echo "name: ", $c['name'] ?? '(none)', " valid: ",
    var_export((bool) preg_match('{^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$}', $c['name'] ?? ''), true), "\n";
echo "description and license given: ", var_export(($c['description'] ?? '') !== '' && ($c['license'] ?? '') !== '', true), "\n";
echo "require.php includes this PHP: ", var_export(satisfies(PHP_VERSION, $c['require']['php'] ?? ''), true), "\n";

$known = ['extension-name', 'priority', 'support-zts', 'support-nts', 'build-path', 'override-download-url-method',
    'download-url-method', 'os-families', 'os-families-exclude', 'configure-options'];
echo "php-ext keys unknown to PIE: ", implode(', ', array_diff(array_keys($ext), $known)) ?: '(none)', "\n";
echo "extension-name: ", $ext['extension-name'] ?? '(none)', ", the loaded extension's name: ", (new ReflectionExtension('redislock'))->getName(), "\n";
echo "priority in 10..99: ", var_export(is_int($ext['priority'] ?? 80) && ($ext['priority'] ?? 80) >= 10 && ($ext['priority'] ?? 80) <= 99, true), "\n";
echo "support-nts: ", var_export($ext['support-nts'] ?? true, true), ", this PHP is NTS: ", var_export(!PHP_ZTS, true), "\n";
echo "support-zts: ", var_export($ext['support-zts'] ?? true, true), ", config.m4 refuses ZTS: ",
    var_export((bool) preg_match('/PHP_THREAD_SAFETY" = "yes".*\n\s*AC_MSG_ERROR/', $configM4), true), "\n";
$families = ['windows', 'bsd', 'darwin', 'solaris', 'linux', 'unknown'];
echo "os-families: ", implode(', ', $ext['os-families'] ?? ['(any)']), ", all known: ",
    var_export(array_diff($ext['os-families'] ?? [], $families) === [], true),
    ", not with os-families-exclude: ", var_export(!isset($ext['os-families'], $ext['os-families-exclude']), true),
    ", includes this OS family: ", var_export(in_array(strtolower(PHP_OS_FAMILY), $ext['os-families'] ?? $families, true), true), "\n";

// Every configure option PIE offers must be an option of config.m4.
preg_match_all('/PHP_ARG_(ENABLE|WITH)\(\[?([A-Za-z0-9_-]+)/', $configM4, $m, PREG_SET_ORDER);
$options = [];
foreach ($m as [, $kind, $name]) {
    array_push($options, ...($kind === 'ENABLE' ? ["enable-$name", "disable-$name"] : ["with-$name", "without-$name"]));
}
foreach ($ext['configure-options'] ?? [] as $option) {
    echo "configure option --", $option['name'] ?? '(no name)', ($option['needs-value'] ?? false) ? '=VALUE' : '',
        ": well-formed: ", var_export(preg_match('/^[a-zA-Z0-9][a-zA-Z0-9-_]*$/', $option['name'] ?? '') === 1
            && is_bool($option['needs-value'] ?? false) && is_string($option['description'] ?? ''), true),
        ", in config.m4: ", var_export(in_array($option['name'] ?? '', $options, true), true), "\n";
}
?>
--EXPECT--
type: php-ext
name: redislock/redislock valid: true
description and license given: true
require.php includes this PHP: true
php-ext keys unknown to PIE: (none)
extension-name: redislock, the loaded extension's name: redislock
priority in 10..99: true
support-nts: true, this PHP is NTS: true
support-zts: false, config.m4 refuses ZTS: true
os-families: linux, all known: true, not with os-families-exclude: true, includes this OS family: true
configure option --with-cargo=VALUE: well-formed: true, in config.m4: true
