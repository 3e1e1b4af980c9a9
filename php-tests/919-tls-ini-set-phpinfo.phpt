--TEST--
TLS: ini_set() changes the four redislock.tls_* settings (returning the old value) and phpinfo() shows the new local values; a NUL, control or non-UTF-8 byte in any of them is refused with a warning and the old value kept; ini_restore() brings the defaults back
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/tls.inc';
$c = tls_certs();
$dir = $c->dir;
$new = ['redislock.tls_ca_file' => $c->ca(), 'redislock.tls_cert_file' => $c->cert('client'),
    'redislock.tls_key_file' => $c->key('client'), 'redislock.tls_verify' => '0'];
foreach ($new as $setting => $value) {
    echo "$setting: ", var_export(ini_set($setting, $value), true), " -> ",
        str_replace($dir, 'DIR', var_export(ini_get($setting), true)), "\n";
}
ob_start();
phpinfo(INFO_MODULES);
preg_match_all('/^redislock\.tls_.*$/m', ob_get_clean(), $m);
echo str_replace($dir, 'DIR', implode("\n", $m[0])), "\n";

foreach (['redislock.tls_ca_file', 'redislock.tls_cert_file', 'redislock.tls_key_file', 'redislock.tls_verify'] as $s) {
    refused_ini_set($s, "a\0b");
    refused_ini_set($s, "/tmp/x\x01y");
    refused_ini_set($s, "/tmp/\xff.pem");
}
foreach ($new as $setting => $value) {
    echo "$setting kept: ", var_export(ini_get($setting) === $value, true), "\n";
}
foreach (array_keys($new) as $setting) {
    ini_restore($setting);
}
var_dump(ini_get('redislock.tls_ca_file'), ini_get('redislock.tls_cert_file'), ini_get('redislock.tls_key_file'),
    ini_get('redislock.tls_verify'));
?>
--EXPECT--
redislock.tls_ca_file: '' -> 'DIR/ca.pem'
redislock.tls_cert_file: '' -> 'DIR/client.pem'
redislock.tls_key_file: '' -> 'DIR/client.key'
redislock.tls_verify: '1' -> '0'
redislock.tls_ca_file => DIR/ca.pem => no value
redislock.tls_cert_file => DIR/client.pem => no value
redislock.tls_key_file => DIR/client.key => no value
redislock.tls_verify => 0 => 1
ini_set: false, kept: true, warning: ini_set(): invalid redislock.tls_ca_file 'a\x00b': contains a NUL, control or non-UTF-8 byte
ini_set: false, kept: true, warning: ini_set(): invalid redislock.tls_ca_file '/tmp/x\x01y': contains a NUL, control or non-UTF-8 byte
ini_set: false, kept: true, warning: ini_set(): invalid redislock.tls_ca_file '/tmp/\xff.pem': contains a NUL, control or non-UTF-8 byte
ini_set: false, kept: true, warning: ini_set(): invalid redislock.tls_cert_file 'a\x00b': contains a NUL, control or non-UTF-8 byte
ini_set: false, kept: true, warning: ini_set(): invalid redislock.tls_cert_file '/tmp/x\x01y': contains a NUL, control or non-UTF-8 byte
ini_set: false, kept: true, warning: ini_set(): invalid redislock.tls_cert_file '/tmp/\xff.pem': contains a NUL, control or non-UTF-8 byte
ini_set: false, kept: true, warning: ini_set(): invalid redislock.tls_key_file 'a\x00b': contains a NUL, control or non-UTF-8 byte
ini_set: false, kept: true, warning: ini_set(): invalid redislock.tls_key_file '/tmp/x\x01y': contains a NUL, control or non-UTF-8 byte
ini_set: false, kept: true, warning: ini_set(): invalid redislock.tls_key_file '/tmp/\xff.pem': contains a NUL, control or non-UTF-8 byte
ini_set: false, kept: true, warning: ini_set(): invalid redislock.tls_verify 'a\x00b': expected 1 or 0 (on/off, yes/no, true/false)
ini_set: false, kept: true, warning: ini_set(): invalid redislock.tls_verify '/tmp/x\x01y': expected 1 or 0 (on/off, yes/no, true/false)
ini_set: false, kept: true, warning: ini_set(): invalid redislock.tls_verify '/tmp/\xff.pem': expected 1 or 0 (on/off, yes/no, true/false)
redislock.tls_ca_file kept: true
redislock.tls_cert_file kept: true
redislock.tls_key_file kept: true
redislock.tls_verify kept: true
string(0) ""
string(0) ""
string(0) ""
string(1) "1"
