#!/bin/sh
# Starts one Ling service: the argument is its main class, e.g. ling.chat.ChatMain.
# JAVA_OPTS sizes the JVM for its container (compose.yaml sets it per service).
set -eu
if [ $# -eq 0 ]; then
  echo "usage: <main class>, one of ling.account.AccountMain ling.chat.ChatMain ling.file.FileMain" \
       "ling.media.MediaSignalingMain ling.gateway.GatewayMain" >&2
  exit 64
fi
# what Hazelcast needs opened; in the --option=value form, which every way of passing options accepts
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} \
  --add-modules=java.se \
  --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens=java.base/java.lang=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.management/sun.management=ALL-UNNAMED \
  --add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED \
  -cp '/opt/ling/lib/*' "$@"
