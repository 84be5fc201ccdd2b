#!/usr/bin/env bash
# Builds gpu-worker-bundle-linux-x86_64.tar.gz: a jlink'ed Java runtime with only the modules the
# worker needs, the worker extracted from its jar, an ahead-of-time cache recorded by a training
# run of exactly that runtime and jar, and start.sh with the model-server presets. Nothing else is
# needed on the instance: no JDK, no Maven, no network beyond the bundle's URL.
#
#   build-bundle.sh WORKER_JAR SCRIPTS_DIR OUTPUT_DIR      (JAVA_HOME: a JDK >= 21)
set -euo pipefail

worker_jar=$1 scripts=$2 out=$3
jdk=${JAVA_HOME:?JAVA_HOME must name a JDK >= 21}
name=gpu-worker-bundle
stage="$out/bundle-stage"
root="$stage/$name"

log() { echo "worker-bundle: $*"; }

[ -f "$worker_jar" ] || { echo "worker-bundle: $worker_jar not found (package gpu-worker first)" >&2; exit 1; }
tarball="$out/$name-linux-x86_64.tar.gz"
# Up to date: newer than the jar, the scripts and this file. A rebuild of the worker makes a new one.
if [ -f "$tarball" ] && [ -f "$tarball.sha256" ] && [ -z "$(find "$worker_jar" "$scripts" "$0" -newer "$tarball" -print -quit)" ]; then
  log "$(basename "$tarball") is up to date"
  exit 0
fi
rm -rf "$stage"
mkdir -p "$root"

log "extracting $(basename "$worker_jar")"
# The cache can hold only classes loaded from plain jars on the class path, not from a fat jar's
# nested jars: the worker runs extracted.
"$jdk/bin/java" -Djarmode=tools -jar "$worker_jar" extract --destination "$root/app" >/dev/null

# jdeps finds the modules the classes link against; Spring and Netty also reach some only by
# reflection or service loading, which jdeps cannot see: management (actuator's JVM meters),
# jdk.unsupported (Netty's Unsafe), the EC and PKCS#11 providers and extra charsets (TLS towards
# the registry and storage), DNS naming.
log "finding the modules the worker needs (jdeps)"
feature=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
found=$("$jdk/bin/jdeps" --ignore-missing-deps --multi-release "$feature" --print-module-deps \
  --class-path "$root/app/lib/*" "$root/app/gpu-worker.jar")
modules="$found,java.management,jdk.management,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.charsets,jdk.naming.dns"
modules=$(tr ',' '\n' <<<"$modules" | while read -r m; do
  "$jdk/bin/java" --list-modules | grep -q "^$m@" && echo "$m"; done | sort -u | paste -sd, -)
log "modules: $modules"

log "linking the runtime (jlink)"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --generate-cds-archive --output "$root/runtime"
echo "$modules" > "$root/runtime/MODULES"

install -m 0755 "$scripts/start.sh" "$root/start.sh"
install -m 0644 "$scripts/presets.sh" "$root/presets.sh"

# The training run: the context refreshes and the JVM exits before any port is bound or anything
# is called, with a handler and a registry configured so their classes are in the cache. Same
# runtime, same jar path relative to the bundle, same JVM options as start.sh: a cache that does
# not match its JVM is ignored.
log "recording the start-up cache (training run)"
(
  cd "$root"
  if [ "$feature" -ge 25 ]; then record=(-XX:AOTCacheOutput=app.aot -Xlog:aot=off,cds=off); else record=(-XX:ArchiveClassesAtExit=app.jsa -Xlog:cds=off); fi
  # shellcheck source=../worker/start.sh
  jvm_options=$(VASTMESH_PRINT_JVM_OPTIONS=1 ./start.sh)
  # shellcheck disable=SC2086
  runtime/bin/java $jvm_options "${record[@]}" -Dspring.context.exit=onRefresh -jar app/gpu-worker.jar \
    --vastmesh.worker.vast.unsecured=true --vastmesh.worker.handlers[0].route=/v1/embeddings \
    --vastmesh.worker.registry.url=http://127.0.0.1:9 --vastmesh.worker.registry.token=training \
    --vastmesh.worker.startup.health-endpoint=/health --logging.level.root=warn > "$out/bundle-training.log" 2>&1
) || { echo "worker-bundle: the training run failed, see $out/bundle-training.log" >&2; exit 1; }
[ -f "$root/app.aot" ] || [ -f "$root/app.jsa" ] || { echo "worker-bundle: no cache recorded, see $out/bundle-training.log" >&2; exit 1; }

log "packing"
# gzip -1: the cache and the runtime compress little better at -9, and packing stays a few seconds.
tar -C "$stage" --owner=0 --group=0 --numeric-owner -c "$name" | gzip -1 > "$tarball.part"
mv "$tarball.part" "$tarball"
(cd "$out" && sha256sum "$(basename "$tarball")" > "$(basename "$tarball").sha256")
log "$(basename "$tarball"): $(du -h "$tarball" | cut -f1), sha256 $(cut -d' ' -f1 "$tarball.sha256")"
