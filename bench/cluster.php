<?php
/**
 * Redis Cluster benchmark, run by scripts/bench-cluster.sh (which starts the servers).
 *
 * throughput: uncontended acquire+release cycles, a new lock name each cycle (the keys spread over
 * all slots, so all three masters), alternated over rounds: the extension with redis+cluster://
 * seeds, the extension with redis:// to a standalone server, and phpredis RedisCluster making the
 * blog-post lock's two round trips (SET NX PX, EVAL compare-and-delete); and, as a control, phpredis
 * Redis doing the same to the standalone. INFO commandstats of the masters and standalone: what each sent.
 *
 * failover: a lock/unlock loop on names of one slot (hash tag {m}) while a forked child moves the
 * slot to another master as `redis-cli --cluster reshard` does, then while it has the slot's
 * replica take over with CLUSTER FAILOVER. Failed calls, the slowest call, each event's wall time
 * and the MOVED/ASK/TRYAGAIN the extension's phpinfo() counted.
 *
 *   php -d extension=SO bench/cluster.php throughput PORT,PORT,... STANDALONE_PORT [CYCLES] [ROUNDS]
 *   php -d extension=SO bench/cluster.php failover PORT,PORT,... [FILLER_KEYS]
 */
[$mode, $ports] = [$argv[1], array_map('intval', explode(',', $argv[2]))];
ini_set('redislock.prefix', 'bench:');
ini_set('redislock.servers', 'redis+cluster://' . implode(',', array_map(fn($p) => "127.0.0.1:$p", $ports)));

function node(int $port): Redis
{
    $r = new Redis();
    $r->connect('127.0.0.1', $port, 1.0, null, 0, 2.0);
    return $r;
}

/** CLUSTER NODES as [id => ['port' => int, 'master' => bool, 'of' => master id or '-']]. */
function nodes(int $port): array
{
    foreach (explode("\n", trim(node($port)->rawCommand('CLUSTER', 'NODES'))) as $line) {
        $f = explode(' ', $line);
        $out[$f[0]] = ['port' => (int) preg_replace('/^.*:|@.*$/', '', $f[1]),
            'master' => str_contains($f[2], 'master'), 'of' => $f[3]];
    }
    return $out;
}

/** [id, port] of the master serving $slot, as $port's CLUSTER SLOTS says. */
function owner(int $port, int $slot): array
{
    foreach (node($port)->rawCommand('CLUSTER', 'SLOTS') as $range) {
        if ($range[0] <= $slot && $slot <= $range[1]) {
            return [$range[2][2], (int) $range[2][1]];
        }
    }
    throw new RuntimeException("no master serves slot $slot");
}

/** The phpinfo() row "clusters (this process)": redirections this process followed so far. */
function redirections(): array
{
    ob_start();
    phpinfo(INFO_MODULES);
    if (!preg_match('/redirections followed: (\d+) MOVED, (\d+) ASK, (\d+) TRYAGAIN/', ob_get_clean(), $m)) {
        return []; // a build without the row, or no cluster asked yet
    }
    return ['MOVED' => (int) $m[1], 'ASK' => (int) $m[2], 'TRYAGAIN' => (int) $m[3]];
}

function since(array $before): string
{
    $now = redirections();
    return $now ? implode(', ', array_map(fn($k) => ($now[$k] - ($before[$k] ?? 0)) . " $k", array_keys($now)))
        : 'no "clusters (this process)" row in phpinfo()';
}

function median(array $list): float { sort($list); return $list[intdiv(count($list), 2)]; }

