# Sourced by scripts/test-php84.sh and scripts/bench-php84.sh: the Debian 13 (trixie) root with
# PHP 8.4 they run in. Debian 12 has no PHP 8.4; Debian 13 has, from the same Debian mirror apt
# already uses here. The root is made once with debootstrap and kept in a cache directory outside
# the checkout (REDISLOCK_CACHE, default /var/cache/redislock); the host's Rust toolchain and this
# checkout are bind-mounted into it. Needs root (debootstrap, mount, chroot).
#
# The sourcing script defines fail MESSAGE (prints its own last line and exits) and sets ROOT_DIR
# (the checkout), then: chroot84_as_root "$@"; trap cleanup EXIT; chroot84_lock; chroot84_make;
# chroot84_mount; chroot84_run 'commands' [NAME=value...]. Everything mounted is unmounted by
# cleanup, however the script ends.

CACHE="${REDISLOCK_CACHE:-/var/cache/redislock}"
CHROOT="$CACHE/trixie-php84"
# Bump when the package list changes: a root made for an older list is made again. Packages only
# one script needs (the benchmark's peers) are installed by that script when missing instead.
ROOT_VERSION=2
PACKAGES=(php8.4-dev php8.4-cli php8.4-redis php8.4-sqlite3 libclang-dev redis-server gcc make git
    composer ca-certificates)

# Runs the calling script again under sudo when not root.
chroot84_as_root() {
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || fail "needs root (debootstrap, mount, chroot)"
        exec sudo --preserve-env=HOME,REDISLOCK_CACHE,PHPT_JOBS,BENCH_PIN bash "$0" "$@"
    fi
}

# One script at a time in the root: both mount onto the same places.
chroot84_lock() {
    mkdir -p "$CACHE"
    exec 9>"$CACHE/.trixie-php84.lock"
    if ! flock -n 9; then
        echo "${0##*/}: another script is using $CHROOT; waiting for it" >&2
        flock 9
    fi
}

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
    mounted=()
}
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

# apt-get install in the root (its system mounts must be up).
chroot84_apt_install() {
    DEBIAN_FRONTEND=noninteractive chroot "$CHROOT" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# Makes the root if it is missing or was made for another package list.
chroot84_make() {
    local tag="${0##*/}"
    tag="${tag%.sh}"
    if [ "$(cat "$CHROOT/.redislock-root" 2>/dev/null)" = "$ROOT_VERSION" ]; then
        return 0
    fi
    local made
    made=$(date +%s)
    echo "$tag: making the trixie root in $CHROOT (once; kept for later runs)" >&2
    command -v debootstrap >/dev/null 2>&1 || {
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
    }
    local url
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
    chroot84_apt_install "${PACKAGES[@]}" || fail "installing PHP 8.4 in the root failed"
    chroot "$CHROOT" apt-get clean
    echo "$ROOT_VERSION" >"$CHROOT/.redislock-root"
    cleanup
    echo "$tag: root ready after $(($(date +%s) - made)) s" >&2
}

# The system mounts, the host's Rust toolchain and the checkout (at /work/redislock).
chroot84_mount() {
    mount_system
    mount_in --bind "$HOME/.cargo" "$CHROOT/root/.cargo"
    mount_in --bind "$HOME/.rustup" "$CHROOT/root/.rustup"
    mount_in --bind "$ROOT_DIR" "$CHROOT/work/redislock"
}

# chroot84_run 'bash commands' [NAME=value...]: runs them in the checkout inside the root with a
# clean environment (plus the NAME=value pairs) and returns their exit status.
chroot84_run() {
    local script="$1"
    shift
    chroot "$CHROOT" /usr/bin/env -i HOME=/root PATH=/root/.cargo/bin:/usr/local/bin:/usr/bin:/bin \
        LANG=C.UTF-8 TERM=dumb "$@" /bin/bash -c "cd /work/redislock || exit 1; $script"
}
