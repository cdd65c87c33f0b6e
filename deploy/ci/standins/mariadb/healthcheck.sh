#!/bin/bash
# The official mariadb image's healthcheck.sh, for the tests compose files use:
#   --connect                    the server accepts TCP connections (the entrypoint's setup
#                                server does not listen, so this fails until the real one runs)
#   --innodb_initialized         InnoDB has finished starting
#   --innodb_buffer_pool_loaded  the buffer pool dump saved at the last shutdown is loaded
# Tests run in the order given; the first that fails fails the check. The account is the one the
# entrypoint made for it (/var/lib/mysql/.my-healthcheck.cnf), else the client's default.
set -uo pipefail

conf=/var/lib/mysql/.my-healthcheck.cnf
client() {
  if [ -r "$conf" ]; then
    mariadb --defaults-extra-file="$conf" --connect-timeout=5 -N -B "$@"
  else
    mariadb --connect-timeout=5 -N -B "$@"
  fi
}
status() { client --protocol=socket -e "$1" 2>/dev/null; }

connect() {
  local out
  out=$(client --protocol=tcp -h 127.0.0.1 -e 'SELECT @@skip_networking' 2>&1)
  case $out in
    0) return 0 ;;
    # refused by the account, not by the network: connected all the same
    'ERROR 1'[0-9][0-9][0-9]' (28000):'*|'ERROR 1820 '*|'ERROR 4151 '*|'ERROR 1226 '*) return 0 ;;
    *) return 1 ;;
  esac
}
innodb_initialized() {
  [ "$(status "SELECT 1 FROM information_schema.ENGINES WHERE engine = 'InnoDB' AND support IN ('YES', 'DEFAULT', 'ENABLED')")" = 1 ]
}
innodb_buffer_pool_loaded() {
  [[ $(status "SELECT variable_value FROM information_schema.GLOBAL_STATUS WHERE variable_name = 'Innodb_buffer_pool_load_status'") == *'load completed'* ]]
}

[ $# -gt 0 ] || { echo "usage: healthcheck.sh --connect|--innodb_initialized|--innodb_buffer_pool_loaded ..." >&2; exit 1; }
for arg; do
  case $arg in
    --connect|--innodb_initialized|--innodb_buffer_pool_loaded)
      "${arg#--}" || { echo "healthcheck ${arg#--} failed" >&2; exit 1; } ;;
    *) echo "healthcheck.sh: unknown test $arg" >&2; exit 1 ;;
  esac
done
