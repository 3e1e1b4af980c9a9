#!/usr/bin/env bash
# Runs every test: installs what is missing, builds, lints (scripts/lint.sh: rustfmt, clippy with
# and without default features), runs `cargo test` (the PHP-free lock core; its tests start their
# own redis-servers), then the phpt suite with the extension loaded (scripts/phpt.sh starts and
# stops the servers it needs). A lint failure fails the run but does not stop the tests.
# Last line: "N passed, N failed" for the phpt part. Exit status non-zero if anything failed or
# if fewer phpt tests passed than exist.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

status=0
echo "== lint (scripts/lint.sh)"
bash scripts/lint.sh || status=1

echo "== cargo test --no-default-features (lock core against real redis-servers)"
cargo test --release --no-default-features 2>&1 || status=1

echo "== phpt (php-tests/ with target/release/libredislock.so)"
bash scripts/phpt.sh || status=1
exit $status
