#!/usr/bin/env bash
# Native packages of the desktop client from its runnable jar (built by `mvn package`):
#   client-fx/jpackage.sh app-image   -> client-fx/target/dist/Ling/bin/Ling
#   client-fx/jpackage.sh deb         -> client-fx/target/dist/ling_<version>-1_amd64.deb (needs dpkg-deb and fakeroot)
# Both start from a class data archive of the client's own start: the classes it loads until its
# window is drawn, listed once by a run on a headless screen, then archived for the package's JVM
# (here for the app image, by the .deb when it is installed: the archive holds the jar's path).
set -euo pipefail
cd "$(dirname "$0")"
type=${1:-app-image}
jar=target/ling-client.jar
[ -f "$jar" ] || { echo "build the client first: mvn -B -DskipTests package" >&2; exit 1; }
java=${JAVA_HOME:+$JAVA_HOME/bin/}java

# the classes of a start, listed by a run that draws the window on the headless screen and ends
classlist=target/packaging/ling.classlist
if [ ! -s "$classlist" ] || [ "$jar" -nt "$classlist" ]; then
  screen=$(ls target/packaging/openjfx-monocle-*.jar 2>/dev/null | head -1)
  [ -n "$screen" ] || { echo "no headless screen in target/packaging: mvn -B -DskipTests package" >&2; exit 1; }
  home=$(mktemp -d)
  timeout 120 "$java" -XX:DumpLoadedClassList="$classlist.all" -cp "$jar:$screen" -Dling.exitAfterStartup=true \
      -Dling.home="$home" -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw \
      ling.client.Launcher > target/packaging/start.log 2>&1 \
    || { echo "the listing run failed, see client-fx/target/packaging/start.log" >&2; rm -rf "$home"; exit 1; }
  rm -rf "$home"
  # the headless screen is not in the package
  grep -v -i monocle "$classlist.all" > "$classlist"
  rm -f "$classlist.all"
fi

input=$(mktemp -d)
resources=$(mktemp -d)
trap 'rm -rf "$input" "$resources"' EXIT
cp "$jar" "$classlist" "$input/"
mkdir -p target/dist
rm -rf target/dist/Ling
args=(--type "$type" --input "$input" --main-jar ling-client.jar --main-class ling.client.Launcher
      --name Ling --app-version 0.1.0 --vendor Ling --description "Ling desktop messenger"
      --dest target/dist
      # jpackage's own jlink options but for the runtime's commands: the runtime carries the JDK's
      # class data archive, and the app's own is made with its bin/java
      --jlink-options "--strip-debug --no-man-pages --no-header-files --generate-cds-archive"
      --java-options '-XX:SharedArchiveFile=$APPDIR/ling.jsa')
# the JVM options the benchmark measures with, one --java-options each
for option in $(cat jvm.options); do
  args+=(--java-options "$option")
done
if [ "$type" = deb ]; then
  # postinst and prerm: jpackage's desktop entry, and the archive made and removed where installed
  install_dir=/opt
  for script in packaging/deb/*; do
    sed "s|@APP_DIR@|$install_dir/ling|g" "$script" > "$resources/$(basename "$script")"
  done
  args+=(--name ling --install-dir "$install_dir" --linux-shortcut --linux-menu-group Network
         --resource-dir "$resources")
fi
jpackage "${args[@]}"

if [ "$type" = app-image ]; then
  app=$(cd target/dist/Ling/lib/app && pwd)
  target/dist/Ling/lib/runtime/bin/java -Xshare:dump -XX:SharedClassListFile="$app/ling.classlist" \
      -XX:SharedArchiveFile="$app/ling.jsa" -cp "$app/ling-client.jar" > target/packaging/archive.log 2>&1 \
    || { echo "archiving the classes of a start failed, see client-fx/target/packaging/archive.log" >&2; exit 1; }
  # and the JVM takes it with the image's class path (-Xshare:on refuses to start otherwise)
  target/dist/Ling/lib/runtime/bin/java -Xshare:on -XX:SharedArchiveFile="$app/ling.jsa" -cp "$app/ling-client.jar" \
      -version >> target/packaging/archive.log 2>&1 \
    || { echo "the archive of a start does not fit the image, see client-fx/target/packaging/archive.log" >&2; exit 1; }
fi
ls -la target/dist
