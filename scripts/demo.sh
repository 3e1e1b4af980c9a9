#!/usr/bin/env bash
# The main job: the flash sale over HTTP (examples/flash-sale). Installs what is missing and
# builds (scripts/setup.sh), then starts redis-server, php-fpm8.2 (pm static, 8 workers), nginx
# and, with --db mariadb, a MariaDB server of its own, all as the current user on free loopback
# ports, and sells a stock of 1,000 to wrk at 64 connections three times in one run: with the
# extension's lock, with the blog-post PHP class on phpredis, and with no lock. Consumers move the
# orders from a Redis stream into the database (SQLite by default) and one of them is SIGKILLed
# mid-run; then the reconciliation compares Redis with the database. Prints the table and stops
# every server it started, also on failure.
#   bash scripts/demo.sh [--db sqlite|mariadb]
# Exit status: 0; 1 if a locked run oversold, lost an order or failed the reconciliation (or the
# build failed); 2 if a server did not start; 3 if the no-lock control did not fail (then the
# checks proved nothing).
set -uo pipefail
cd "$(dirname "$0")/.."
db=sqlite
while [ $# -gt 0 ]; do
    case "$1" in
        --db) db="${2:-}"; shift 2 ;;
        *) echo "usage: bash scripts/demo.sh [--db sqlite|mariadb]" >&2; exit 2 ;;
    esac
done
case "$db" in sqlite|mariadb) ;; *) echo "--db sqlite or --db mariadb" >&2; exit 2 ;; esac
bash scripts/setup.sh || exit 1
export REDISLOCK_SO="$(pwd)/target/release/libredislock.so"
bash examples/flash-sale/run.sh --db "$db" --workers 8 --stock 1000 --connections 64 --consumers 3
