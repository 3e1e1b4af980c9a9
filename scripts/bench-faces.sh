#!/usr/bin/env bash
# The framework-faces benchmark (bench/faces.php): Symfony's LockFactory over this repository's
# RedisLockStore vs over Symfony's RedisStore (phpredis), and a Laravel lock from RedisLockStore vs
# Laravel's own RedisLock (phpredis): uncontended cycles/s and contended waits, alternated rounds.
# Starts its own redis-server (pinned to CPU 0, PHP to the other CPUs, as scripts/bench.sh does),
# writes bench/results/faces.json and faces.md (with --quick: bench/results/tmp/faces-quick.*).
#   bash scripts/bench-faces.sh [--quick]           REDISLOCK_SO=/path.so to measure that build
set -uo pipefail
cd "$(dirname "$0")/.."
quick=""
[ "${1:-}" = "--quick" ] && quick="--quick"
if [ -z "${REDISLOCK_SO:-}" ]; then
    bash scripts/setup.sh || exit 1
    REDISLOCK_SO="$(pwd)/target/release/libredislock.so"
else
    SETUP_NO_BUILD=1 bash scripts/setup.sh || exit 1
fi
export REDISLOCK_SO

source scripts/redis.sh
trap redis_stop_all EXIT
trap 'exit 130' INT TERM
redis_start main || exit 1
client=()
if [ "${BENCH_PIN:-1}" != 0 ] && [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null 2>&1; then
    for pid in "${REDIS_PIDS[@]}"; do taskset -apc 0 "$pid" >/dev/null || exit 1; done
    cpus="1-$(( $(nproc) - 1 ))"
    [ "$(nproc)" -eq 2 ] && cpus=1
    client=(taskset -c "$cpus")
    export BENCH_PINNING="redis-server on CPU 0, PHP on CPU $cpus"
fi
out=bench/results
name=faces
if [ -n "$quick" ]; then out=bench/results/tmp; name=faces-quick; fi
mkdir -p "$out"
"${client[@]}" php -d "extension=$REDISLOCK_SO" bench/faces.php "$REDIS_PORT_main" "$out/$name.json" "$out/$name.md" $quick
