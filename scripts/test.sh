#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, lints (scripts/lint.sh: rustfmt, clippy with
# and without default features), runs `cargo test` (the PHP-free lock core; its tests start their
# own redis-servers), then the phpt suite with the extension loaded (scripts/phpt.sh starts and
# stops the servers it needs), then the framework packages' phpunit suites
# (scripts/integrations.sh: integrations/symfony, integrations/laravel), then the FPM tests and
# the shop scenarios, short, on SQLite and MariaDB (scripts/test-fpm.sh: nginx, php-fpm8.2,
# mariadbd and redis-servers of its own), then the phpt suite on PHP 8.4 (but the Sentinel and
# Cluster deployments' tests)
# (scripts/test-php84.sh: a Debian 13 root with PHP 8.4, the extension built there). A lint
# failure fails the run but does not stop the tests.
# Last line: "N passed, N failed" for the phpt suites (both PHP versions), the packages' tests and
# the FPM checks together; the line before it gives each. Exit status non-zero if anything failed
# or if fewer phpt tests passed than exist.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

status=0
echo "== lint (scripts/lint.sh)"
bash scripts/lint.sh || status=1

echo "== cargo test --no-default-features (lock core against real redis-servers)"
cargo test --release --no-default-features 2>&1 || status=1

counts() { # the "N passed, N failed" line of a log, as "N M"
    tail -n 5 "$1" | grep -E '^[0-9]+ passed, [0-9]+ failed$' | tail -1 | awk '{print $1, $3}'
}
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

echo "== phpt on PHP 8.2 (php-tests/ with target/release/libredislock.so)"
bash scripts/phpt.sh 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
read -r passed82 failed82 <<<"$(counts "$log")"

echo "== framework packages (scripts/integrations.sh: integrations/*, phpunit against Debian's symfony/lock and Laravel)"
bash scripts/integrations.sh 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
read -r passedint failedint <<<"$(counts "$log")"

echo "== FPM tests and shop scenarios (scripts/test-fpm.sh)"
bash scripts/test-fpm.sh 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
read -r passedfpm failedfpm <<<"$(counts "$log")"

echo "== phpt on PHP 8.4 (scripts/test-php84.sh)"
bash scripts/test-php84.sh 2>&1 | tee "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
read -r passed84 failed84 <<<"$(counts "$log")"

passed82=${passed82:-0} failed82=${failed82:-1} passed84=${passed84:-0} failed84=${failed84:-1}
passedint=${passedint:-0} failedint=${failedint:-1}
passedfpm=${passedfpm:-0} failedfpm=${failedfpm:-1}
echo "phpt: PHP 8.2 $passed82 passed, $failed82 failed; PHP 8.4 $passed84 passed, $failed84 failed; framework packages: $passedint passed, $failedint failed; FPM: $passedfpm passed, $failedfpm failed"
echo "$((passed82 + passed84 + passedint + passedfpm)) passed, $((failed82 + failed84 + failedint + failedfpm)) failed"
exit $status
