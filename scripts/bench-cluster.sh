#!/usr/bin/env bash
# The Redis Cluster benchmark: a 3 masters + 3 replicas cluster and one plain standalone
# redis-server on free loopback ports (servers pinned to CPU 0, the PHP process to CPU 1, as
# scripts/bench-sentinel.sh does), then bench/cluster.php twice:
#   1. throughput: uncontended cycles through redis+cluster:// against redis:// to the standalone
#      server and phpredis RedisCluster making the blog-post lock's two round trips (and phpredis
#      to the standalone, a control for what cluster-mode servers cost any client);
#   2. failover: a slot moved (reshard steps) and a CLUSTER FAILOVER under a lock/unlock loop,
#      failed calls and wall time of each.
# Everything it started is stopped however it ends.
#
#   bash scripts/bench-cluster.sh [CYCLES] [ROUNDS]
#   REDISLOCK_SO=/path/libredislock.so bash scripts/bench-cluster.sh
#   CLUSTER_FILLER=50000 bash scripts/bench-cluster.sh   (keys in the moved slot; default 5000)
set -uo pipefail
cd "$(dirname "$0")/.."
so="${REDISLOCK_SO:-target/release/libredislock.so}"
[ -f "$so" ] || { echo "bench-cluster: no $so (scripts/setup.sh builds it)" >&2; exit 2; }
source scripts/redis.sh
trap redis_stop_all EXIT
trap 'exit 130' INT TERM

ports=()
for i in 1 2 3 4 5 6; do
    # An explicit bus port: the default (port + 10000) is out of range for ports above 55535,
    # which free_port hands out often. node-timeout 1 s so a failover settles within the run;
    # full coverage off so a slot in flight never stops the other shards.
    redis_start "node$i" --cluster-enabled yes --cluster-node-timeout 1000 \
        --cluster-require-full-coverage no --cluster-port "$(free_port)" || exit 2
    port_var="REDIS_PORT_node$i"
    ports+=("${!port_var}")
done
redis_start plain || exit 2

addrs=()
for port in "${ports[@]}"; do addrs+=("127.0.0.1:$port"); done
if ! redis-cli --cluster create "${addrs[@]}" --cluster-replicas 1 --cluster-yes \
        >"$REDIS_SCRATCH/create.log" 2>&1; then
    cat "$REDIS_SCRATCH/create.log" >&2
    echo "bench-cluster: redis-cli --cluster create failed" >&2
    exit 2
fi

# create returns once the slots are assigned; the gossip that makes every node see a full map,
# and the replicas' initial sync, finish later. A benchmark started before that measures the
# cluster settling (CLUSTERDOWN, MOVED storms), not the client.
cluster_ready() {
    local port info repl
    for port in "${ports[@]}"; do
        info="$(redis-cli -p "$port" cluster info 2>/dev/null)" || return 1
        grep -q '^cluster_state:ok' <<<"$info" || return 1
        grep -q '^cluster_slots_ok:16384' <<<"$info" || return 1
        grep -q '^cluster_known_nodes:6' <<<"$info" || return 1
        repl="$(redis-cli -p "$port" info replication 2>/dev/null)" || return 1
        if grep -q '^role:slave' <<<"$repl"; then
            grep -q '^master_link_status:up' <<<"$repl" || return 1
        fi
    done
}
ready=0
for _ in $(seq 1 300); do
    cluster_ready && { ready=1; break; }
    sleep 0.1
done
[ "$ready" = 1 ] || { echo "bench-cluster: cluster not ok after 30 s" >&2; exit 2; }
echo "cluster ok: ${addrs[*]} (3 masters, 3 replicas); standalone on $REDIS_PORT_plain"

client=()
if [ "${BENCH_PIN:-1}" != 0 ] && [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null 2>&1; then
    for pid in "${REDIS_PIDS[@]}"; do taskset -apc 0 "$pid" >/dev/null; done
    client=(taskset -c 1)
    echo "servers pinned to CPU 0, PHP to CPU 1"
fi
seeds="$(IFS=,; echo "${ports[*]}")"
"${client[@]}" php -d "extension=$so" bench/cluster.php throughput "$seeds" "$REDIS_PORT_plain" \
    "${1:-10000}" "${2:-9}" || exit 1
echo
# The failover part changes the cluster (a slot's owner, which node is master): it runs last.
# More filler keys make the slot's move longer, the window where its scripts get TRYAGAIN.
"${client[@]}" php -d "extension=$so" bench/cluster.php failover "$seeds" "${CLUSTER_FILLER:-5000}" || exit 1
