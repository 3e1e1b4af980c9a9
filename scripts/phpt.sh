#!/usr/bin/env bash
# Runs phpt tests (default: all of php-tests/) against the built extension, with the redis-servers
# they need started on free ports and stopped afterwards. Does not build: scripts/test.sh does.
# Last line: "N passed, N failed"; a skipped test counts as failed (a skip is not a pass).
set -uo pipefail
args=()
for a in "$@"; do args+=("$(realpath "$a")"); done
set -- "${args[@]+"${args[@]}"}"
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
EXT="${REDISLOCK_SO:-$ROOT/target/release/libredislock.so}"
[ -f "$EXT" ] || { echo "no $EXT: run scripts/setup.sh first"; echo "0 passed, 1 failed"; exit 1; }

source scripts/redis.sh
trap redis_stop_all EXIT
redis_start main || exit 1
# A server that wants a password, with an ACL user beside the default user.
redis_start auth --requirepass s3cret --user locker on ">wonderland" "~*" "&*" "+@all" || exit 1
# Five independent masters for RedLock and quorum tests.
for i in 1 2 3 4 5; do redis_start "m$i" || exit 1; done

if [ $# -eq 0 ]; then set -- php-tests/; fi
total=0
for t in "$@"; do
    if [ -d "$t" ]; then total=$((total + $(ls "$t"/*.phpt | wc -l))); else total=$((total + 1)); fi
done

RUN_TESTS="$(php-config --extension-dir)/build/run-tests.php"
log="$(mktemp)"
TEST_PHP_EXECUTABLE="$(command -v php)" NO_INTERACTION=1 REDISLOCK_SO="$EXT" \
    php "$RUN_TESTS" -q --show-diff -j"${PHPT_JOBS:-2}" \
    -d "extension=$EXT" -d display_errors=1 -d error_reporting=-1 \
    "$@" 2>&1 | tee "$log"
passed=$(grep -E "^Tests passed" "$log" | grep -oE "[0-9]+" | head -1)
passed=${passed:-0}
rm -f "$log"
failed=$((total - passed))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
