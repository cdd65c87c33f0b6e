#!/bin/sh
# As in the official image: options alone run turnserver with them, anything else runs as given.
# (The official one also evaluates $(...) in the arguments, for detect-external-ip; not here.)
set -e
if [ "${1#-}" != "$1" ]; then
  set -- turnserver "$@"
fi
exec "$@"