if ($mode === 'throughput') {
    [$plainPort, $cycles, $rounds] = [(int) $argv[3], (int) ($argv[4] ?? 10000), (int) ($argv[5] ?? 9)];
    $ext = fn(string $url, string $tag): Closure => function (int $n, int $round) use ($url, $tag): void {
        ini_set('redislock.servers', $url);
        for ($i = 0; $i < $n; $i++) {
            $id = RedisLock::acquireLock("$tag$round:$i", 0, 5);
            if ($id === false || !RedisLock::releaseLock("$tag$round:$i", $id)) {
                throw new RuntimeException("extension cycle failed on $url");
            }
        }
    };
    $lua = "if redis.call('get',KEYS[1]) == ARGV[1] then return redis.call('del',KEYS[1]) else return 0 end";
    // A client per round, as a process that keeps one would (RedisCluster reads the slot map once).
    $phpredis = fn(Closure $connect, string $tag): Closure => function (int $n, int $round) use ($connect, $tag, $lua) {
        $c = $connect();
        for ($i = 0; $i < $n; $i++) {
            [$key, $id] = ["bench:$tag$round:$i", bin2hex(random_bytes(16))];
            if ($c->set($key, $id, ['nx', 'px' => 5000]) !== true || $c->eval($lua, [$key, $id], 1) !== 1) {
                throw new RuntimeException('phpredis cycle failed');
            }
        }
        $c->close();
    };
    // Masters and the standalone only: a replica counts the replicated writes a second time.
    $calls = function () use ($ports, $plainPort): array {
        $out = [];
        foreach (array_merge([['port' => $plainPort, 'master' => true]], nodes($ports[0])) as $n) {
            foreach ($n['master'] ? node($n['port'])->info('commandstats') : [] as $k => $v) {
                $k = str_replace('cmdstat_', '', $k);
                $out[$k] = ($out[$k] ?? 0) + (preg_match('/calls=(\d+)/', $v, $m) ? (int) $m[1] : 0);
            }
        }
        return $out;
    };
    $variants = [
        'redislock, redis+cluster://' => $ext(ini_get('redislock.servers'), 'c'),
        'redislock, redis:// standalone' => $ext("redis://127.0.0.1:$plainPort", 's'),
        'phpredis RedisCluster, SET+EVAL' => $phpredis(fn() => new RedisCluster(null,
            array_map(fn($p) => "127.0.0.1:$p", $ports), 1.0, 2.0), 'p'),
        // A control: what the cluster costs a client that does not route (server side, topology).
        'phpredis Redis standalone (control)' => $phpredis(fn() => node($plainPort), 'q'),
    ];
    foreach ($variants as $fn) {
        $fn(300, 0); // warm-up: connections, slot maps, script caches
    }
    $before = redirections();
    printf("%d cycles per round, %d rounds, alternated (order rotated per round)\n", $cycles, $rounds);
    $names = array_keys($variants);
    for ($round = 1; $round <= $rounds; $round++) {
        foreach (array_merge(array_slice($names, $round % 4), array_slice($names, 0, $round % 4)) as $name) {
            [$b, $t] = [$calls(), hrtime(true)];
            $variants[$name]($cycles, $round);
            $s = (hrtime(true) - $t) / 1e9;
            $delta = [];
            foreach ($calls() as $k => $v) { // not the bench's INFO / CLUSTER NODES, nor the cluster's chatter
                ($d = $v - ($b[$k] ?? 0)) > 0 && !preg_match('/^(info|ping|publish|replconf|cluster)/', $k) && $delta[] = "$k=$d";
            }
            $rates[$name][] = $cycles / $s;
            printf("round %d  %-36s %6.0f cycles/s  %6.1f us/cycle  [%s]\n", $round, $name, $cycles / $s,
                1e6 * $s / $cycles, implode(' ', $delta));
        }
    }
    echo "medians over rounds (ratio: the median of each round's ratio cluster/this variant):\n";
    foreach ($names as $name) {
        $ratios = array_map(fn($a, $b) => $a / $b, $rates[$names[0]], $rates[$name]);
        printf("  %-36s %6.0f cycles/s  cluster/this %.3fx\n", $name, median($rates[$name]), median($ratios));
    }
    echo 'redirections followed during the rounds (phpinfo): ', since($before), "\n";
    exit(0);
}

/** Runs $action in a forked child while this process locks and unlocks names of the slot. */
function event(string $label, Closure $action): void
{
    static $n = 0;
    [$before, $file] = [redirections(), tempnam(sys_get_temp_dir(), 'cluster-bench')];
    if (($pid = pcntl_fork()) === 0) {
        usleep(300000); // the loop runs on the old layout first
        try {
            $result = $action();
        } catch (Throwable $e) {
            $result = ['error' => $e->getMessage()];
        }
        file_put_contents($file, json_encode($result));
        posix_kill(posix_getpid(), SIGKILL); // no PHP shutdown: the pooled connections are the parent's
    }
    [$ok, $failed, $slowest, $errors, $done, $start] = [0, 0, 0, [], null, hrtime(true)];
    while ($done === null || hrtime(true) - $done < 300e6) { // and 300 ms on the new layout
        if ($done === null && pcntl_waitpid($pid, $status, WNOHANG) === $pid) {
            $done = hrtime(true);
        }
        [$name, $t] = ['{m}L' . $n++, hrtime(true)];
        try {
            $id = RedisLock::acquireLock($name, 0, 5);
            $id !== false && RedisLock::releaseLock($name, $id) ? $ok++ : [$failed++, $errors['returned false'] = 1];
        } catch (RedisLockException $e) {
            $failed++;
            $errors[$e->getMessage()] = 1;
        }
        $slowest = max($slowest, (hrtime(true) - $t) / 1e6);
    }
    $result = json_decode((string) file_get_contents($file), true) ?? ['error' => 'the child wrote nothing'];
    unlink($file);
    printf("%s: %s\n  loop: %d ok, %d failed, slowest call %.1f ms, %.1f s in all; redirections followed: %s\n",
        $label, implode(', ', array_map(fn($k, $v) => "$k $v", array_keys($result), $result)), $ok, $failed,
        $slowest, (hrtime(true) - $start) / 1e9, since($before));
    foreach (array_keys($errors) as $message) {
        echo "  failed: $message\n";
    }
}

