#!/bin/bash
# The official mariadb image's entrypoint contract, over Debian's MariaDB:
#  - options alone are mariadbd's;
#  - on an empty /var/lib/mysql: the system tables, root's password (MARIADB_ROOT_PASSWORD, a
#    random one with MARIADB_RANDOM_ROOT_PASSWORD, or none with MARIADB_ALLOW_EMPTY_ROOT_PASSWORD),
#    root@MARIADB_ROOT_HOST (default %), MARIADB_DATABASE, MARIADB_USER with MARIADB_PASSWORD,
#    then /docker-entrypoint-initdb.d/*.sh, *.sql, *.sql.gz. Each setting can come from the file
#    its _FILE form names (a Docker secret), and MYSQL_* works for MARIADB_*;
#  - mariadbd then runs as PID 1, as user mysql.
# Passwords reach the server on stdin or an inherited descriptor: never in argv, logs or the
# server's environment. The random root password is not printed; root@localhost also accepts the
# unix socket, so `docker exec ... mariadb` as root gets in.
set -eo pipefail
shopt -s nullglob

datadir=/var/lib/mysql
socket=/run/mysqld/mysqld.sock

note() { printf '%s [Entrypoint]: %s\n' "$(date -u '+%F %T')" "$*"; }
die() { note "ERROR: $*" >&2; exit 1; }

if [ "${1#-}" != "$1" ]; then
  set -- mariadbd "$@"
fi
case $1 in mariadbd|mysqld) ;; *) exec "$@" ;; esac
for arg in "${@:2}"; do
  case $arg in -'?'|--help|-V|--version) exec "$@" ;; esac
done

if [ "$(id -u)" = 0 ]; then
  # a fresh volume or a bind mount may be root's; the server writes there as mysql
  mkdir -p "$datadir"
  find "$datadir" \! -user mysql -exec chown mysql:mysql '{}' +
  exec setpriv --reuid=mysql --regid=mysql --init-groups "$0" "$@"
fi

