--TEST--
Sentinel: phpinfo() shows the Sentinel services this process asked about and the master each names now (sentinels and service, no credentials); "none asked yet" before
--SKIPIF--
<?php require __DIR__ . '/skipif.inc'; ?>
--FILE--
<?php
require __DIR__ . '/sentinel.inc';

function sentinel_row(): string
{
    ob_start();
    phpinfo(INFO_MODULES);
    $info = ob_get_clean();
    if (str_contains($info, 'wonder') || str_contains($info, 's3nt')) {
        return 'LEAKED';
    }
    return preg_match('/^sentinel services \(this process\) => (.*)$/m', $info, $m) ? $m[1] : 'no row';
}

echo sentinel_row(), "\n";
$d = new SentinelDeployment('phpt-info',
    ['--requirepass', 'm4ster', '--masterauth', 'm4ster'],
    ['sentinel auth-pass phpt-info m4ster', 'requirepass s3nt%nel', 'sentinel sentinel-pass s3nt%nel'],
    'm4ster', 's3nt%nel');
ini_set('redislock.servers', $d->url(':m4ster', '?sentinel_password=s3nt%25nel'));
$name = unique_name('sentinel-info');
RedisLock::releaseLock($name, RedisLock::acquireLock($name, 0));
$s = $d->sentinels;
$expected = "sentinel:127.0.0.1:{$s[0]->port},127.0.0.1:{$s[1]->port},127.0.0.1:{$s[2]->port}/phpt-info: master 127.0.0.1:{$d->servers[0]->port}";
$row = sentinel_row();
var_dump($row === $expected);
echo preg_replace('/\d+/', 'N', $row), "\n";
?>
--EXPECT--
none asked yet
bool(true)
sentinel:N.N.N.N:N,N.N.N.N:N,N.N.N.N:N/phpt-info: master N.N.N.N:N
