#!/usr/bin/env bash
# What the phpt suite cannot show, because run-tests.php runs the CLI: the extension inside
# php-fpm8.2 behind nginx, over real requests. One FPM master with four pools (tests-fpm/php-fpm.conf),
# three redis-servers, nginx; all on free loopback ports under a temporary folder, stopped at the end.
#   - one Redis connection per FPM worker over thousands of requests (CLIENT LIST, INFO stats)
#   - auto_release after exit(), an uncaught exception, a fatal error, max_execution_time; the
#     same request in a pool without auto_release keeps its lock (so the check can fail)
#   - redislock.prefix per pool: two pools on one Redis, one lock name, two keys
#   - a server URL with a password: not in the phpinfo() page served over HTTP
#   - the RSS of a worker stays flat over 10,000 requests
# then the two shop scenarios, short, on SQLite and on MariaDB (examples/*/run.sh, their own servers).
# Prints each check as "ok - ..." or "FAIL - ...", then "N passed, N failed". Does not build.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
export REDISLOCK_SO="${REDISLOCK_SO:-$ROOT/target/release/libredislock.so}"
[ -f "$REDISLOCK_SO" ] || { echo "no $REDISLOCK_SO: run scripts/setup.sh first"; echo "0 passed, 1 failed"; exit 1; }

source scripts/redis.sh
source scripts/servers.sh
cleanup() { servers_stop_all; redis_stop_all; }
trap cleanup EXIT
trap 'exit 130' INT TERM

passed=0 failed=0
check() { # check DESCRIPTION COMMAND...: ok when COMMAND succeeds
    local what="$1"; shift
    if "$@"; then echo "ok - $what"; passed=$((passed + 1)); else echo "FAIL - $what"; failed=$((failed + 1)); fi
}
give_up() { echo "FAIL - $1"; echo "$passed passed, $((failed + 1)) failed"; exit 1; }

PASSWORD="fpm-s3cret-$$"
redis_start shared || give_up "redis-server did not start"
redis_start conn || give_up "redis-server did not start"
redis_start auth --requirepass "$PASSWORD" || give_up "redis-server did not start"
fpm_start t tests-fpm/php-fpm.conf REDIS_SHARED="$REDIS_PORT_shared" REDIS_CONN="$REDIS_PORT_conn" \
    REDIS_AUTH="$REDIS_PORT_auth" PASSWORD="$PASSWORD" || give_up "php-fpm did not start"
nginx_start t tests-fpm/nginx.conf WWW="$ROOT/tests-fpm/www" FPM_DIR="$SERVERS_DIR/fpm-t" \
    || give_up "nginx did not start"
URL="http://127.0.0.1:$NGINX_PORT_t"

rcli() { local port="$1"; shift; redis-cli -p "$port" "$@"; }
# wrk_count SECONDS CONNECTIONS PATH -> "requests non200 errors"
wrk_count() {
    wrk -t1 -c"$2" -d"$1"s --timeout 10s -s tests-fpm/count.lua "$URL$3" 2>&1 \
        | sed -n 's/^wrk-result requests=\([0-9]*\) non200=\([0-9]*\) errors=\([0-9]*\)$/\1 \2 \3/p'
}

echo "== one Redis connection per FPM worker (pool c: 4 workers)"
before=$(rcli "$REDIS_PORT_conn" info stats | sed -n 's/^total_connections_received:\([0-9]*\).*/\1/p')
read -r requests non200 errors <<<"$(wrk_count 3 8 /c/cycle.php)"
after=$(rcli "$REDIS_PORT_conn" info stats | sed -n 's/^total_connections_received:\([0-9]*\).*/\1/p')
# Every connection but redis-cli's own (CLIENT LIST names itself with cmd=client).
clients=$(rcli "$REDIS_PORT_conn" client list | grep -vc 'cmd=client')
echo "   ${requests:-0} requests (${non200:-?} not 200, ${errors:-?} socket errors); connections received $((after - before - 1)); open now $clients"
check "thousands of requests through pool c, every one a full lock cycle" \
    test "${requests:-0}" -ge 2000 -a "${non200:-1}" -eq 0 -a "${errors:-1}" -eq 0
check "pool c's 4 workers opened 4 connections in all (no reconnects) and keep 4 open" \
    test "$((after - before - 1))" -eq 4 -a "$clients" -eq 4

echo "== auto_release: the lock is gone when the request ends, however it ends (pool a)"
# held PORT KEY: the key's value (the identifier), empty when there is no such key.
held() { rcli "$1" get "$2"; }
for end in return exit exception fatal timeout; do
    name="end-$end-$$"
    body=$(curl -s -m 20 "$URL/a/hold.php?name=$name&end=$end")
    id=$(head -1 <<<"$body")
    # The lock is released in the request's end, before the response ends: no wait should be
    # needed; 2 s of polling only keeps a slow machine from failing the check.
    for _ in $(seq 1 40); do [ -z "$(held "$REDIS_PORT_shared" "pool-a:$name")" ] && break; sleep 0.05; done
    check "$end: the request took the lock ($id) and its end released it" \
        test "${#id}" -eq 32 -a -z "$(held "$REDIS_PORT_shared" "pool-a:$name")"
