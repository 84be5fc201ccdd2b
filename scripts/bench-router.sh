#!/usr/bin/env bash
# Router benchmark: events per second from ingest (POST /api/v1/events) to a local agent's 2xx,
# in memory and on Redis. The agent is nginx answering 200; the baseline, measured in the same
# run, is the same event POSTed straight to that agent (the agent's own capacity).
# Needs wrk, nginx, curl, Redis.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/select-jdk.sh
vastmesh_select_jdk
./mvnw -B -q -pl event-router -am package -DskipTests -Denforcer.skip
port=3966
agent_port=3967
duration=${DURATION:-15s}
# A fresh JVM on 2 cores is still compiling after 5 s of load (C2 took half a core 12 s in, and
# the Redis mode's ingest measured 1.6k/s after a 5 s warm-up, 5.8k/s after 30 s): measured
# rows come after WARMUP of the same load.
warmup=${WARMUP:-30s}
. scripts/bench/common.sh
work=$bench_work
start_stub_nginx "$agent_port" / 200
cp events-schema/src/test/resources/fixtures/events/vastai.mesh.registered.json "$work/event.json"
secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw

delivered() {
  curl -s localhost:$port/actuator/prometheus | awk '/^vastmesh_router_deliveries_total\{agent="cluster-operator",outcome="delivered"\}/ {print int($2)}'
}

echo "-- baseline: the event straight to the agent"
BODY_FILE="$work/event.json" PATH_Q=/events wrk -t1 -c16 -d5s -s scripts/bench/post_event.lua http://127.0.0.1:$agent_port >/dev/null
BODY_FILE="$work/event.json" PATH_Q=/events wrk -t1 -c16 -d$duration -s scripts/bench/post_event.lua http://127.0.0.1:$agent_port | grep -E "Requests/sec"

for mode in memory redis; do
  prefix="vastmesh-bench:$RANDOM$RANDOM:"
  "$JAVA_HOME/bin/java" -Xms1g -Xmx2g -jar event-router/target/event-router.jar --server.port=$port \
    --vastmesh.router.state=$mode --vastmesh.router.redis.stream="${prefix}events" --vastmesh.router.redis.key-prefix="$prefix" \
    --vastmesh.router.tokens[0].name=b --vastmesh.router.tokens[0].value=bench --vastmesh.router.tokens[0].scopes=ingest \
    --vastmesh.router.agents.cluster-operator.url=http://127.0.0.1:$agent_port/events \
    --vastmesh.router.agents.cluster-operator.secret=$secret --vastmesh.router.agents.cluster-operator.concurrency=16 \
    --vastmesh.router.agents.cost-intelligence-monitor.url=http://127.0.0.1:$agent_port/cost \
    --vastmesh.router.agents.cost-intelligence-monitor.secret=$secret --logging.level.root=WARN >"$work/router.log" 2>&1 &
  pid=$!
  bench_started $pid
  for _ in $(seq 1 120); do curl -sf localhost:$port/actuator/health/readiness >/dev/null && break; sleep 0.5; done
  TOKEN=bench BODY_FILE="$work/event.json" PATH_Q=/api/v1/events wrk -t1 -c16 -d"$warmup" -s scripts/bench/post_event.lua http://127.0.0.1:$port >/dev/null
  # Let the warm-up drain, then measure from a quiet start.
  for _ in $(seq 1 600); do a=$(delivered); sleep 0.5; [ "$a" = "$(delivered)" ] && break; done
  start_count=$(delivered); start=$(date +%s.%N)
  TOKEN=bench BODY_FILE="$work/event.json" PATH_Q=/api/v1/events wrk -t1 -c16 -d$duration --latency -s scripts/bench/post_event.lua http://127.0.0.1:$port > "$work/wrk.txt"
  # Wait until everything accepted has been delivered.
  for _ in $(seq 1 1200); do a=$(delivered); sleep 0.25; [ "$a" = "$(delivered)" ] && break; done
  end=$(date +%s.%N); end_count=$(delivered)
  echo "== mode=$mode"
  grep -E "Requests/sec|99%|50%|Non-2xx" "$work/wrk.txt" | sed 's/^/   ingest /'
  echo "   delivered $((end_count - start_count)) events in $(echo "$end - $start" | bc) s: $(echo "($end_count - $start_count) / ($end - $start)" | bc) events/s ingest-to-agent-2xx"
  kill $pid; wait $pid 2>/dev/null || true
  if [ "$mode" = redis ]; then redis-cli --scan --pattern "${prefix}*" | xargs -r redis-cli del >/dev/null; fi
done
