# Sourced by the shop scenarios and the FPM tests: starts nginx, php-fpm8.2 and MariaDB as the
# current user from configuration templates, every file (pid, log, socket, temp, data) under one
# temporary folder, on free loopback ports; servers_stop_all stops everything started here.
# Callers: trap servers_stop_all EXIT (also on failure). Needs scripts/redis.sh sourced first (free_port).
#
#   fpm_start NAME TEMPLATE [KEY=VALUE...]    pool config from TEMPLATE; sets FPM_SOCK_<NAME>, FPM_PID_<NAME>
#   nginx_start NAME TEMPLATE [KEY=VALUE...]  sets NGINX_PORT_<NAME>
#   mariadb_start                             sets MARIADB_SOCK (database `shop`, user root, no password)
#
# Templates name their values @KEY@; @DIR@ (this server's folder), @USER@, @GROUP@ and @PORT@
# (nginx) are always given. php-fpm loads the extension REDISLOCK_SO (see fpm_start).
# Running as root (containers, CI): php-fpm refuses to run as root unless started with -R (given
# only then), and the templates' `user @USER@` makes nginx's and FPM's workers root too, so that
# they can use the temp folder. As any other user both run as that user and ignore `user`.

SERVERS_DIR="${SERVERS_DIR:-$(mktemp -d /tmp/redislock-servers.XXXXXX)}"
SERVER_PIDS=()
SERVERS_USER="$(id -un)"
SERVERS_GROUP="$(id -gn)"
PHP_FPM="${PHP_FPM:-$(command -v php-fpm8.2 || echo /usr/sbin/php-fpm8.2)}"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"

# render TEMPLATE OUT KEY=VALUE...: replaces every @KEY@ (values are paths, ports and names: no '|').
render() {
    local template="$1" out="$2"; shift 2
    local expr=() kv
    for kv in "$@"; do expr+=(-e "s|@${kv%%=*}@|${kv#*=}|g"); done
    sed "${expr[@]}" "$template" >"$out"
    if grep -q '@[A-Z_]*@' "$out"; then
        echo "render: $template: placeholder left: $(grep -o '@[A-Z_]*@' "$out" | head -1)" >&2
        return 1
    fi
}

# wait_for SECONDS CMD...: runs CMD every 50 ms until it succeeds; false after SECONDS.
wait_for() {
    local deadline=$((SECONDS + $1)); shift
    until "$@" >/dev/null 2>&1; do
        [ "$SECONDS" -lt "$deadline" ] || return 1
        sleep 0.05
    done
}

fpm_start() {
    local name="$1" template="$2"; shift 2
    local dir="$SERVERS_DIR/fpm-$name"
    mkdir -p "$dir"
    [ -f "${REDISLOCK_SO:-}" ] || { echo "fpm_start: REDISLOCK_SO not a file" >&2; return 1; }
    render "$template" "$dir/php-fpm.conf" DIR="$dir" USER="$SERVERS_USER" GROUP="$SERVERS_GROUP" "$@" || return 1
    local asroot=()
    [ "$(id -u)" -ne 0 ] || asroot=(-R)
    # --nodaemonize: the pid we keep is the master's, so stopping it stops every worker.
    # -d extension: loaded by the master, as conf.d would. Not php_admin_value[extension] in the
    # pool: FPM 8.2 applies a pool's php_value lines before it and its php_admin_value lines in
    # reverse order, so redislock.* lines on one side of it are silently lost.
    "$PHP_FPM" --nodaemonize --fpm-config "$dir/php-fpm.conf" -d "extension=$REDISLOCK_SO" "${asroot[@]}" \
        >"$dir/stderr" 2>&1 &
    local pid=$!
    # The pid file is written once every pool's socket is listening. Templates name it
    # @DIR@/php-fpm.pid; a single pool listens on @DIR@/php-fpm.sock (FPM_SOCK_<NAME>).
    if ! wait_for 20 test -s "$dir/php-fpm.pid"; then
        echo "php-fpm $name did not start:" >&2
        cat "$dir/stderr" "$dir/error.log" 2>/dev/null | tail -20 >&2
        kill "$pid" 2>/dev/null
        return 1
    fi
    SERVER_PIDS+=("$pid")
    printf -v "FPM_SOCK_$name" '%s' "$dir/php-fpm.sock"
    printf -v "FPM_PID_$name" '%s' "$pid"
}

nginx_start() {
    local name="$1" template="$2"; shift 2
    local dir="$SERVERS_DIR/nginx-$name" port pid
    mkdir -p "$dir/tmp"
    for _ in 1 2 3 4 5; do
        port="$(free_port)"
        render "$template" "$dir/nginx.conf" DIR="$dir" USER="$SERVERS_USER" GROUP="$SERVERS_GROUP" \
            PORT="$port" "$@" || return 1
        # -e: the error log before the configuration is read (else /var/log/nginx, not ours).
        "$NGINX" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" -g 'daemon off;' >"$dir/stderr" 2>&1 &
        pid=$!
        if wait_for 20 curl -s -o /dev/null "http://127.0.0.1:$port/"; then
            SERVER_PIDS+=("$pid")
            printf -v "NGINX_PORT_$name" '%s' "$port"
            return 0
        fi
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    done
    echo "nginx $name did not start:" >&2
    tail -20 "$dir/stderr" "$dir/error.log" >&2 2>/dev/null
    return 1
}

# MariaDB as the current user: its own data directory, a socket under it and no TCP port at all
# (--skip-networking), so nothing collides with a system server on 3306.
mariadb_start() {
    local dir="$SERVERS_DIR/mariadb"
    mkdir -p "$dir/data"
    if ! mariadb-install-db --no-defaults --datadir="$dir/data" --user="$SERVERS_USER" \
        --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1; then
        echo "mariadb-install-db failed:" >&2
        tail -20 "$dir/install.log" >&2
        return 1
    fi
    # Durability settings stay at their defaults: the transactions measured are real commits.
    mariadbd --no-defaults --datadir="$dir/data" --socket="$dir/mariadb.sock" --skip-networking \
        --pid-file="$dir/mariadb.pid" --log-error="$dir/error.log" --user="$SERVERS_USER" \
        --innodb-buffer-pool-size=64M --skip-log-bin >"$dir/stderr" 2>&1 &
    local pid=$!
    if ! wait_for 60 mariadb-admin --no-defaults --socket="$dir/mariadb.sock" -uroot ping; then
        echo "mariadbd did not start:" >&2
        tail -20 "$dir/error.log" >&2
        kill "$pid" 2>/dev/null
        return 1
    fi
    SERVER_PIDS+=("$pid")
    MARIADB_SOCK="$dir/mariadb.sock"
    mariadb --no-defaults --socket="$MARIADB_SOCK" -uroot -e 'CREATE DATABASE IF NOT EXISTS shop'
}

# mariadb_sql SQL: runs SQL in the `shop` database, tab-separated output without headers.
mariadb_sql() {
    mariadb --no-defaults --socket="$MARIADB_SOCK" -uroot -N -B shop -e "$1"
}

servers_stop_all() {
    local pid
    for pid in "${SERVER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null; done
    for pid in "${SERVER_PIDS[@]}"; do
        # Bounded: a server that ignores TERM for 20 s is killed.
        for _ in $(seq 1 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then
            # Its workers first (by parent pid): they would outlive a killed php-fpm master.
            pkill -KILL -P "$pid" 2>/dev/null
            kill -KILL "$pid" 2>/dev/null
        fi
        wait "$pid" 2>/dev/null
    done
    SERVER_PIDS=()
    rm -rf "$SERVERS_DIR"
}
