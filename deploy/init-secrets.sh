#!/bin/sh
# Makes the secrets compose.yaml mounts, once: a random database password and TURN secret, and an
# empty SMTP password and assistant API key (write yours into them). Existing files are kept. The
# directory is the owner's alone; the files inside are readable so that the services' own users in
# the containers can read them through their bind mounts.
set -eu
dir=$(cd "$(dirname "$0")" && pwd)/secrets
mkdir -p "$dir"
chmod 700 "$dir"
for name in db_password turn_secret; do
  [ -s "$dir/$name" ] || (umask 022; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$dir/$name")
done
for name in smtp_password assistant_api_key; do
  [ -e "$dir/$name" ] || (umask 022; : > "$dir/$name")
done
chmod 644 "$dir"/*
echo "secrets in $dir"
