<?php
/**
 * Uncontended acquire+release cycles in one process, through a Sentinel entry against the same
 * master as a plain entry, alternated over rounds: the extension with `redis://master`, the
 * extension with `redis+sentinel://sentinels/SERVICE`, and phpredis doing the same two round
 * trips (SET NX PX, compare-and-delete by EVALSHA) on the master it asked a RedisSentinel for
 * (once per round, as a process that caches it would). INFO commandstats on the master shows the
 * commands each made there (a sentinel has no commandstats: the extension asks one about once a
 * second to confirm the master, about 4 queries in a 4 s round).
 *
 *   php -d extension=target/release/libredislock.so bench/sentinel.php SERVICE MASTER_PORT SENTINEL_PORT,... [CYCLES] [ROUNDS]
 */
[$service, $masterPort, $sentinelPorts] = [$argv[1], (int) $argv[2], array_map('intval', explode(',', $argv[3]))];
$cycles = (int) ($argv[4] ?? 20000);
$rounds = (int) ($argv[5] ?? 5);
ini_set('redislock.prefix', 'bench:');
$plainUrl = "redis://127.0.0.1:$masterPort";
$sentinelUrl = 'redis+sentinel://' . implode(',', array_map(fn($p) => "127.0.0.1:$p", $sentinelPorts)) . "/$service";

$ext = function (string $url): Closure {
    return function (int $n) use ($url): void {
        ini_set('redislock.servers', $url);
        for ($i = 0; $i < $n; $i++) {
            $id = RedisLock::acquireLock("k$i", 0, 20);
            if ($id === false || !RedisLock::releaseLock("k$i", $id)) {
                throw new RuntimeException("extension cycle failed on $url");
            }
        }
    };
};
$release = "if redis.call('get',KEYS[1]) == ARGV[1] then return redis.call('del',KEYS[1]) else return 0 end";
$phpredis = function (int $n) use ($sentinelPorts, $service, $release): void {
    $s = new RedisSentinel('127.0.0.1', $sentinelPorts[0], 1.0, null, 0, 1.0);
    [$host, $port] = $s->getMasterAddrByName($service);
    $r = new Redis();
    $r->connect($host, (int) $port, 1.0, null, 0, 1.0);
    $sha = $r->script('load', $release);
    for ($i = 0; $i < $n; $i++) {
        $key = "bench:k$i";
        $id = bin2hex(random_bytes(16));
        if ($r->set($key, $id, ['nx', 'px' => 20000]) !== true || $r->evalSha($sha, [$key, $id], 1) !== 1) {
            throw new RuntimeException('phpredis cycle failed');
        }
    }
};

function calls(int $port, string $prefix): array
{
    $r = new Redis();
    $r->connect('127.0.0.1', $port, 1.0);
    $out = [];
    foreach ($r->info('commandstats') as $k => $v) {
        if (preg_match('/calls=(\d+)/', $v, $m)) {
            $out[$prefix . str_replace('cmdstat_', '', $k)] = (int) $m[1];
        }
    }
    return $out;
}

function all_calls(int $master, array $sentinels): array
{
    return calls($master, '');
}

$variants = [
    'redislock, redis://master' => $ext($plainUrl),
    'redislock, redis+sentinel://' => $ext($sentinelUrl),
    'phpredis, master from RedisSentinel' => $phpredis,
];
foreach ($variants as $fn) {
    $fn(200);
}
printf("%d cycles per round, %d rounds, alternated (order rotated per round)\n", $cycles, $rounds);
$rates = [];
$names = array_keys($variants);
for ($round = 0; $round < $rounds; $round++) {
    $order = array_merge(array_slice($names, $round % 3), array_slice($names, 0, $round % 3));
    foreach ($order as $name) {
        $before = all_calls($masterPort, $sentinelPorts);
        $t = hrtime(true);
        $variants[$name]($cycles);
        $s = (hrtime(true) - $t) / 1e9;
        $after = all_calls($masterPort, $sentinelPorts);
        $delta = [];
        foreach ($after as $k => $v) {
            if (($d = $v - ($before[$k] ?? 0)) > 0 && !in_array($k, ['info', 'ping', 'publish', 'replconf'], true)) {
                $delta[] = "$k=$d";
            }
        }
        $rates[$name][] = $cycles / $s;
        printf("round %d  %-36s %8.0f cycles/s  %6.1f us/cycle  [%s]\n", $round + 1, $name, $cycles / $s,
            1e6 * $s / $cycles, implode(' ', $delta));
    }
}
function median(array $list): float
{
    sort($list);
    return $list[intdiv(count($list), 2)];
}
echo "medians over rounds (ratio: the median of each round's ratio to the first variant):\n";
foreach ($rates as $name => $list) {
    $ratios = array_map(fn($r, $b) => $r / $b, $list, $rates[$names[0]]);
    printf("  %-36s %8.0f cycles/s  %.3fx\n", $name, median($list), median($ratios));
}
