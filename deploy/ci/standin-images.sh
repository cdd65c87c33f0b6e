#!/usr/bin/env bash
# Builds local stand-ins for the official images deploy/compose.yaml runs, from Debian bookworm
# packages, for machines that cannot reach Docker Hub; tagged with the official names, compose
# uses them without pulling. Run as root:
#   deploy/ci/standin-images.sh [--rebuild]
# An image whose tag exists is kept, unless it is a stand-in built from other files under
# standins/ or on another base, or --rebuild asks for all anew (packages fetched again). The
# debootstrap rootfs is cached as a tarball under $LING_CI_CACHE (default /var/cache/ling-ci):
# delete it to start from a fresh Debian. Build logs go to $LING_CI_CACHE/logs. $DOCKER is the
# client (default /usr/bin/docker, which has BuildKit).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
docker=${DOCKER:-/usr/bin/docker}
cache=${LING_CI_CACHE:-/var/cache/ling-ci}
mirror=http://deb.debian.org/debian
rebuild=
for arg; do
  case $arg in
    --rebuild) rebuild=1 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "run as root: debootstrap needs it" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "debootstrap is missing (apt-get install debootstrap)" >&2; exit 1; }
"$docker" info >/dev/null 2>&1 || { echo "cannot reach dockerd with $docker" >&2; exit 1; }
export DOCKER_BUILDKIT=1
mkdir -p "$cache/logs"
# one run at a time on a machine: the tags and the cache are shared
exec 9>"$cache/lock"
flock -n 9 || { echo "waiting for another run of $0" >&2; flock 9; }

t0=$SECONDS
say() { printf '[%4ds] %s\n' $((SECONDS - t0)) "$*"; }
# what a stand-in is built from: the files of its directory, and the base image
stamp() {
  ( cd "$here/standins/$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum
    [ "$1" = base ] || "$docker" image inspect -f '{{.Id}}' ling-ci/bookworm:base
  ) | sha256sum | cut -c1-16
}
# the tag exists and is a stand-in built from $2, or an image of another origin (left alone)
present() {
  local label
  [ -z "$rebuild" ] || return 1
  label=$("$docker" image inspect -f '{{index .Config.Labels "ling-ci.standin"}}' "$1" 2>/dev/null) || return 1
  [ -z "$label" ] || [ "$label" = "$2" ]
}
id_of() { "$docker" image inspect -f '{{.Id}}' "$1" 2>/dev/null || true; }
# the image a tag named before it was rebuilt, unless something still uses it
drop_replaced() { [ -z "$1" ] || [ "$1" = "$(id_of "$2")" ] || "$docker" rmi "$1" >/dev/null 2>&1 || true; }
size() { "$docker" image inspect -f '{{.Size}}' "$1" | awk '{ printf "%d MB", $1 / 1e6 }'; }

# A minbase Debian with the update and security suites, apt and dpkg set up as in Debian's
# official images: no services started by postinst scripts, no docs or man pages, no .deb cache.
rootfs_dir=
drop_rootfs_dir() {
  [ -n "$rootfs_dir" ] || return 0
  # debootstrap mounts /proc and /sys inside while it runs: never delete through a mount
  awk -v d="$rootfs_dir/" 'index($2, d) == 1 { print $2 }' /proc/mounts | sort -r | xargs -r umount -l
  rm -rf --one-file-system "$rootfs_dir"
  rootfs_dir=
}
trap drop_rootfs_dir EXIT
trap 'exit 1' HUP INT TERM
# left by a run that was killed
for rootfs_dir in "$cache"/rootfs.*; do [ ! -d "$rootfs_dir" ] || drop_rootfs_dir; done
rootfs_dir=

make_rootfs() {
  local tar=$1 dir
  dir=$(mktemp -d "$cache/rootfs.XXXXXX")
  rootfs_dir=$dir
  # mktemp's 0700 would become the image's / and lock every other user out
  chmod 755 "$dir"
  say "debootstrap bookworm (log: $cache/logs/debootstrap.log)"
  if ! debootstrap --variant=minbase bookworm "$dir" "$mirror" >"$cache/logs/debootstrap.log" 2>&1; then
    tail -n 20 "$cache/logs/debootstrap.log" >&2; exit 1
  fi
  cat >"$dir/etc/apt/sources.list" <<SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb ${mirror}-security bookworm-security main
SOURCES
  printf '#!/bin/sh\nexit 101\n' >"$dir/usr/sbin/policy-rc.d"
  chmod 755 "$dir/usr/sbin/policy-rc.d"
  cat >"$dir/etc/dpkg/dpkg.cfg.d/docker" <<'DPKG'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
DPKG
  cat >"$dir/etc/apt/apt.conf.d/docker-clean" <<'APT'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
APT
  find "$dir/usr/share/doc" -mindepth 1 ! -name copyright ! -type d -delete
  rm -rf "$dir"/usr/share/{man,info,locale}/* "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  : >"$dir/etc/resolv.conf"
  echo localhost >"$dir/etc/hostname"
  tar --numeric-owner -C "$dir" -cf "$tar.part" .
  mv "$tar.part" "$tar"
  drop_rootfs_dir
}

build() { # tag, directory under standins/, build arguments (NAME=value) if any
  local tag=$1 name=$2 log=$cache/logs/$2.log stamp old arg
  local args=()
  shift 2
  for arg; do args+=(--build-arg "$arg"); done
  stamp=$( (stamp "$name"; printf '%s\n' "$@") | sha256sum | cut -c1-16)
  if present "$tag" "$stamp"; then say "$tag: present"; return; fi
  old=$(id_of "$tag")
  say "$tag: building (log: $log)"
  # BuildKit uses the local base image; it would resolve a "# syntax=" frontend on Docker Hub.
  # Its cache knows a re-imported rootfs by content: --rebuild must bypass it to fetch packages anew.
  if ! "$docker" build --progress=plain ${rebuild:+--no-cache} --label "ling-ci.standin=$stamp" "${args[@]}" \
      -t "$tag" "$here/standins/$name" >"$log" 2>&1; then
    tail -n 30 "$log" >&2; echo "$tag: build failed, see $log" >&2; exit 1
  fi
  drop_replaced "$old" "$tag"
  say "$tag: built, $(size "$tag")"
}

if ! present ling-ci/bookworm:base "$(stamp base)"; then
  tar=$cache/bookworm-minbase.tar
  [ -s "$tar" ] || make_rootfs "$tar"
  say "importing $tar"
  old=$(id_of ling-ci/bookworm:rootfs)
  # an imported image has no environment at all; ENV PATH=...:$PATH in a Dockerfile needs one
  "$docker" import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' \
    "$tar" ling-ci/bookworm:rootfs >/dev/null
  drop_replaced "$old" ling-ci/bookworm:rootfs
  build ling-ci/bookworm:base base
fi
build eclipse-temurin:17-jre temurin
build mariadb:10.11 mariadb
build coturn/coturn:4.6 coturn
build haproxy:2.8 haproxy
# the image build's Maven stage, when a mirror of Maven Central is given (LING_CI_MAVEN_MIRROR)
if [ -n "${LING_CI_MAVEN_MIRROR:-}" ]; then
  build maven:3.9-eclipse-temurin-17 maven "MIRROR=$LING_CI_MAVEN_MIRROR"
fi
say "done"
