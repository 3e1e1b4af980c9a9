#!/usr/bin/env bash
# The peer benchmark (scripts/bench.sh) on PHP 8.4, beside the PHP 8.2 run: in the Debian 13
# (trixie) root of scripts/test-php84.sh (scripts/chroot84.sh: same cache directory, same mounts,
# all unmounted however it ends), with Debian 13's packages: PHP 8.4, phpredis 6, redis-server 8.0,
# php-symfony-lock 6.4, php-malkusch-lock 2.3 (bench.sh installs the peers, gnuplot-nox and
# redis-tools into the root when missing). Builds the extension there against PHP 8.4 into
# target/php84 (the same flags as test-php84.sh, so the two share one build) and measures a copy
# of it. Writes bench/results/php84/latest.json, latest.md and latest.png; the 8.2 results in
# bench/results/ and README's 8.2 table stay as they are; README's PHP 8.2 / 8.4 comparison
# (bench/versions.php) is refreshed when both runs' JSON exist.
#
#   bash scripts/bench-php84.sh            # the full run, about seven minutes once the root exists
#   bash scripts/bench-php84.sh --quick    # a short run: bench/results/php84/tmp/ only
#   BENCH84_REDIS=host bash scripts/bench-php84.sh   # the host's redis-server binary instead of
#       # Debian 13's (to tell PHP's part of a difference from Redis's); set BENCH_OUT with it
#       # (e.g. bench/results/tmp/php84-host-redis) so that the run is not taken for the 8.4 run
#
# Needs root (debootstrap, mount, chroot). Exit status: bench.sh's (1 a lock let two holders in,
# 2 something could not be measured), 1 if the root or the build failed.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT_DIR="$(pwd)"

fail() {
    echo "bench-php84: $*" >&2
    exit 1
}
source scripts/chroot84.sh
chroot84_as_root "$@"
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$(date +%s)
chroot84_lock
chroot84_make
chroot84_mount

out="${BENCH_OUT:-bench/results/php84}"
path=/root/.cargo/bin:/usr/local/bin:/usr/bin:/bin
if [ "${BENCH84_REDIS:-}" = host ]; then
    [ -n "${BENCH_OUT:-}" ] || fail "BENCH84_REDIS=host needs BENCH_OUT (not the 8.4 run's folder)"
    host_redis="$(command -v redis-server)" || fail "no redis-server on the host"
    mkdir -p "$CHROOT/usr/local/lib/redislock-host-redis"
    cp "$host_redis" "$CHROOT/usr/local/lib/redislock-host-redis/redis-server"
    path="/usr/local/lib/redislock-host-redis:$path"
fi

status=0
chroot84_run '
    set -uo pipefail
    echo "== PHP $(php -r "echo PHP_VERSION;"), $(redis-server --version | cut -d" " -f1-3): build against it" >&2
    built=$(date +%s)
    # The flags of scripts/test-php84.sh: other flags would make cargo rebuild everything each time.
    RUSTFLAGS="-D warnings" CARGO_TARGET_DIR=target/php84 cargo build --release --quiet || exit 1
    echo "bench-php84: build $(($(date +%s) - built)) s" >&2
    # A copy: what is measured cannot change under the run.
    cp target/php84/release/libredislock.so /tmp/redislock-php84-bench.so || exit 1
    REDISLOCK_SO=/tmp/redislock-php84-bench.so bash scripts/bench.sh $QUICK
' PATH="$path" QUICK="$([ "${1:-}" = --quick ] && echo --quick || true)" BENCH_OUT="$out" BENCH_PIN="${BENCH_PIN:-1}" || status=$?
echo "bench-php84: $(($(date +%s) - started)) s in all (root, build, peers and run)" >&2
exit $status