// The steps of redis-cli --cluster reshard for one slot (its default pipeline: 10 keys a MIGRATE),
// to the master on port $to, or to the first other master.
$move = fn(int $seed, int $slot, int $to = 0): Closure => function () use ($seed, $slot, $to): array {
    [[$srcId, $srcPort], $all] = [owner($seed, $slot), nodes($seed)];
    $dstId = array_key_first(array_filter($all, fn($n, $id) => $n['master'] && $id !== $srcId
        && ($to === 0 || $n['port'] === $to), ARRAY_FILTER_USE_BOTH));
    [$s, $d, $keys, $t] = [node($srcPort), node($all[$dstId]['port']), 0, hrtime(true)];
    $d->rawCommand('CLUSTER', 'SETSLOT', $slot, 'IMPORTING', $srcId);
    $s->rawCommand('CLUSTER', 'SETSLOT', $slot, 'MIGRATING', $dstId);
    while ($batch = $s->rawCommand('CLUSTER', 'GETKEYSINSLOT', $slot, 10)) {
        if ($s->rawCommand('MIGRATE', '127.0.0.1', $all[$dstId]['port'], '', 0, 5000, 'KEYS', ...$batch) === false) {
            throw new RuntimeException('MIGRATE: ' . $s->getLastError());
        }
        $keys += count($batch);
    }
    foreach ([$dstId, $srcId, ...array_keys($all)] as $id) { // destination first, as redis-cli
        $all[$id]['master'] && node($all[$id]['port'])->rawCommand('CLUSTER', 'SETSLOT', $slot, 'NODE', $dstId);
    }
    return ['from' => $srcPort, 'to' => $all[$dstId]['port'], 'keys migrated' => $keys,
        'wall time' => sprintf('%.0f ms', (hrtime(true) - $t) / 1e6)];
};

// Timed until the replica says it is master, the old master says it is a replica, and a third
// node's CLUSTER SLOTS names the new master (what a client reading the map sees).
$failover = fn(int $seed, int $slot): Closure => function () use ($seed, $slot): array {
    [[$oldId, $oldPort], $all] = [owner($seed, $slot), nodes($seed)];
    $newPort = $all[array_key_first(array_filter($all, fn($n) => $n['of'] === $oldId))]['port'];
    $third = current(array_filter(array_column($all, 'port'), fn($p) => $p !== $oldPort && $p !== $newPort));
    [$t, $at] = [hrtime(true), []];
    node($newPort)->rawCommand('CLUSTER', 'FAILOVER');
    while (count($at) < 3 && hrtime(true) - $t < 10e9) {
        $ms = sprintf('%.0f ms', (hrtime(true) - $t) / 1e6);
        isset($at['replica master']) || node($newPort)->rawCommand('ROLE')[0] !== 'master' || $at['replica master'] = $ms;
        isset($at['old master replica']) || node($oldPort)->rawCommand('ROLE')[0] !== 'slave' || $at['old master replica'] = $ms;
        isset($at['map updated']) || owner($third, $slot)[1] !== $newPort || $at['map updated'] = $ms;
        usleep(5000);
    }
    return ['from' => $oldPort, 'to' => $newPort] + $at;
};

$filler = (int) ($argv[3] ?? 5000);
$slot = (int) node($ports[0])->rawCommand('CLUSTER', 'KEYSLOT', 'bench:{m}x');
// Keys in the slot, so MIGRATE has work and the slot is split between two nodes for a while.
$r = node(owner($ports[0], $slot)[1])->multi(Redis::PIPELINE);
for ($i = 0; $i < $filler; $i++) {
    $r->set("bench:{m}fill$i", str_repeat('x', 64));
}
$r->exec();
for ($i = 0; $i < 100; $i++) { // the slot map read and cached before the first event
    RedisLock::releaseLock("{m}warm$i", RedisLock::acquireLock("{m}warm$i", 0, 5));
}
echo "slot $slot (lock names {m}...), $filler filler keys in it; a lock/unlock loop runs through each event\n";
$home = owner($ports[0], $slot)[1];
event('slot move (SETSLOT IMPORTING/MIGRATING, MIGRATE, SETSLOT NODE)', $move($ports[0], $slot));
event('slot move back', $move($ports[0], $slot, $home));
event('CLUSTER FAILOVER on the replica', $failover($ports[0], $slot));
event('CLUSTER FAILOVER back', $failover($ports[0], $slot));
$left = node(owner($ports[0], $slot)[1])->rawCommand('CLUSTER', 'COUNTKEYSINSLOT', $slot);
printf("keys in the slot after: %d (%d fillers%s)\n", $left, $filler, $left == $filler ? ', no lock key left' : '');
