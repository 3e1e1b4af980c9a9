<?php
/**
 * The single-server round-trip measurement: acquire+release cycles in one process, the extension against phpredis
 * doing the same round trips (SET NX PX, then compare-and-delete by EVALSHA) on the same Redis,
 * alternated over rounds. INFO commandstats confirms both make the same two round trips.
 *
 *   php -d extension=target/release/libredislock.so bench/roundtrip.php PORT [CYCLES] [ROUNDS]
 */
$port = (int) ($argv[1] ?? 6379);
$cycles = (int) ($argv[2] ?? 20000);
$rounds = (int) ($argv[3] ?? 5);
ini_set('redislock.servers', "redis://127.0.0.1:$port");
ini_set('redislock.prefix', 'bench:');

$release = "if redis.call('get',KEYS[1]) == ARGV[1] then return redis.call('del',KEYS[1]) else return 0 end";
$r = new Redis();
$r->connect('127.0.0.1', $port, 1.0, null, 0, 1.0);   // same 1 s connect / read timeouts as the extension
$sha = $r->script('load', $release);

$ext = function (int $n): void {
    for ($i = 0; $i < $n; $i++) {
        $id = RedisLock::acquireLock("k$i", 0, 20);
        if ($id === false || !RedisLock::releaseLock("k$i", $id)) {
            throw new RuntimeException('extension cycle failed');
        }
    }
};
$phpredis = function (int $n) use ($r, $sha): void {
    for ($i = 0; $i < $n; $i++) {
        $key = "bench:k$i";
        $id = bin2hex(random_bytes(16));
        if ($r->set($key, $id, ['nx', 'px' => 20000]) !== true || $r->evalSha($sha, [$key, $id], 1) !== 1) {
            throw new RuntimeException('phpredis cycle failed');
        }
    }
};

function stats(Redis $r): array
{
    $out = [];
    foreach ($r->info('commandstats') as $k => $v) {
        if (preg_match('/calls=(\d+)/', $v, $m)) {
            $out[$k] = (int) $m[1];
        }
    }
    return $out;
}

function delta(array $a, array $b): string
{
    $d = [];
    foreach ($b as $k => $v) {
        if ($v - ($a[$k] ?? 0) > 0) {
            $d[] = str_replace('cmdstat_', '', $k) . '=' . ($v - ($a[$k] ?? 0));
        }
    }
    return implode(' ', $d);
}

$ext(100);
$phpredis(100);
$ratios = [];
printf("%d cycles per round, %d rounds, alternated\n", $cycles, $rounds);
for ($round = 1; $round <= $rounds; $round++) {
    $times = [];
    $order = $round % 2 ? ['redislock' => $ext, 'phpredis' => $phpredis] : ['phpredis' => $phpredis, 'redislock' => $ext];
    foreach ($order as $name => $fn) {
        $s0 = stats($r);
        $t = hrtime(true);
        $fn($cycles);
        $times[$name] = (hrtime(true) - $t) / 1e9;
        $s1 = stats($r);
        printf("round %d %-9s %7.3f s  %8.0f cycles/s  %6.1f us/cycle  [%s]\n", $round, $name, $times[$name],
            $cycles / $times[$name], 1e6 * $times[$name] / $cycles, delta($s0, $s1));
    }
    $ratios[] = $times['redislock'] / $times['phpredis'];
}
sort($ratios);
printf("median time ratio redislock/phpredis: %.3f (below 1 = redislock faster)\n", $ratios[intdiv(count($ratios), 2)]);
