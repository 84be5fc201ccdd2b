#!/usr/bin/env bash
# Puts the gpu-worker beside the model server of any image on a Vast instance: downloads the
# worker bundle, refuses it unless its SHA-256 is the expected one, optionally starts the model
# server, then runs the worker and starts it again whenever it dies. Written into the instance's
# onstart by `vastai deploy --worker-bundle URL`; needs bash, tar and curl or wget (or python3).
#
#   VASTMESH_WORKER_BUNDLE_URL     the bundle (a presigned URL or any HTTPS URL)         required
#   VASTMESH_WORKER_BUNDLE_SHA256  its SHA-256, hex                                      required
#   VASTMESH_WORKER_PRESET         vllm | tgi | tei | ollama | embeddings | none (start.sh)
#   VASTMESH_MODEL_COMMAND         a command starting the model server, its output to MODEL_LOG;
#                                  unset when the image starts the model server itself
#   VASTMESH_HOME                  where the bundle and logs go (default /opt/vastmesh)
#   VASTMESH_FOREGROUND=1          stay in the foreground (a container's entry point) instead of
#                                  returning once the worker is started
#   VASTMESH_WORKER_REGISTRY_URL, VASTMESH_WORKER_REGISTRY_TOKEN   the registry and a token that can
#                                  only register (never the account's API key)
# Everything logged goes to $VASTMESH_HOME/onstart.log as "[vastmesh-onstart] ..." lines.
set -uo pipefail

home=${VASTMESH_HOME:-/opt/vastmesh}
mkdir -p "$home" || { echo "[vastmesh-onstart] cannot create $home" >&2; exit 1; }
log_file="$home/onstart.log"
log() { printf '%s [vastmesh-onstart] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" | tee -a "$log_file" >&2; }
fail() { log "refusing to start: $*"; exit 1; }

url=${VASTMESH_WORKER_BUNDLE_URL:-}
expected=$(printf '%s' "${VASTMESH_WORKER_BUNDLE_SHA256:-}" | tr 'A-F' 'a-f')
[ -n "$url" ] || fail "VASTMESH_WORKER_BUNDLE_URL is not set"
[[ "$expected" =~ ^[0-9a-f]{64}$ ]] || fail "VASTMESH_WORKER_BUNDLE_SHA256 must be 64 hex digits"
# A presigned URL's query is its signature, a credential: never logged.
shown=${url%%\?*}

download() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsSL --retry 5 --retry-delay 2 --retry-all-errors -o "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget -q --tries=5 -O "$2" "$1"
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])' "$1" "$2"
  else
    log "neither curl, wget nor python3 is installed"; return 1
  fi
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  elif command -v shasum >/dev/null 2>&1; then shasum -a 256 "$1" | cut -d' ' -f1
  else python3 -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$1"; fi
}

bundle="$home/bundle-$expected"
if [ -x "$bundle/gpu-worker-bundle/start.sh" ]; then
  log "bundle $expected already installed"
else
  log "downloading the worker bundle from $shown"
  archive="$home/gpu-worker-bundle.tar.gz.part"
  rm -f "$archive"
  download "$url" "$archive" || fail "could not download the worker bundle from $shown"
  actual=$(sha256 "$archive")
  if [ "$actual" != "$expected" ]; then
    rm -f "$archive"
    fail "SHA-256 mismatch for the worker bundle from $shown: got $actual, expected $expected"
  fi
  log "SHA-256 verified ($expected)"
  rm -rf "$bundle.part" && mkdir -p "$bundle.part"
  tar -xzf "$archive" -C "$bundle.part" || fail "the worker bundle from $shown is not a tar.gz"
  rm -f "$archive"
  mv "$bundle.part" "$bundle"
fi

export MODEL_LOG=${MODEL_LOG:-$home/model.log}
model_pid="" worker=""
stop() {
  log "stopping"
  stopping=1
  for pid in $worker $model_pid; do kill -TERM "$pid" 2>/dev/null; done
  wait
  exit 0
}

# The model server first, when this script is the one to start it; its log is the worker's MODEL_LOG.
if [ -n "${VASTMESH_MODEL_COMMAND:-}" ]; then
  log "starting the model server, its log in $MODEL_LOG"
  bash -c "$VASTMESH_MODEL_COMMAND" >>"$MODEL_LOG" 2>&1 &
  model_pid=$!
  echo "$model_pid" > "$home/model.pid"
fi

# Runs the worker, and again after it dies: after 1 s, doubling up to 30 s while it keeps dying
# within a minute of its start.
supervise() {
  local delay=1 started
  stopping=0
  trap stop TERM INT
  while [ "$stopping" = 0 ]; do
    started=$(date +%s)
    log "starting the worker (preset ${VASTMESH_WORKER_PRESET:-none})"
    "$bundle/gpu-worker-bundle/start.sh" >>"$home/worker.log" 2>&1 &
    worker=$!
    echo "$worker" > "$home/worker.pid"
    wait "$worker"
    status=$?
    [ "$stopping" = 1 ] && break
    if [ $(( $(date +%s) - started )) -ge 60 ]; then delay=1; fi
    log "the worker exited with status $status; starting it again in ${delay}s (log: $home/worker.log)"
    sleep "$delay"
    delay=$(( delay * 2 > 30 ? 30 : delay * 2 ))
  done
}

if [ "${VASTMESH_FOREGROUND:-0}" = 1 ]; then
  supervise
else
  supervise </dev/null >/dev/null 2>&1 &
  disown
  log "worker supervisor started (pid $!)"
fi
