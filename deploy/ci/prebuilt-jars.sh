#!/bin/sh
# Lays out the jars of a host build (mvn package) in deploy/prebuilt/, where the image build takes
# them with LING_JARS=prebuilt instead of building them in a container.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
[ -f "$root/standalone/target/ling-server.jar" ] || { echo "build first: mvn -DskipTests package" >&2; exit 1; }
sh "$root/deploy/split-jars.sh" "$root/standalone/target" "$root/deploy/prebuilt"
echo "jars in deploy/prebuilt: $(ls "$root/deploy/prebuilt/deps" | wc -l) third-party, $(ls "$root/deploy/prebuilt/app" | wc -l) Ling"
