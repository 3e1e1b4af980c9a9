#!/usr/bin/env bash
# The phpt suite (stubs check and phpize build included) on PHP 8.4, beside the PHP 8.2 run of
# scripts/test.sh: every test but the Sentinel and Cluster ones (php-tests/10xx-*), which start
# whole deployments to exercise the Rust core's routing, the same code under both PHP versions,
# and take half of the suite's time (PHPT84_ALL=1 runs them too; they pass on 8.4). Debian 12 has no PHP 8.4; Debian 13 (trixie) has, from the same Debian mirror
# apt already uses here. So: a trixie root made once with debootstrap and kept in a cache directory
# outside the checkout (REDISLOCK_CACHE, default /var/cache/redislock), with PHP 8.4 and what the
# tests use; the host's Rust toolchain and this checkout bind-mounted into it (scripts/chroot84.sh,
# shared with scripts/bench-php84.sh); the extension built there against PHP 8.4 (into
# target/php84, beside the 8.2 build) and the suite run with it.
# Needs root (debootstrap, mount, chroot). Everything mounted is unmounted however it ends.
# Last line: "N passed, N failed" (from scripts/phpt.sh inside the root).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT_DIR="$(pwd)"

fail() {
    echo "test-php84: $*" >&2
    echo "0 passed, 1 failed"
    exit 1
}
source scripts/chroot84.sh
chroot84_as_root "$@"
trap cleanup EXIT

started=$(date +%s)
chroot84_lock
chroot84_make
chroot84_mount

status=0
chroot84_run '
    set -uo pipefail
    echo "== PHP $(php -r "echo PHP_VERSION;") ($(php -r "echo PHP_ZTS ? \"ZTS\" : \"NTS\";")): build against it" >&2
    # Warnings are errors here: the code must build cleanly against both PHP versions.
    RUSTFLAGS="-D warnings" CARGO_TARGET_DIR=target/php84 cargo build --release --quiet ||
        { echo "0 passed, 1 failed"; exit 1; }
    echo "== phpt on PHP $(php -r "echo PHP_VERSION;")" >&2
    tests=(php-tests/)
    if [ "$PHPT84_ALL" != 1 ]; then
        mapfile -t tests < <(ls php-tests/*.phpt | grep -v "^php-tests/10[0-9][0-9]-")
    fi
    REDISLOCK_SO=/work/redislock/target/php84/release/libredislock.so bash scripts/phpt.sh "${tests[@]}"
' PHPT_JOBS="${PHPT_JOBS:-2}" PHPT84_ALL="${PHPT84_ALL:-0}" || status=$?
echo "test-php84: $(($(date +%s) - started)) s in all" >&2
exit $status
