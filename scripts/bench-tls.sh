#!/usr/bin/env bash
# The TLS (rediss://) benchmark: makes a CA and a server certificate (openssl, in a scratch
# directory), starts six redis-servers with a TLS port beside their plain one (one for the
# single-server measurements, five masters for RedLock), pins them like scripts/bench.sh does,
# runs bench/tls.php and writes bench/results/tls.json and bench/results/tls.md. Servers,
# certificates and the copied extension are removed however it ends.
#
#   bash scripts/bench-tls.sh           # the full run, about two minutes
#   bash scripts/bench-tls.sh --quick   # a short run: bench/results/tmp/tls-quick.{json,md}
#   REDISLOCK_SO=/tmp/x.so bash scripts/bench-tls.sh   # measure that build (default: a copy of
#                                       # target/release/libredislock.so taken at the start, so a
#                                       # rebuild meanwhile cannot change what is measured)
# It refuses to run while another benchmark runs (its numbers would be both runs'); BENCH_TLS_FORCE=1
# runs it anyway. Nothing is built or installed: run scripts/setup.sh first.
# Exit status: 0, or 2 if something could not be measured.
set -uo pipefail
cd "$(dirname "$0")/.."

quick=""
[ "${1:-}" = "--quick" ] && quick="--quick"
if [ "${BENCH_TLS_FORCE:-0}" != 1 ]; then
    others="$(pgrep -f 'bench/run.php|scripts/bench.sh' || true)"
    if [ -n "$others" ]; then
        echo "bench-tls: another benchmark is running (pids: $(echo $others)); wait for it, or BENCH_TLS_FORCE=1" >&2
        exit 2
    fi
fi
for tool in redis-server redis-cli openssl php; do
    command -v "$tool" >/dev/null 2>&1 || { echo "bench-tls: $tool not found (scripts/setup.sh installs it)" >&2; exit 2; }
done
php -m 2>/dev/null | grep -qx redis || { echo "bench-tls: phpredis (php-redis) is required" >&2; exit 2; }

scratch="$(mktemp -d /tmp/redislock-bench-tls.XXXXXX)"
source scripts/redis.sh
cleanup() {
    redis_stop_all
    rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -n "${REDISLOCK_SO:-}" ]; then
    [ -f "$REDISLOCK_SO" ] || { echo "bench-tls: REDISLOCK_SO=$REDISLOCK_SO: no such file" >&2; exit 2; }
    so="$REDISLOCK_SO"
else
    [ -f target/release/libredislock.so ] || { echo "bench-tls: no target/release/libredislock.so (scripts/setup.sh builds it)" >&2; exit 2; }
    so="$scratch/libredislock.so"
    cp target/release/libredislock.so "$so"
fi

# The CA and the server certificate (localhost and 127.0.0.1), EC P-256 keys.
(
    cd "$scratch" || exit 1
    ossl() { openssl "$@" >/dev/null 2>&1 || { echo "bench-tls: openssl $1 failed" >&2; exit 1; }; }
    ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key
    ossl req -x509 -new -key ca.key -subj "/CN=redislock bench CA" -days 30 -out ca.pem \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
    ossl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out server.key
    ossl req -new -key server.key -subj "/CN=localhost" -out server.csr
    printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature,keyEncipherment" \
        "extendedKeyUsage=serverAuth" "subjectAltName=DNS:localhost,IP:127.0.0.1" >server.ext
    ossl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -extfile server.ext -out server.pem
) || exit 2

declare -A TLS_PORT
for name in main m1 m2 m3 m4 m5; do
    TLS_PORT[$name]="$(free_port)"
    redis_start "$name" --tls-port "${TLS_PORT[$name]}" --tls-cert-file "$scratch/server.pem" \
        --tls-key-file "$scratch/server.key" --tls-ca-cert-file "$scratch/ca.pem" --tls-auth-clients no || exit 2
done
# Pinning as in scripts/bench.sh: redis-servers on CPU 0, PHP on the others. BENCH_PIN=0: off.
client=()
if [ "${BENCH_PIN:-1}" != 0 ] && [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null 2>&1; then
    for pid in "${REDIS_PIDS[@]}"; do taskset -apc 0 "$pid" >/dev/null || exit 2; done
    cpus="1-$(( $(nproc) - 1 ))"
    [ "$(nproc)" -eq 2 ] && cpus=1
    client=(taskset -c "$cpus")
    export BENCH_PINNING="redis-servers on CPU 0, the PHP process on CPU $cpus (every round trip crosses CPUs)"
fi

export TLS_BENCH_CA="$scratch/ca.pem"
export TLS_BENCH_MAIN="${TLS_PORT[main]}:$REDIS_PORT_main"
masters=()
for m in m1 m2 m3 m4 m5; do
    port_var="REDIS_PORT_$m"
    masters+=("${TLS_PORT[$m]}:${!port_var}")
done
TLS_BENCH_MASTERS="$(IFS=,; echo "${masters[*]}")"
export TLS_BENCH_MASTERS

if [ -n "$quick" ]; then
    mkdir -p bench/results/tmp
    json=bench/results/tmp/tls-quick.json md=bench/results/tmp/tls-quick.md
else
    json=bench/results/tls.json md=bench/results/tls.md
fi
"${client[@]}" php -d "extension=$so" bench/tls.php "$json" "$md" $quick
status=$?
[ "$status" -eq 0 ] || status=2
exit $status
