#!/usr/bin/env bash
# The Sentinel benchmark: starts one master, two replicas and three sentinels on free loopback
# ports (pinned to CPU 0 like scripts/bench.sh pins its servers, the PHP process to CPU 1) and
# runs bench/sentinel.php: uncontended cycles through redis+sentinel:// against redis:// to the
# same master and phpredis with RedisSentinel. Everything it started is stopped however it ends.
#
#   bash scripts/bench-sentinel.sh [CYCLES] [ROUNDS]
#   REDISLOCK_SO=/path/libredislock.so bash scripts/bench-sentinel.sh
set -uo pipefail
cd "$(dirname "$0")/.."
so="${REDISLOCK_SO:-target/release/libredislock.so}"
[ -f "$so" ] || { echo "bench-sentinel: no $so (scripts/setup.sh builds it)" >&2; exit 2; }
source scripts/redis.sh
sentinel_pids=()
cleanup() {
    local pid
    for pid in "${sentinel_pids[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
    redis_stop_all
}
trap cleanup EXIT
trap 'exit 130' INT TERM

service=bench-svc
redis_start master || exit 2
redis_start replica1 --replicaof 127.0.0.1 "$REDIS_PORT_master" || exit 2
redis_start replica2 --replicaof 127.0.0.1 "$REDIS_PORT_master" || exit 2
ports=()
for i in 1 2 3; do
    port="$(free_port)"
    dir="$REDIS_SCRATCH/sentinel$i"
    mkdir -p "$dir"
    printf 'port %s\nbind 127.0.0.1\ndir %s\nsentinel monitor %s 127.0.0.1 %s 2\nsentinel down-after-milliseconds %s 1000\n' \
        "$port" "$dir" "$service" "$REDIS_PORT_master" "$service" >"$dir/sentinel.conf"
    redis-server "$dir/sentinel.conf" --sentinel >"$dir/log" 2>&1 &
    sentinel_pids+=("$!")
    ports+=("$port")
done
for port in "${ports[@]}"; do
    for _ in $(seq 1 100); do
        redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && break
        sleep 0.05
    done
done
client=()
if [ "${BENCH_PIN:-1}" != 0 ] && [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null 2>&1; then
    for pid in "${REDIS_PIDS[@]}" "${sentinel_pids[@]}"; do taskset -apc 0 "$pid" >/dev/null; done
    client=(taskset -c 1)
    echo "servers and sentinels pinned to CPU 0, PHP to CPU 1"
fi
"${client[@]}" php -d "extension=$so" bench/sentinel.php "$service" "$REDIS_PORT_master" \
    "$(IFS=,; echo "${ports[*]}")" "${1:-20000}" "${2:-5}"
