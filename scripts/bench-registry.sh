#!/usr/bin/env bash
# Registry benchmark: heartbeats/s and 3-filter list latency at 10k and 100k instances, in memory
# and on Redis, with a same-run baseline (the liveness probe: the server's floor per request).
# Needs wrk (apt-get install wrk), python3, and for the Redis rows a Redis on 127.0.0.1:6379.
# Usage: [STORES="memory redis"] scripts/bench-registry.sh [sizes...]   (default: 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/select-jdk.sh
vastmesh_select_jdk
sizes=("${@:-10000 100000}")
[ $# -eq 0 ] && sizes=(10000 100000)
./mvnw -B -q -pl registry-service -am package -DskipTests -Denforcer.skip
token=bench-admin-token
port=3905
duration=${DURATION:-15s}
. scripts/bench/common.sh

measure() { # store size
  local store=$1 size=$2 prefix="vastmesh-bench:$RANDOM$RANDOM:"
  "$JAVA_HOME/bin/java" -Xms1g -Xmx2g ${JAVA_OPTS:-} -jar registry-service/target/registry-service.jar --server.port=$port \
    --vastmesh.registry.state="$store" --vastmesh.registry.redis.key-prefix="$prefix" \
    --vastmesh.registry.security.tokens[0].name=bench --vastmesh.registry.security.tokens[0].value=$token \
    --vastmesh.registry.security.tokens[0].scopes=admin --logging.level.root=WARN >/tmp/vastmesh-bench-registry.log 2>&1 &
  local pid=$!
  bench_started $pid
  trap "kill $pid 2>/dev/null" RETURN
  for _ in $(seq 1 120); do curl -sf localhost:$port/actuator/health/readiness >/dev/null && break; sleep 0.5; done
  jcmd $pid GC.run >/dev/null; sleep 1
  local before=$(jcmd $pid GC.heap_info | awk '/garbage-first heap|total/ {for(i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}')
  local redis_before=$(redis-cli info memory | awk -F: '/^used_memory:/ {print $2}' | tr -d '\r')
  local t0=$(date +%s.%N)
  python3 scripts/bench/seed_registry.py 127.0.0.1 $port $token "$size"
  local seed_s=$(echo "$(date +%s.%N) - $t0" | bc)
  jcmd $pid GC.run >/dev/null; sleep 1
  local after=$(jcmd $pid GC.heap_info | awk '/garbage-first heap|total/ {for(i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}')
  echo "== store=$store instances=$size seeded in ${seed_s}s; heap used ${before} -> ${after}"
  if [ -n "$before" ] && [ -n "$after" ]; then
    echo "   JVM heap bytes/instance: $(( (${after%K} - ${before%K}) * 1024 / size ))"
  else
    echo "   JVM heap bytes/instance: not measured (this GC's heap_info has another format)"
  fi
  if [ "$store" = redis ]; then
    local redis_after=$(redis-cli info memory | awk -F: '/^used_memory:/ {print $2}' | tr -d '\r')
    echo "   Redis bytes/instance (hash + expiry set + change stream): $(( (redis_after - redis_before) / size ))"
  fi
  # The JIT needs a while to compile the hot paths: every measurement runs after a warm-up of
  # the same load (cold numbers are 3-4x lower and say nothing about a running registry).
  INSTANCES=$size TOKEN=$token wrk -t1 -c16 -d10s -s scripts/bench/heartbeat.lua http://127.0.0.1:$port >/dev/null
  TOKEN=$token PATH_Q="/api/v1/vastai/registry?environment=prod&status=ready&gpu_type=A100&limit=100" \
    wrk -t1 -c8 -d10s -s scripts/bench/get.lua http://127.0.0.1:$port >/dev/null
  TOKEN=$token PATH_Q=/actuator/health/liveness wrk -t1 -c16 -d5s -s scripts/bench/get.lua http://127.0.0.1:$port >/dev/null
  echo "-- baseline: GET /actuator/health/liveness"
  TOKEN=$token PATH_Q=/actuator/health/liveness wrk -t1 -c16 -d$duration --latency -s scripts/bench/get.lua http://127.0.0.1:$port | grep -E "Requests/sec|99%|50%"
  echo "-- heartbeats (random instance, admin token)"
  INSTANCES=$size TOKEN=$token wrk -t1 -c16 -d$duration --latency -s scripts/bench/heartbeat.lua http://127.0.0.1:$port | grep -E "Requests/sec|99%|50%|Non-2xx|errors"
  echo "-- list, 3 filters matching 1/40 of the fleet, first page of 100"
  TOKEN=$token PATH_Q="/api/v1/vastai/registry?environment=prod&status=ready&gpu_type=A100&limit=100" \
    wrk -t1 -c8 -d$duration --latency -s scripts/bench/get.lua http://127.0.0.1:$port | grep -E "Requests/sec|99%|50%"
  echo "-- list, 3 filters matching nothing (full scan of the fleet)"
  TOKEN=$token PATH_Q="/api/v1/vastai/registry?environment=prod&status=ready&gpu_type=B200&limit=100" \
    wrk -t1 -c8 -d$duration --latency -s scripts/bench/get.lua http://127.0.0.1:$port | grep -E "Requests/sec|99%|50%"
  if [ "$store" = redis ]; then
    redis-cli --scan --pattern "${prefix}*" | xargs -r redis-cli del >/dev/null
  fi
}

for size in "${sizes[@]}"; do
  for store in ${STORES:-memory redis}; do
    measure "$store" "$size"
  done
done
