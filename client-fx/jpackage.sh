#!/usr/bin/env bash
# Native packages of the desktop client from its runnable jar (built by `mvn package`):
#   client-fx/jpackage.sh app-image   -> client-fx/target/dist/Ling/bin/Ling
#   client-fx/jpackage.sh deb         -> client-fx/target/dist/ling_<version>-1_amd64.deb (needs dpkg-deb and fakeroot)
set -euo pipefail
cd "$(dirname "$0")"
type=${1:-app-image}
jar=target/ling-client.jar
[ -f "$jar" ] || { echo "build the client first: mvn -B -DskipTests package" >&2; exit 1; }
input=$(mktemp -d)
trap 'rm -rf "$input"' EXIT
cp "$jar" "$input/"
mkdir -p target/dist
rm -rf target/dist/Ling
args=(--type "$type" --input "$input" --main-jar ling-client.jar --main-class ling.client.Launcher
      --name Ling --app-version 0.1.0 --vendor Ling --description "Ling desktop messenger"
      --dest target/dist
      # jpackage's own jlink options but for the runtime's commands, which the class data archive of the JDK
      # needs to be made; the runtime then ships it (without
      # it every launch reads and verifies the JDK's classes again)
      --jlink-options "--strip-debug --no-man-pages --no-header-files --generate-cds-archive")
# the JVM options the benchmark measures with, one --java-options each
for option in $(cat jvm.options); do
  args+=(--java-options "$option")
done
if [ "$type" = deb ]; then
  args+=(--name ling --linux-shortcut --linux-menu-group Network)
fi
jpackage "${args[@]}"
ls -la target/dist
