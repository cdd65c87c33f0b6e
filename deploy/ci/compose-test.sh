#!/usr/bin/env bash
# The compose test on a real Docker engine: deploy/compose.yaml, unchanged, with three chat-service
# replicas and two gateways, driven by ComposeStackTest through the proxy's port on the loopback.
# Where Docker Hub is out of reach, the official base images are stood in for by images built from
# Debian packages (standin-images.sh), and the image's Maven stage downloads from the host's local
# repository, served over the Docker bridge while the image builds (containers here cannot reach
# Maven Central). LING_COMPOSE_JARS=prebuilt takes the host build's jars instead.
# Run as root after `mvn verify` (which fills the local repository); starts dockerd when none answers. Every container's
# log is printed when the test fails; the project and its volumes are removed at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

# Debian's client has BuildKit; compose 1.29 builds through it
export PATH=/usr/bin:/usr/sbin:$PATH
export DOCKER_BUILDKIT=1 COMPOSE_DOCKER_CLI_BUILD=1
project=${LING_COMPOSE_PROJECT:-lingci}
port=${LING_COMPOSE_TEST_PORT:-18080}
export LING_PUBLIC_HOST=127.0.0.1 LING_PROXY_BIND=127.0.0.1 LING_PROXY_HTTP_PORT=$port \
  LING_PROXY_HTTPS_PORT=$((port + 363)) LING_JARS=${LING_COMPOSE_JARS:-source}
compose=(docker-compose -p "$project" -f deploy/compose.yaml)
t0=$SECONDS
say() { printf '[compose-test %4ds] %s\n' $((SECONDS - t0)) "$*"; }

if ! docker info >/dev/null 2>&1; then
  say "starting dockerd"
  # a daemon ended without its own shutdown (the machine's last session) leaves its pid file
  for pidfile in /var/run/docker.pid /var/run/docker/containerd/containerd.pid; do
    if [ -f "$pidfile" ] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then rm -f "$pidfile"; fi
  done
  mkdir -p /var/log/ling-ci
  (setsid dockerd >/var/log/ling-ci/dockerd.log 2>&1 &)
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { tail -50 /var/log/ling-ci/dockerd.log; exit 1; }
fi

# what an earlier run of this test may have left
"${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || true

mirror_pid=
tls=
logs() {
  for c in $(docker ps -aq --filter "label=com.docker.compose.project=$project"); do
    echo "===== $(docker inspect -f '{{.Name}} {{.State.Status}} exit {{.State.ExitCode}}' "$c") ====="
    docker logs --tail 300 "$c" 2>&1 || true
  done
}
cleanup() {
  status=$?
  say "removing the project"
  "${compose[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
  [ -z "$tls" ] || rm -rf "$tls"
  [ -z "$mirror_pid" ] || kill "$mirror_pid" 2>/dev/null || true
  exit $status
}
trap cleanup EXIT

if [ "$LING_JARS" = source ]; then
  # the local repository, to the bridge's address only, for the image's Maven stage
  bridge=$(docker network inspect bridge -f '{{(index .IPAM.Config 0).Gateway}}')
  # a daemon's first start (Docker 20.10) leaves the gateway out of the bridge's IPAM: the host's
  # side of the bridge is docker0's address
  if [ -z "$bridge" ]; then
    bridge=$(ip -4 -o addr show docker0 | awk '{split($4, a, "/"); print a[1]; exit}')
  fi
  [ -n "$bridge" ] || { echo "no address of the Docker bridge on this host" >&2; exit 1; }
  repository=${LING_COMPOSE_MAVEN_REPOSITORY:-$HOME/.m2/repository}
  mirror_port=${LING_COMPOSE_MIRROR_PORT:-18081}
  python=$(command -v /usr/bin/python3 || command -v python3)
  "$python" -m http.server "$mirror_port" --bind "$bridge" --directory "$repository" >/dev/null 2>&1 &
  mirror_pid=$!
  for _ in $(seq 40); do (exec 3<>"/dev/tcp/$bridge/$mirror_port") 2>/dev/null && break; sleep 0.25; done
  export LING_CI_MAVEN_MIRROR=http://$bridge:$mirror_port/
else
  sh deploy/ci/prebuilt-jars.sh
fi
say "stand-in base images"
timeout 1200 bash deploy/ci/standin-images.sh
sh deploy/init-secrets.sh
# a certificate of its own for 127.0.0.1, so that TLS at the proxy is tested too
tls=$(mktemp -d)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$tls/key.pem" -out "$tls/cert.pem" 2>/dev/null
cat "$tls/cert.pem" "$tls/key.pem" > "$tls/ling.pem"
chmod 644 "$tls/ling.pem"
export LING_TLS_CERT_FILE=$tls/ling.pem
# the assistant too, whose backend is its container's own loopback where nothing listens: its
# answers fail, in words, which the test checks (nothing leaves the machine)
export COMPOSE_PROFILES=assistant LING_ASSISTANT_BASE_URL=http://127.0.0.1:9/v1


say "up --build, chat-service ×3, gateway ×2"
# bounded, so that a stuck build fails here instead of holding the machine
if ! timeout 1800 "${compose[@]}" up --build -d --scale chat-service=3 --scale gateway=2; then
  logs
  exit 1
fi
# the image is built: the repository need not be served any longer
[ -z "$mirror_pid" ] || { kill "$mirror_pid" 2>/dev/null || true; mirror_pid=; }
say "stack started; the test takes over"
status=0
mvn -B -pl standalone -am test -Dtest=ComposeStackTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dling.compose.project="$project" -Dling.compose.port="$port" \
  -Dling.compose.tlsPort="$LING_PROXY_HTTPS_PORT" -Dling.compose.tlsCert="$tls/cert.pem" \
  -Dling.compose.secrets="$root/deploy/secrets" || status=$?
say "compose test done"
exit $status
