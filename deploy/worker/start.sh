#!/usr/bin/env bash
# Starts the gpu-worker from this bundle in front of the model server, configured by a preset for
# the model server the image runs (presets.sh): VASTMESH_WORKER_PRESET=vllm|tgi|tei|ollama|embeddings,
# or none to configure everything through the worker's own properties. Vast's environment
# (CONTAINER_ID, REPORT_ADDR, PUBLIC_IPADDR, VAST_TCP_PORT_3000, MODEL_LOG, ...) is read by the worker.
#
#   VASTMESH_WORKER_AOT=off          start without the ahead-of-time cache
#   VASTMESH_WORKER_JAVA_OPTS=...    more JVM options (other GC options than these disable the cache)
#   extra arguments                  go to the worker, after the preset's: --vastmesh.worker....=...
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

# The cache was recorded with these options; it is used only by a JVM started with the same.
jvm_options="-XX:+ExitOnOutOfMemoryError -XX:MaxRAMPercentage=25"
if [ "${VASTMESH_PRINT_JVM_OPTIONS:-}" = 1 ]; then
  echo "$jvm_options"
  exit 0
fi

# The account's API key has no business in the worker's environment; drop it if a template set it.
unset VASTAI_API_KEY VAST_API_KEY

# shellcheck source=presets.sh
. "$here/presets.sh"
preset_args "${VASTMESH_WORKER_PRESET:-none}"

cache=()
if [ "${VASTMESH_WORKER_AOT:-on}" != off ]; then
  if [ -f "$here/app.aot" ]; then cache=(-XX:AOTCache="$here/app.aot" -Xlog:aot=off,cds=off)
  elif [ -f "$here/app.jsa" ]; then cache=(-XX:SharedArchiveFile="$here/app.jsa" -Xlog:cds=off); fi
fi

cd "$here"
# shellcheck disable=SC2086
exec "$here/runtime/bin/java" $jvm_options ${VASTMESH_WORKER_JAVA_OPTS:-} ${cache[@]+"${cache[@]}"} \
  -jar app/gpu-worker.jar ${PRESET_ARGS[@]+"${PRESET_ARGS[@]}"} "$@"