done
for end in exit fatal; do
    name="keep-$end-$$"
    id=$(curl -s -m 20 "$URL/b/hold.php?name=$name&end=$end" | head -1)
    sleep 0.3
    check "control, pool b without auto_release: after $end the lock stays (same identifier)" \
        test "${#id}" -eq 32 -a "$(held "$REDIS_PORT_shared" "pool-b:$name")" = "$id"
done
grep -q 'Maximum execution time of 1 second exceeded' "$SERVERS_DIR/fpm-t/php-error-a.log"
check "the timeout request did end by max_execution_time (in pool a's error log)" test $? -eq 0
grep -q 'Allowed memory size of 16777216 bytes exhausted' "$SERVERS_DIR/fpm-t/php-error-a.log"
check "the fatal request did end by memory exhaustion (in pool a's error log)" test $? -eq 0

echo "== redislock.prefix per pool (a and b on one Redis)"
name="shared-$$"
id_b=$(curl -s -m 20 "$URL/b/hold.php?name=$name&end=return" | head -1)
id_a=$(curl -s -m 20 "$URL/a/hold.php?name=$name&end=exit" | head -1)
check "pool b holds '$name' under pool-b:, and pool a still takes '$name' (under pool-a:)" \
    test "$(held "$REDIS_PORT_shared" "pool-b:$name")" = "$id_b" -a "${#id_a}" -eq 32 -a "$id_a" != "$id_b"
check "no key under the default prefix AGENT_ORDER_LOCK: on that Redis" \
    test "$(rcli "$REDIS_PORT_shared" --scan --pattern 'AGENT_ORDER_LOCK:*' | wc -l)" -eq 0

echo "== a password in redislock.servers, phpinfo() over HTTP (pool d)"
info=$(curl -s -m 20 "$URL/d/info.php")
check "pool d's lock cycle works on the Redis that wants that password" \
    test "$(curl -s -m 20 "$URL/d/cycle.php")" = ok
check "phpinfo() page shows redislock.servers with the password masked (***@127.0.0.1:$REDIS_PORT_auth)" \
    bash -c 'grep -q ">redislock.servers<" <<<"$1" && grep -qF "redis://:***@127.0.0.1:$2" <<<"$1"' _ "$info" "$REDIS_PORT_auth"
check "phpinfo() page does not contain the password" bash -c '! grep -qF -- "$1" <<<"$2"' _ "$PASSWORD" "$info"

echo "== worker RSS over 10,000 requests (pool d: 1 worker)"
pid=$(curl -s -m 20 "$URL/d/pid.php")
rss() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status"; }
read -r n _ _ <<<"$(wrk_count 1 2 /d/cycle.php)"   # warm-up
first=$(rss) total=0 samples=""
for _ in $(seq 1 20); do
    read -r n bad errs <<<"$(wrk_count 1 2 /d/cycle.php)"
    [ "${bad:-1}" -eq 0 ] && [ "${errs:-1}" -eq 0 ] || { total=-1; break; }
    total=$((total + n)) samples="$samples $(rss)"
    [ "$total" -lt 10000 ] || break
done
last=$(rss)
echo "   worker $pid: VmRSS $first kB after ${n:-0}+ warm-up requests, then over $total requests (kB):$samples"
check "10,000 requests served by the one worker of pool d, all 200" \
    test "$total" -ge 10000 -a "$(curl -s -m 20 "$URL/d/pid.php")" = "$pid"
check "its RSS grew by at most 256 kB over them ($first -> $last kB)" test $((last - first)) -le 256

for log in "$SERVERS_DIR"/fpm-t/php-error-*.log; do
    unexpected=$(grep -v -e 'uncaught, on purpose' -e 'Maximum execution time' -e 'Allowed memory size' \
        -e '^Stack trace' -e '^#[0-9]' -e 'thrown in' "$log" 2>/dev/null | head -3)
    check "nothing unexpected in $(basename "$log")" test -z "$unexpected"
    [ -z "$unexpected" ] || echo "$unexpected"
done
# The scenarios, short (their own servers; the FPM ones above are stopped first to free the CPU).
servers_stop_all; redis_stop_all
scenario() { # scenario NAME DB COMMAND...: the run's output indented; its exit status and the control
    local name="$1" db="$2"; shift 2
    local out status
    out=$("$@" 2>&1); status=$?
    sed 's/^/   /' <<<"$out" | grep -v -e '^   #' -e 'Stack trace' -e 'thrown in'
    check "$name on $db: locked runs pass every check (exit $status)" test "$status" -eq 0
    check "$name on $db: the no-lock control fails them" grep -qE '^nolock .*(DIFFERS|refused by UNIQUE)' <<<"$out"
}
for db in sqlite mariadb; do
    echo "== flash sale, short ($db: stock 150, 32 connections, 4 FPM workers)"
    scenario "flash sale" "$db" bash examples/flash-sale/run.sh --db "$db" --workers 4 --stock 150 --connections 32
    echo "== task dispatch, short ($db: 8 tasks, 2 long, 2 workers killed)"
    scenario "task dispatch" "$db" bash examples/task-dispatch/run.sh --db "$db" --tasks 8 --long-ms 2000 \
        --short-ms 100 --long-every 4
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
