<?php
/**
 * The floor: plain phpredis doing the fewest round trips a correct lock needs. Acquire is one
 * `SET key token NX PX ttl`, release one compare-and-delete by EVALSHA (script loaded at setup).
 * Several servers: the same to each master in turn (phpredis cannot wait on several sockets at
 * once), granted on a majority, the token deleted everywhere on failure.
 * A waiting acquire retries with the extension's own pauses (random 0.5-1 ms, 1-2 ms, then 2-4 ms),
 * so the floor differs from redislock only in where the code runs, not in its waiting policy.
 */
final class FloorAdapter implements LockAdapter
{
    private const RELEASE = "if redis.call('get',KEYS[1]) == ARGV[1] then return redis.call('del',KEYS[1]) else return 0 end";
    /** @var Redis[] */
    private array $nodes = [];
    private string $sha;

    public function __construct(array $servers, float $timeout)
    {
        $this->sha = sha1(self::RELEASE);
        foreach ($servers as [$host, $port]) {
            $r = bench_phpredis($host, $port, $timeout);
            $r->script('load', self::RELEASE);
            $this->nodes[] = $r;
        }
    }

    public function acquire(string $name, int $ttlMs, int $waitMs): string|false
    {
        $key = "floor:$name";
        $token = bin2hex(random_bytes(16));
        $deadline = hrtime(true) + $waitMs * 1_000_000;
        for ($attempt = 1; ; $attempt++) {
            if ($this->tryOnce($key, $token, $ttlMs)) {
                return $token;
            }
            $left = $deadline - hrtime(true);
            if ($left <= 0) {
                return false;
            }
            $hi = min(4000, 500 << min($attempt, 3));        // 1 ms, 2 ms, then 4 ms
            usleep((int) min($left / 1000, random_int($hi >> 1, $hi)));
        }
    }

    private function tryOnce(string $key, string $token, int $ttlMs): bool
    {
        if (count($this->nodes) === 1) {
            return $this->nodes[0]->set($key, $token, ['nx', 'px' => $ttlMs]) === true;
        }
        $t0 = hrtime(true);
        $votes = 0;
        foreach ($this->nodes as $r) {
            try {
                $votes += $r->set($key, $token, ['nx', 'px' => $ttlMs]) === true ? 1 : 0;
            } catch (RedisException) {
            }
        }
        $validity = $ttlMs - (hrtime(true) - $t0) / 1e6 - ($ttlMs / 100 + 2);
        if ($votes > intdiv(count($this->nodes), 2) && $validity > 0) {
            return true;
        }
        $this->deleteEverywhere($key, $token);
        return false;
    }

    private function deleteEverywhere(string $key, string $token): int
    {
        $deleted = 0;
        foreach ($this->nodes as $r) {
            try {
                $deleted += (int) $r->evalSha($this->sha, [$key, $token], 1);
            } catch (RedisException) {
            }
        }
        return $deleted;
    }

    public function release(string $name, string $token): bool
    {
        $key = "floor:$name";
        if (count($this->nodes) === 1) {
            return $this->nodes[0]->evalSha($this->sha, [$key, $token], 1) === 1;
        }
        return $this->deleteEverywhere($key, $token) > intdiv(count($this->nodes), 2);
    }

    public function effectiveTtlMs(int $ttlMs, int $waitMs): int
    {
        return $ttlMs;
    }
}
