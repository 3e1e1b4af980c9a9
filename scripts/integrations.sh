#!/usr/bin/env bash
# Runs the framework packages' own tests (integrations/*/): `composer validate --strict`, then
# Debian's phpunit with the extension loaded, against Debian's symfony/lock and Laravel packages
# (scripts/setup.sh installs them); each suite starts and stops its own redis-server.
# Per package a line "<package>: N passed, N failed"; last line "N passed, N failed" for all
# (tests counted from phpunit's JUnit log; a skipped, incomplete or warned test counts as failed;
# a failed validation, or a run that broke without a log, counts as one failure).
set -uo pipefail
cd "$(dirname "$0")/.."
EXT="${REDISLOCK_SO:-$(pwd)/target/release/libredislock.so}"
[ -f "$EXT" ] || { echo "no $EXT: run scripts/setup.sh first"; echo "0 passed, 1 failed"; exit 1; }
PHPUNIT="$(command -v phpunit)" || { echo "phpunit missing: run scripts/setup.sh"; echo "0 passed, 1 failed"; exit 1; }

total_passed=0 total_failed=0
junit="$(mktemp)"
trap 'rm -f "$junit"' EXIT
for pkg in integrations/*/; do
    pkg="${pkg%/}"
    # A package has a composer.json (integrations/shared-tests is the suites' common helper).
    [ -f "$pkg/composer.json" ] || continue
    passed=0 failed=0
    if ! (cd "$pkg" && composer validate --strict --no-interaction >/dev/null 2>&1); then
        echo "$pkg: composer validate --strict failed"
        (cd "$pkg" && composer validate --strict --no-interaction 2>&1 | tail -5)
        failed=$((failed + 1))
    fi
    : >"$junit"
    REDISLOCK_SO="$EXT" php -d "extension=$EXT" "$PHPUNIT" -c "$pkg/phpunit.xml.dist" --log-junit "$junit"
    rc=$?
    read -r tests bad <<<"$(php -r '
        $x = @simplexml_load_file($argv[1]);
        if ($x === false || !isset($x->testsuite)) { echo "0 0"; exit; }
        $a = $x->testsuite->attributes();
        $bad = (int) $a->failures + (int) $a->errors + (int) $a->skipped + (int) ($a->warnings ?? 0);
        echo (int) $a->tests, " ", $bad;' "$junit")"
    passed=$((tests - bad))
    failed=$((failed + bad))
    if [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ]; then failed=$((failed + 1)); fi
    echo "$pkg: $passed passed, $failed failed"
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
done
echo "$total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ] && [ "$total_passed" -gt 0 ]
