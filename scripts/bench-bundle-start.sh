#!/usr/bin/env bash
# Worker start-up from the Vast bundle: seconds from start.sh to a 200 on the worker's
# /actuator/health/readiness (the model already up and benchmarked once: the benchmark cache is
# warm, so this is the worker's own start), with the bundle's AOT cache and without it
# (VASTMESH_WORKER_AOT=off), in alternating rounds. The model server is the CPU embeddings demo.
# Usage: [ROUNDS=5] scripts/bench-bundle-start.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/select-jdk.sh
vastmesh_select_jdk
rounds=${ROUNDS:-5}
bundle=deploy/worker-bundle/target/gpu-worker-bundle-linux-x86_64.tar.gz
[ -f "$bundle" ] || ./mvnw -B -q -Pworker-bundle -pl deploy/worker-bundle -am package -DskipTests -Denforcer.skip
[ -f examples/embeddings-model-server/target/embeddings-model-server.jar ] \
  || ./mvnw -B -q -pl examples/embeddings-model-server -am package -DskipTests -Denforcer.skip
work=$(mktemp -d)
pids=()
trap 'for p in ${pids[@]+"${pids[@]}"}; do kill "$p" 2>/dev/null; done; wait; rm -rf "$work"' EXIT
tar -xzf "$bundle" -C "$work"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

model_port=$(free_port)
"$JAVA_HOME/bin/java" -jar examples/embeddings-model-server/target/embeddings-model-server.jar --port="$model_port" >"$work/model.log" 2>&1 &
pids+=($!)
until curl -sf -o /dev/null "http://127.0.0.1:$model_port/health"; do sleep 0.2; done

ready_seconds() { # VASTMESH_WORKER_AOT value
  local port; port=$(free_port)
  local start; start=$(date +%s.%N)
  VASTMESH_WORKER_AOT=$1 VASTMESH_WORKER_PRESET=embeddings MODEL_SERVER_URL="http://127.0.0.1:$model_port" WORKER_PORT=$port \
    UNSECURED=true "$work/gpu-worker-bundle/start.sh" --vastmesh.worker.startup.benchmark-cache="$work/benchmark" \
    --logging.level.root=WARN >"$work/worker.log" 2>&1 &
  local pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; do
    kill -0 $pid 2>/dev/null || { echo "the worker died; its log:" >&2; tail -20 "$work/worker.log" >&2; exit 1; }
    sleep 0.02
  done
  local end; end=$(date +%s.%N)
  kill $pid; wait $pid 2>/dev/null || true
  echo "$end - $start" | bc
}

ready_seconds on >/dev/null   # writes the benchmark cache
echo "bundle=$(cut -c1-12 "$bundle.sha256") rounds=$rounds load=$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %12s %12s %7s\n' round "no cache s" "AOT cache s" ratio
for round in $(seq 1 "$rounds"); do
  plain=$(ready_seconds off)
  cached=$(ready_seconds on)
  printf '%-6s %12.2f %12.2f %7.2f\n' "$round" "$plain" "$cached" "$(echo "$cached / $plain" | bc -l)"
done
