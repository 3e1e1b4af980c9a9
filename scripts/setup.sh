#!/usr/bin/env bash
# Installs what a fresh Debian bookworm machine (with only Rust) lacks, then builds the release
# extension into target/release/libredislock.so. Safe to run again: it installs only what is missing.
# SETUP_NO_BUILD=1: install only, build nothing (scripts/bench.sh with REDISLOCK_SO set).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v php-config >/dev/null 2>&1 || need+=(php8.2-dev)
command -v php >/dev/null 2>&1 || need+=(php8.2-cli)
# phpredis: the independent client tests and benchmarks use to look at Redis.
{ command -v php >/dev/null 2>&1 && php -m 2>/dev/null | grep -x redis >/dev/null; } || need+=(php8.2-redis)
# PDO SQLite: the fencing example's database (README, "Fencing").
{ command -v php >/dev/null 2>&1 && php -m 2>/dev/null | grep -x pdo_sqlite >/dev/null; } || need+=(php8.2-sqlite3)
# libclang: what bindgen loads (libclang-cpp alone is not it); see scripts/libclang.sh.
source scripts/libclang.sh
has_libclang || need+=(libclang-dev)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v gcc >/dev/null 2>&1 || need+=(gcc)
# make: the phpize build path (config.m4) and its test.
command -v make >/dev/null 2>&1 || need+=(make)
# Composer: the stubs package tests (composer validate, install from a path repository).
command -v composer >/dev/null 2>&1 || need+=(composer)
# The shop scenarios (examples/flash-sale, examples/task-dispatch; scripts/demo.sh, test-fpm.sh):
# nginx and PHP-FPM, MariaDB (server, client, PDO driver) and the wrk load generator. The scripts
# start their own instances as the current user (scripts/servers.sh) and never use the system's.
# In a container without systemd the packages' postinst finds no runlevel and starts nothing;
# with systemd they start the usual system services, which the scripts leave alone.
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v php-fpm8.2 >/dev/null 2>&1 || [ -x /usr/sbin/php-fpm8.2 ] || need+=(php8.2-fpm)
{ command -v php >/dev/null 2>&1 && php -m 2>/dev/null | grep -x pdo_mysql >/dev/null; } || need+=(php8.2-mysql)
command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
command -v mariadb >/dev/null 2>&1 || need+=(mariadb-client)
command -v wrk >/dev/null 2>&1 || need+=(wrk)
command -v curl >/dev/null 2>&1 || need+=(curl)
# The framework packages' tests (integrations/, scripts/integrations.sh): Debian's phpunit,
# symfony/lock (5.4) and Laravel (8.83: illuminate/cache and the rest of the framework).
for pkg in phpunit php-symfony-lock php-laravel-framework; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if ((${#need[@]})); then
    echo "setup: installing ${need[*]}" >&2
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    # Lock timeout: wait for another apt run (a second session, unattended-upgrades) to finish.
    $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
        --no-install-recommends "${need[@]}" >/dev/null
fi

if [ "${SETUP_NO_BUILD:-0}" = 1 ]; then
    exit 0
fi
cargo build --release --quiet
echo "setup: built $(pwd)/target/release/libredislock.so" >&2
