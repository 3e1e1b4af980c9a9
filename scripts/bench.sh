#!/usr/bin/env bash
# The side-by-side benchmark: redislock against the PHP class shops copy from blog posts,
# symfony/lock, malkusch/lock and two plain-phpredis floors, in six scenarios, plus what redislock's
# watchdog and acquireFenced() cost (bench/run.php says which).
# Installs what it needs, builds the release extension (scripts/setup.sh), starts its own
# redis-servers on free ports (one, plus five masters for Redlock), runs every scenario, stops the
# servers, and writes bench/results/latest.json, latest.md (the table, made from the JSON),
# latest.png (the plot) and the table into README.md between <!-- bench:start --> and <!-- bench:end -->.
#
#   bash scripts/bench.sh           # the full run, about six minutes
#   bash scripts/bench.sh --quick   # a short run for development: writes bench/results/tmp/ only
#                                   # (with BENCH_OUT: its tmp/)
#   REDISLOCK_SO=/tmp/copy.so bash scripts/bench.sh   # measure that build: nothing is compiled
#   BENCH_OUT=bench/results/php84 ...   # write latest.json/.md/.png there and leave README's table
#                                       # alone (scripts/bench-php84.sh: the same run on PHP 8.4)
# A full run also refreshes README's PHP 8.2 / 8.4 comparison (bench/versions.php) when both
# bench/results/latest.json and bench/results/php84/latest.json exist.
#
# Exit status: 1 if a lock let two holders in (counter mismatch, oversell), 2 if something could
# not be measured, else 0.
set -uo pipefail
cd "$(dirname "$0")/.."

start=$(date +%s)
export BENCH_STARTED=$start
quick=""
[ "${1:-}" = "--quick" ] && quick="--quick"

# REDISLOCK_SO already set: measure that library as it is (setup installs what is missing but
# builds nothing), so a build going on in target/ meanwhile cannot change what is measured.
if [ -n "${REDISLOCK_SO:-}" ]; then
    [ -f "$REDISLOCK_SO" ] || { echo "bench: REDISLOCK_SO=$REDISLOCK_SO: no such file" >&2; exit 1; }
    REDISLOCK_SO="$(cd "$(dirname "$REDISLOCK_SO")" && pwd)/$(basename "$REDISLOCK_SO")"
    SETUP_NO_BUILD=1 bash scripts/setup.sh || exit 1
else
    bash scripts/setup.sh || exit 1
    REDISLOCK_SO="$(pwd)/target/release/libredislock.so"
fi
export REDISLOCK_SO

# The peers and the plot: Debian's packages, installed only when missing.
need=()
[ -f /usr/share/php/Symfony/Component/Lock/autoload.php ] || need+=(php-symfony-lock)
[ -f /usr/share/php/Malkusch/Lock/autoload.php ] || need+=(php-malkusch-lock)
command -v gnuplot >/dev/null 2>&1 || need+=(gnuplot-nox)
command -v redis-benchmark >/dev/null 2>&1 || need+=(redis-tools)
php -m 2>/dev/null | grep -qx pcntl || { echo "bench: PHP's pcntl extension is required" >&2; exit 1; }
if ((${#need[@]})); then
    echo "bench: installing ${need[*]}" >&2
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null || exit 1
fi

source scripts/redis.sh
trap redis_stop_all EXIT
trap 'exit 130' INT TERM
redis_start main || exit 1
for m in 1 2 3 4 5; do redis_start "m$m" || exit 1; done
# Pinning: redis-servers on CPU 0, every PHP process (and redis-benchmark) on the other CPUs. On this
# kind of VM a loopback round trip between two CPUs costs several times one within a CPU, and the
# scheduler picks either at random, so unpinned rates jump between two levels from run to run.
# Across CPUs is also the closer model of Redis on another host. BENCH_PIN=0 turns it off.
client=()
if [ "${BENCH_PIN:-1}" != 0 ] && [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null 2>&1; then
    for pid in "${REDIS_PIDS[@]}"; do taskset -apc 0 "$pid" >/dev/null || exit 1; done
    cpus="1-$(( $(nproc) - 1 ))"
    [ "$(nproc)" -eq 2 ] && cpus=1
    client=(taskset -c "$cpus")
    export BENCH_PINNING="redis-servers pinned to CPU 0, PHP processes and redis-benchmark to CPU $cpus: every round trip crosses CPUs, as it crosses a network in production (within one CPU it is several times faster on this VM, and unpinned runs land on either at random)"
fi
export BENCH_MAIN="127.0.0.1:$REDIS_PORT_main"
export BENCH_MASTERS="127.0.0.1:$REDIS_PORT_m1,127.0.0.1:$REDIS_PORT_m2,127.0.0.1:$REDIS_PORT_m3,127.0.0.1:$REDIS_PORT_m4,127.0.0.1:$REDIS_PORT_m5"

if [ -n "$quick" ]; then
    out="${BENCH_OUT:-bench/results}"
    out="${out%/}/tmp"
    mkdir -p "$out"
    json="$out/quick.json"
else
    out="${BENCH_OUT:-bench/results}"
    out="${out%/}"
    mkdir -p "$out"
    json="$out/latest.json"
fi

"${client[@]}" php -d "extension=$REDISLOCK_SO" bench/run.php "$json" $quick
status=$?
if [ -s "$json" ] && [ "$status" -ne 130 ]; then
    if [ -n "$quick" ]; then
        php bench/report.php "$json" "$out/quick.md" "$out/quick.png" || { [ "$status" -eq 0 ] && status=2; }
    else
        # README's table is the default run's (PHP 8.2 here); another BENCH_OUT keeps to its folder.
        readme=()
        [ "$out" = bench/results ] && readme=(README.md)
        php bench/report.php "$json" "$out/latest.md" "$out/latest.png" "${readme[@]}" || { [ "$status" -eq 0 ] && status=2; }
        if [ -s bench/results/latest.json ] && [ -s bench/results/php84/latest.json ]; then
            php bench/versions.php bench/results/latest.json bench/results/php84/latest.json README.md ||
                { [ "$status" -eq 0 ] && status=2; }
        fi
    fi
fi
echo "bench: whole run $(( $(date +%s) - start )) s (setup, servers and report included), exit status $status"
exit $status
