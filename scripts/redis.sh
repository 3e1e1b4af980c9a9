# Sourced by the scripts: starts throwaway redis-servers on free loopback ports and stops them.
# redis_start NAME [redis-server args...]  -> sets REDIS_PORT_<NAME>; stopped by redis_stop_all.

REDIS_SCRATCH="${REDIS_SCRATCH:-$(mktemp -d /tmp/redislock-redis.XXXXXX)}"
REDIS_PIDS=()

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
        || php -r '$s=stream_socket_server("tcp://127.0.0.1:0"); $n=stream_socket_get_name($s,false); echo substr(strrchr($n,":"),1);'
}

redis_start() {
    local name="$1"; shift
    local port dir
    for _ in 1 2 3 4 5; do
        port="$(free_port)"
        dir="$REDIS_SCRATCH/$name"
        mkdir -p "$dir"
        # --save '' and no AOF: a restarted server must come back empty, not reload dump.rdb.
        redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" \
            --daemonize no "$@" >"$dir/log" 2>&1 &
        local pid=$!
        for _ in $(seq 1 100); do
            if redis-cli -p "$port" ${REDIS_CLI_AUTH:-} ping 2>/dev/null | grep -qE "PONG|NOAUTH"; then
                REDIS_PIDS+=("$pid")
                printf -v "REDIS_PORT_$name" '%s' "$port"
                export "REDIS_PORT_$name"
                return 0
            fi
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.05
        done
        kill "$pid" 2>/dev/null || true
    done
    echo "could not start redis-server $name" >&2
    return 1
}

redis_stop_all() {
    local pid
    for pid in "${REDIS_PIDS[@]}"; do
        kill -CONT "$pid" 2>/dev/null || true
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${REDIS_PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    REDIS_PIDS=()
    rm -rf "$REDIS_SCRATCH"
}
