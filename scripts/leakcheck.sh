#!/usr/bin/env bash
# Memory check of the extension with its watchdog (not run by CI; a few minutes):
#   (a) RSS: 100,000 watchdog acquire/release cycles (lease 30 ms, lock_timeout 5 s: every lock is
#       watched) while 3 locks stay held and renewed every 10 ms; VmRSS before the first cycle and
#       after every 10,000: first / last / max.
#   (b) valgrind (memcheck, PHP's allocator off: USE_ZEND_ALLOC=0, the library kept loaded at exit so
#       its frames have names: ZEND_DONT_UNLOAD_MODULES=1): 2,000 watchdog cycles, synchronized()
#       (returning, throwing, refused), acquireFenced(), isHeld(), extendLock(), RedLock
#       lock/isHeld/extend/unlock, 3 locks held across many renewals, one watched lock left at
#       request end. Counts "definitely lost" and every error (invalid read/write, ...), and which
#       have a frame in libredislock; leaks made once at module startup (class and INI
#       registration) are shown apart: they do not grow with use.
# Both run `php -n` (no php.ini, no other extension) against a redis-server of their own.
#
#   bash scripts/leakcheck.sh                               # target/release/libredislock.so
#   REDISLOCK_SO=/tmp/copy.so bash scripts/leakcheck.sh     # that build
#   LEAK_CYCLES=100000 LEAK_LEASE_MS=30 VALGRIND_CYCLES=2000 VALGRIND_LEASE_MS=300 LEAK_RSS_LIMIT_KB=8192
#
# Exit status: 1 if RSS grew by more than LEAK_RSS_LIMIT_KB over the cycles, valgrind reported an
# error (invalid read/write, ...) or a definite leak in libredislock outside module startup, or
# the workload saw the extension misbehave
# (a failed cycle, a held lock lost, no renewal); 2 if it could not run; else 0.
# Writes the details to bench/results/tmp/leakcheck/ (valgrind.log, summary.txt).
set -uo pipefail
cd "$(dirname "$0")/.."

so="${REDISLOCK_SO:-$(pwd)/target/release/libredislock.so}"
[ -f "$so" ] || { echo "leakcheck: $so: no such file (build it, or set REDISLOCK_SO)" >&2; exit 2; }
cycles="${LEAK_CYCLES:-100000}"
lease="${LEAK_LEASE_MS:-30}"
vcycles="${VALGRIND_CYCLES:-2000}"
# Under valgrind one thread runs at a time: 100 ms of CPU in the PHP thread (phpinfo() takes that
# long there) keeps the watchdog's thread from renewing, and a 30 or 100 ms lease is lost for
# reasons that are valgrind's (natively, the same busy PHP thread pinned to one CPU loses nothing),
# so (b) uses a longer lease.
vlease="${VALGRIND_LEASE_MS:-300}"
limit="${LEAK_RSS_LIMIT_KB:-8192}"
out=bench/results/tmp/leakcheck
mkdir -p "$out"

if ! command -v valgrind >/dev/null 2>&1; then
    echo "leakcheck: installing valgrind" >&2
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq valgrind >/dev/null \
        || { echo "leakcheck: cannot install valgrind" >&2; exit 2; }
fi

source scripts/redis.sh
trap redis_stop_all EXIT
trap 'exit 130' INT TERM
redis_start leak || exit 2
port=$REDIS_PORT_leak
php=(php -n -d "extension=$so")
status=0

# ---------------------------------------------------------------- (a) RSS
echo "leakcheck: (a) RSS over $cycles watchdog cycles (lease $lease ms), $so" >&2
rss_json="$("${php[@]}" scripts/leakcheck.php rss "$port" "$cycles" "$lease")"
rc=$?
echo "$rss_json" >"$out/rss.json"
[ "$rc" -eq 0 ] || { echo "leakcheck: (a) workload exit status $rc" >&2; status=1; }
rss_line="$(php -n -r '
    $j = json_decode($argv[1], true);
    if (!$j) { echo "no result\n"; exit(2); }
    $s = $j["rss_kb"]; $first = reset($s); $last = end($s);
    printf("RSS (VmRSS, kB) over %d cycles in %.1f s: first %d (after warm-up) last %d max %d, growth %+d kB; samples every 10,000: %s; %d renewals of the 3 held locks, %d lost\n",
        $j["cycles"], $j["elapsed_ms"] / 1000, $first, $last, max($s), $last - $first, implode(" ", $s), $j["renewals"], $j["lost"]);
    exit($last - $first > (int) $argv[2] ? 1 : 0);
' "$rss_json" "$limit")"
rc=$?
echo "$rss_line"
[ "$rc" -eq 0 ] || { echo "leakcheck: RSS grew by more than $limit kB" >&2; status=1; }

# ---------------------------------------------------------------- (b) valgrind
echo "leakcheck: (b) valgrind over $vcycles watchdog cycles (lease $vlease ms) and the other calls" >&2
log="$out/valgrind.log"
USE_ZEND_ALLOC=0 ZEND_DONT_UNLOAD_MODULES=1 valgrind --leak-check=full --error-exitcode=3 --num-callers=40 \
    --log-file="$log" "${php[@]}" scripts/leakcheck.php valgrind "$port" "$vcycles" "$vlease" >"$out/valgrind.json"
vrc=$?
vjson="$(cat "$out/valgrind.json")"
echo "valgrind exit status $vrc (3: it reported errors or leak records); the workload: ${vjson:-no result (it did not finish)}"
# The workload's verdict (valgrind's --error-exitcode hides the program's own exit status).
php -n -r '$j = json_decode($argv[1], true); exit(is_array($j) && !$j["problems"] ? 0 : 1);' "$vjson" || status=1
vsum="$(php -n scripts/leakcheck.php parse-valgrind "$log")"
[ $? -eq 0 ] || status=1
echo "$vsum"

{ echo "leakcheck of $so ($(date -u +%FT%TZ))"; echo "$rss_line"; echo "$vsum"; } >"$out/summary.txt"
echo "leakcheck: details in $out/ (valgrind.log, rss.json, summary.txt); exit status $status" >&2
exit $status
