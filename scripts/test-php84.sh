#!/usr/bin/env bash
# The whole phpt suite (stubs check and phpize build included) on PHP 8.4, beside the PHP 8.2 run of
# scripts/test.sh. Debian 12 has no PHP 8.4; Debian 13 (trixie) has, from the same Debian mirror
# apt already uses here. So: a trixie root made once with debootstrap and kept in a cache directory
# outside the checkout (REDISLOCK_CACHE, default /var/cache/redislock), with PHP 8.4 and what the
# tests use; the host's Rust toolchain and this checkout bind-mounted into it; the extension built
# there against PHP 8.4 (into target/php84, beside the 8.2 build) and the suite run with it.
# Needs root (debootstrap, mount, chroot). Everything mounted is unmounted however it ends.
# Last line: "N passed, N failed" (from scripts/phpt.sh inside the root).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT_DIR="$(pwd)"
CACHE="${REDISLOCK_CACHE:-/var/cache/redislock}"
CHROOT="$CACHE/trixie-php84"
# Bump when the package list changes: a root made for an older list is made again.
ROOT_VERSION=2
PACKAGES=(php8.4-dev php8.4-cli php8.4-redis php8.4-sqlite3 libclang-dev redis-server gcc make git
    composer ca-certificates)

fail() {
    echo "test-php84: $*" >&2
    echo "0 passed, 1 failed"
    exit 1
}
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "needs root (debootstrap, mount, chroot)"
    exec sudo --preserve-env=HOME,REDISLOCK_CACHE,PHPT_JOBS bash "$0" "$@"
fi

# The Debian mirror apt uses here (never a host name written into the repository).
mirror() {
    {
        grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}'
        grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
            awk '{for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; break}}'
    } | grep -v -e security -e '^$' | grep -E '/debian/?$' | head -1 || true
}

mounted=()
cleanup() {
    local i
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
        umount -l "${mounted[$i]}" 2>/dev/null || true
    done
}
trap cleanup EXIT
mount_in() { # mount_in <mount args...> <target>
    local target="${*: -1}"
    mkdir -p "$target"
    mount "$@"
    mounted+=("$target")
}
mount_system() {
    mount_in -t proc proc "$CHROOT/proc"
    mount_in --bind /dev "$CHROOT/dev"
    mount_in -t devpts devpts "$CHROOT/dev/pts"
    cp /etc/resolv.conf "$CHROOT/etc/resolv.conf"
    # localhost and this host's names resolve as outside (minbase has no /etc/hosts).
    cp /etc/hosts "$CHROOT/etc/hosts"
}

started=$(date +%s)
if [ "$(cat "$CHROOT/.redislock-root" 2>/dev/null)" != "$ROOT_VERSION" ]; then
    echo "test-php84: making the trixie root in $CHROOT (once; kept for later runs)" >&2
    command -v debootstrap >/dev/null 2>&1 || {
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
    }
    url="$(mirror)"
    [ -n "$url" ] || fail "no Debian mirror found in apt's sources"
    rm -rf "$CHROOT"
    mkdir -p "$CACHE"
    debootstrap --variant=minbase trixie "$CHROOT" "$url" >/dev/null || fail "debootstrap trixie from $url failed"
    mount_system
    # No service starts inside the root (redis-server's package would start one on 6379).
    printf '#!/bin/sh\nexit 101\n' >"$CHROOT/usr/sbin/policy-rc.d"
    chmod +x "$CHROOT/usr/sbin/policy-rc.d"
    chroot "$CHROOT" apt-get update -qq || fail "apt-get update in the root failed"
    DEBIAN_FRONTEND=noninteractive chroot "$CHROOT" apt-get install -y -qq --no-install-recommends \
        "${PACKAGES[@]}" >/dev/null || fail "installing PHP 8.4 in the root failed"
    chroot "$CHROOT" apt-get clean
    echo "$ROOT_VERSION" >"$CHROOT/.redislock-root"
    cleanup
    mounted=()
    echo "test-php84: root ready after $(($(date +%s) - started)) s" >&2
fi

mount_system
mount_in --bind "$HOME/.cargo" "$CHROOT/root/.cargo"
mount_in --bind "$HOME/.rustup" "$CHROOT/root/.rustup"
mount_in --bind "$ROOT_DIR" "$CHROOT/work/redislock"

chroot "$CHROOT" /usr/bin/env -i HOME=/root PATH=/root/.cargo/bin:/usr/local/bin:/usr/bin:/bin \
    LANG=C.UTF-8 TERM=dumb PHPT_JOBS="${PHPT_JOBS:-2}" \
    /bin/bash -c '
        set -uo pipefail
        cd /work/redislock
        echo "== PHP $(php -r "echo PHP_VERSION;") ($(php -r "echo PHP_ZTS ? \"ZTS\" : \"NTS\";")): build against it" >&2
        # Warnings are errors here: the code must build cleanly against both PHP versions.
        RUSTFLAGS="-D warnings" CARGO_TARGET_DIR=target/php84 cargo build --release --quiet ||
            { echo "0 passed, 1 failed"; exit 1; }
        echo "== phpt on PHP $(php -r "echo PHP_VERSION;")" >&2
        REDISLOCK_SO=/work/redislock/target/php84/release/libredislock.so bash scripts/phpt.sh
    '
status=$?
echo "test-php84: $(($(date +%s) - started)) s in all" >&2
exit $status
