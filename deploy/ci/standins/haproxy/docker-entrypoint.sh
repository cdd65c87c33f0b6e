#!/bin/sh
# As in the official image: options alone are haproxy's; haproxy runs in master-worker mode (-W,
# reloads on SIGUSR2) and in the foreground (-db); anything else runs as given.
set -e
if [ "${1#-}" != "$1" ]; then
  set -- haproxy "$@"
fi
if [ "$1" = haproxy ]; then
  shift
  set -- haproxy -W -db "$@"
fi
exec "$@"
