--TEST--
RedisLock: the fourteen redislock.* settings (watchdog, watchdog_lease, the four tls_*, sentinel_recheck and wait_replicas among them) have the documented defaults and ini_set changes each at run time, returning the old value
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/redis.inc';
$old = ini_set('redislock.servers', test_url());   // the runner passes no redislock.* flags
var_dump($old);
var_dump(ini_get('redislock.servers') === test_url());

echo "-- registered settings (master values are the defaults)\n";
$all = ini_get_all('redislock');
ksort($all);
foreach ($all as $name => $d) {
    printf("%s = %s, access %s\n", $name, var_export($d['global_value'], true),
        $d['access'] === INI_ALL ? 'INI_ALL' : (string) $d['access']);
}

echo "-- ini_set on each\n";
$new = [
    'redislock.prefix' => 'PHPT_PREFIX:',
    'redislock.connect_timeout' => '250',
    'redislock.timeout' => '300',
    'redislock.node_timeout' => '20',
    'redislock.auto_release' => '1',
    'redislock.tls_ca_file' => '/etc/ssl/certs/ca-certificates.crt',
    'redislock.tls_cert_file' => '/tmp/client.crt',
    'redislock.tls_key_file' => '/tmp/client.key',
    'redislock.tls_verify' => '0',
    'redislock.watchdog' => '1',
    'redislock.watchdog_lease' => '3000',
    'redislock.sentinel_recheck' => '250',
    'redislock.wait_replicas' => '2',
];
foreach ($new as $name => $value) {
    $before = ini_get($name);
    $returned = ini_set($name, $value);
    printf("%s: was %s, ini_set returned %s, now %s\n", $name, var_export($before, true),
        var_export($returned, true), var_export(ini_get($name), true));
}
var_dump(ini_set('redislock.servers', 'redis://127.0.0.1:1') === test_url());
var_dump(ini_get('redislock.servers'));
?>
--EXPECT--
string(22) "redis://127.0.0.1:6379"
bool(true)
-- registered settings (master values are the defaults)
redislock.auto_release = '0', access INI_ALL
redislock.connect_timeout = '1000', access INI_ALL
redislock.node_timeout = '50', access INI_ALL
redislock.prefix = 'AGENT_ORDER_LOCK:', access INI_ALL
redislock.sentinel_recheck = '1000', access INI_ALL
redislock.servers = 'redis://127.0.0.1:6379', access INI_ALL
redislock.timeout = '1000', access INI_ALL
redislock.tls_ca_file = '', access INI_ALL
redislock.tls_cert_file = '', access INI_ALL
redislock.tls_key_file = '', access INI_ALL
redislock.tls_verify = '1', access INI_ALL
redislock.wait_replicas = '0', access INI_ALL
redislock.watchdog = '0', access INI_ALL
redislock.watchdog_lease = '10000', access INI_ALL
-- ini_set on each
redislock.prefix: was 'AGENT_ORDER_LOCK:', ini_set returned 'AGENT_ORDER_LOCK:', now 'PHPT_PREFIX:'
redislock.connect_timeout: was '1000', ini_set returned '1000', now '250'
redislock.timeout: was '1000', ini_set returned '1000', now '300'
redislock.node_timeout: was '50', ini_set returned '50', now '20'
redislock.auto_release: was '0', ini_set returned '0', now '1'
redislock.tls_ca_file: was '', ini_set returned '', now '/etc/ssl/certs/ca-certificates.crt'
redislock.tls_cert_file: was '', ini_set returned '', now '/tmp/client.crt'
redislock.tls_key_file: was '', ini_set returned '', now '/tmp/client.key'
redislock.tls_verify: was '1', ini_set returned '1', now '0'
redislock.watchdog: was '0', ini_set returned '0', now '1'
redislock.watchdog_lease: was '10000', ini_set returned '10000', now '3000'
redislock.sentinel_recheck: was '1000', ini_set returned '1000', now '250'
redislock.wait_replicas: was '0', ini_set returned '0', now '2'
bool(true)
string(19) "redis://127.0.0.1:1"
