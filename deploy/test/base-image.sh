#!/usr/bin/env bash
# Makes the local base image the compose test builds on, when no registry can be reached:
# Debian bookworm (debootstrap, minbase, plus curl and CA certificates for onstart.sh) with a
# jlink'ed Java runtime at /opt/java/openjdk, where the public eclipse-temurin images have theirs,
# so the same Containerfiles build on either. Cached: made again only when missing.
#
#   base-image.sh IMAGE_NAME        (JAVA_HOME: a JDK >= 21; run as root, podman configured)
set -euo pipefail
image=${1:-localhost/vastmesh-base:bookworm}
cache=${VASTMESH_IMAGE_CACHE:-/var/cache/vastmesh-images}

if podman image exists "$image"; then
  echo "base-image: $image present, reused"
  exit 0
fi
command -v debootstrap >/dev/null || { echo "base-image: debootstrap is missing (apt-get install -y debootstrap)" >&2; exit 1; }
jdk=${JAVA_HOME:?JAVA_HOME must name a JDK >= 21}
mirror=$(sed -n 's/^URIs: *\(http[^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
mirror=${mirror:-http://deb.debian.org/debian}
root="$cache/bookworm-rootfs"

if [ ! -x "$root/bin/bash" ]; then
  echo "base-image: debootstrap bookworm from $mirror (about a minute)"
  rm -rf "$root.part"
  mkdir -p "$cache"
  debootstrap --variant=minbase --include=curl,ca-certificates bookworm "$root.part" "$mirror" >"$cache/debootstrap.log" 2>&1 \
    || { echo "base-image: debootstrap failed, see $cache/debootstrap.log" >&2; exit 1; }
  rm -rf "$root.part/var/cache/apt/archives"/*.deb "$root.part/var/lib/apt/lists"/*
  mv "$root.part" "$root"
fi

# Every module a Spring Boot service of this repository reaches (jdeps over their jars, plus what
# they load reflectively), and jdk.httpserver for the bundle server of the compose stack.
echo "base-image: linking the Java runtime"
rm -rf "$root/opt/java/openjdk"
mkdir -p "$root/opt/java"
"$jdk/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.management,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.charsets,jdk.naming.dns,jdk.httpserver,jdk.jfr,jdk.net,jdk.zipfs \
  --strip-debug --no-header-files --no-man-pages --generate-cds-archive --output "$root/opt/java/openjdk" >/dev/null

tar -C "$root" -c . | podman import \
  --change "ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV JAVA_HOME=/opt/java/openjdk" - "$image" >/dev/null 2>&1
echo "base-image: $image made"
