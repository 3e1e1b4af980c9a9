#!/usr/bin/env bash
# Lint: `cargo fmt --check`, then `cargo clippy --all-targets -- -D warnings` with the default
# features (the PHP extension: needs php8.2-dev and libclang, so run scripts/setup.sh first) and
# with `--no-default-features` (the PHP-free lock core). Runs all three even when one fails; exit
# status non-zero if any failed or if rustfmt or clippy is not installed. Run by scripts/test.sh.
set -uo pipefail
cd "$(dirname "$0")/.."

command -v cargo >/dev/null 2>&1 || { echo "lint: cargo not found (install Rust first)" >&2; exit 1; }
missing=()
cargo fmt --version >/dev/null 2>&1 || missing+=(rustfmt)
cargo clippy --version >/dev/null 2>&1 || missing+=(clippy)
if ((${#missing[@]})); then
    echo "lint: ${missing[*]} not installed for this Rust toolchain: rustup component add ${missing[*]}" >&2
    exit 1
fi

status=0
failed=()
check() {
    echo "== $*"
    if ! "$@" 2>&1; then
        status=1
        failed+=("$*")
    fi
}
check cargo fmt --check
check cargo clippy --all-targets -- -D warnings
check cargo clippy --all-targets --no-default-features -- -D warnings

if ((status)); then
    echo "lint: failed:" >&2
    printf '  %s\n' "${failed[@]}" >&2
else
    echo "lint: ok (rustfmt, clippy with and without default features)"
fi
exit $status