if [ ! -d "$datadir/mysql" ]; then
  # setting NAME from MARIADB_NAME, MARIADB_NAME_FILE, MYSQL_NAME or MYSQL_NAME_FILE, into
  # the unexported shell variable cfg_NAME
  setting() {
    local var file
    for var in "MARIADB_$1" "MYSQL_$1"; do
      file=${var}_FILE
      [ -z "${!var:-}" ] || [ -z "${!file:-}" ] || die "both $var and $file are set"
      if [ -n "${!file:-}" ]; then
        [ -r "${!file}" ] || die "$file: cannot read ${!file}"
        printf -v "cfg_$1" '%s' "$(<"${!file}")"
        return
      elif [ -n "${!var:-}" ]; then
        printf -v "cfg_$1" '%s' "${!var}"
        return
      fi
    done
    printf -v "cfg_$1" '%s' "${2:-}"
  }
  for name in ROOT_PASSWORD RANDOM_ROOT_PASSWORD ALLOW_EMPTY_ROOT_PASSWORD DATABASE USER PASSWORD \
              INITDB_SKIP_TZINFO; do
    setting "$name"
  done
  setting ROOT_HOST %
  if [ -z "$cfg_ROOT_PASSWORD$cfg_RANDOM_ROOT_PASSWORD$cfg_ALLOW_EMPTY_ROOT_PASSWORD" ]; then
    die "the database is uninitialized and no root password option is set: set one of" \
        "MARIADB_ROOT_PASSWORD, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD, MARIADB_RANDOM_ROOT_PASSWORD"
  fi
  [ -z "$cfg_USER" ] || [ -n "$cfg_PASSWORD" ] || die "MARIADB_USER is set but MARIADB_PASSWORD is not"
  [ "$cfg_USER" != root ] || die "MARIADB_USER=root: set MARIADB_ROOT_PASSWORD instead"
  random() { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9'; }
  [ -z "$cfg_RANDOM_ROOT_PASSWORD" ] || cfg_ROOT_PASSWORD=$(random)
  health_password=$(random)

  # literals for SQL strings and for option files
  sql_string() { local s=${1//\\/\\\\}; printf "'%s'" "${s//\'/\\\'}"; }
  sql_name() { printf '`%s`' "${1//\`/\`\`}"; }
  cnf_string() { local s=${1//\\/\\\\}; printf '"%s"' "${s//\"/\\\"}"; }

  note "initializing $datadir"
  if ! out=$(mariadb-install-db --datadir="$datadir" --rpm --auth-root-authentication-method=normal \
      --skip-test-db --skip-log-bin --default-time-zone=SYSTEM --expire-logs-days=0 \
      --loose-innodb_buffer_pool_load_at_startup=0 --loose-innodb_buffer_pool_dump_at_shutdown=0 \
      "${@:2}" 2>&1); then
    printf '%s\n' "$out" >&2
    die "mariadb-install-db failed"
  fi

  # a server for the setup only: no network, so healthcheck.sh --connect fails until the real one
  mariadbd "${@:2}" --skip-networking --socket="$socket" --skip-log-bin --default-time-zone=SYSTEM \
    --wsrep_on=OFF --expire-logs-days=0 --skip-slave-start \
    --loose-innodb_buffer_pool_load_at_startup=0 --loose-innodb_buffer_pool_dump_at_shutdown=0 &
  pid=$!
  root_password=
  sql() { # as root, over the socket; the password on a descriptor of its own
    mariadb --defaults-extra-file=<(printf '[client]\npassword=%s\n' "$(cnf_string "$root_password")") \
      --protocol=socket --socket="$socket" -uroot "$@"
  }
  for i in {60..0}; do
    sql -e 'SELECT 1' >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || die "the setup server stopped"
    sleep 1
  done
  [ "$i" -gt 0 ] || die "the setup server did not start in 60 s"

  if [ -z "$cfg_INITDB_SKIP_TZINFO" ]; then
    # named time zones, as in the official image (it warns about files that are no zones)
    mariadb-tzinfo-to-sql --skip-write-binlog /usr/share/zoneinfo 2>/dev/null | sql mysql
  fi

  root=$(sql_string "$cfg_ROOT_PASSWORD")
  health=$(sql_string "$health_password")
  {
    echo "SET @@SESSION.SQL_LOG_BIN=0;"
    echo "SET @@SESSION.SQL_MODE=REPLACE(@@SESSION.SQL_MODE, 'NO_BACKSLASH_ESCAPES', '');"
    echo "DROP USER IF EXISTS root@'127.0.0.1', root@'::1';"
    echo "EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS root@\\'', @@hostname, '\\'');"
    echo "ALTER USER root@localhost IDENTIFIED VIA mysql_native_password USING PASSWORD($root) OR unix_socket;"
    if [ -n "$cfg_ROOT_HOST" ] && [ "$cfg_ROOT_HOST" != localhost ]; then
      echo "CREATE USER root@$(sql_string "$cfg_ROOT_HOST") IDENTIFIED BY $root;"
      echo "GRANT ALL ON *.* TO root@$(sql_string "$cfg_ROOT_HOST") WITH GRANT OPTION;"
      echo "GRANT PROXY ON ''@'%' TO root@$(sql_string "$cfg_ROOT_HOST") WITH GRANT OPTION;"
    fi
    # healthcheck.sh's account: it may connect, nothing more
    echo "CREATE USER healthcheck@'127.0.0.1' IDENTIFIED BY $health, healthcheck@'::1' IDENTIFIED BY $health," \
         "healthcheck@localhost IDENTIFIED BY $health;"
    echo "SET @@SESSION.SQL_LOG_BIN=DEFAULT;"
    [ -z "$cfg_DATABASE" ] || echo "CREATE DATABASE IF NOT EXISTS $(sql_name "$cfg_DATABASE");"
    if [ -n "$cfg_USER" ]; then
      echo "CREATE USER $(sql_string "$cfg_USER")@'%' IDENTIFIED BY $(sql_string "$cfg_PASSWORD");"
      [ -z "$cfg_DATABASE" ] \
        || echo "GRANT ALL ON $(sql_name "$cfg_DATABASE").* TO $(sql_string "$cfg_USER")@'%';"
    fi
  } | sql
  root_password=$cfg_ROOT_PASSWORD
  umask 077
  printf '[mariadb-client]\nport=3306\nsocket=%s\nuser=healthcheck\npassword=%s\n' \
    "$socket" "$(cnf_string "$health_password")" >"$datadir/.my-healthcheck.cnf"
  umask 022

  for f in /docker-entrypoint-initdb.d/*; do
    case $f in
      *.sh)
        if [ -x "$f" ]; then note "running $f"; "$f"; else note "sourcing $f"; . "$f"; fi ;;
      *.sql) note "running $f"; sql ${cfg_DATABASE:+"$cfg_DATABASE"} <"$f" ;;
      *.sql.gz) note "running $f"; gzip -dc "$f" | sql ${cfg_DATABASE:+"$cfg_DATABASE"} ;;
      *) note "ignoring $f" ;;
    esac
  done

  kill "$pid"
  wait "$pid"
  unset root root_password health health_password cfg_ROOT_PASSWORD cfg_PASSWORD
  note "initialized; starting the server"
fi

unset MARIADB_ROOT_PASSWORD MARIADB_PASSWORD MYSQL_ROOT_PASSWORD MYSQL_PASSWORD
exec "$@"
