#!/usr/bin/env bash
# Gateway benchmark: verified 1 KB webhooks per second, in memory and on Redis, beside a bare
# endpoint of the same server (reads the body, answers 202) measured in the same run.
# Needs wrk, nginx (a stand-in router answering 202 on /api/v1/events), python3, Redis.
#
# BASELINE_JAR=path/to/other/webhook-gateway.jar compares two builds in one run: each mode is
# measured on the baseline jar and on this tree's jar back to back (ROUNDS times, alternating),
# so both see the same machine load; the spread between rounds is the run's noise.
# MODES=memory limits a run to one mode (a baseline jar older than the `state` property runs in
# memory whatever it is told).
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/select-jdk.sh
vastmesh_select_jdk
# -Pbench adds the bare baseline endpoint, which the service's own jar does not contain.
./mvnw -B -q -pl webhook-gateway -am package -DskipTests -Denforcer.skip -Pbench
secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
port=3901
router_port=3906
duration=${DURATION:-15s}
# A fresh JVM on 2 cores is still compiling after 5-8 s of load (C2 took half a core 12 s into an
# event-router run), and code compiled while only one endpoint ran is compiled again once the other
# runs (C2 took 15-20 % of the CPU in a verified row that followed the bare one after a 30 s
# warm-up of webhooks alone): the warm-up runs both endpoints at once for WARMUP.
warmup=${WARMUP:-40s}
. scripts/bench/common.sh
work=$bench_work
start_stub_nginx "$router_port" /api/v1/events 202

# Every measured webhook must be new to the server (a replay is answered 200 without a hand-off,
# and cheaper): MESSAGES unique ones cover 15 s at 30k/s; webhooks.lua says so if the verified row
# ran out anyway (the baseline row may wrap around: it keeps no ids). Each measured server is new
# (and in Redis mode has its own key prefix), so one signed set serves every row of the run: a
# slice warms up, the rest is measured. Signing them all up front makes the run outlast the
# default ±5 min timestamp tolerance, so the source allows an hour.
messages=${MESSAGES:-450000}
python3 scripts/bench/sign_webhooks.py $secret $((messages + 600000)) "$work/signed.tsv"
head -600000 "$work/signed.tsv" > "$work/warm.tsv"; tail -n +600001 "$work/signed.tsv" > "$work/measure.tsv"

jar=webhook-gateway/target/bench/webhook-gateway.jar
baseline_jar=${BASELINE_JAR:-}
rounds=${ROUNDS:-1}

measure() { # mode [jar]
  local mode=$1 jar=${2:-$jar} prefix="vastmesh-bench:$RANDOM$RANDOM:"
  "$JAVA_HOME/bin/java" -Xms1g -Xmx2g -jar "$jar" --server.port=$port \
    --vastmesh.gateway.state="$mode" --vastmesh.gateway.redis.key-prefix="$prefix" \
    --vastmesh.gateway.redis.stream="${prefix}events" --vastmesh.gateway.router.url=http://127.0.0.1:$router_port \
    --vastmesh.gateway.sources.bench.scheme=standard_webhooks --vastmesh.gateway.sources.bench.secrets[0]=$secret \
    --vastmesh.gateway.sources.bench.rate-per-minute=100000000 --vastmesh.gateway.flood.per-client-per-minute=100000000 \
    --vastmesh.gateway.sources.bench.tolerance=1h \
    --vastmesh.gateway.benchmark-baseline=true --logging.level.root=WARN >"$work/gateway.log" 2>&1 &
  local pid=$!
  bench_started $pid
  for _ in $(seq 1 120); do curl -sf localhost:$port/actuator/health/readiness >/dev/null && break; sleep 0.5; done
  echo "== mode=$mode jar=$jar ($(head -1 "$work/signed.tsv" | cut -f4 | wc -c) byte bodies)"
  FILE="$work/warm.tsv" PATH_Q=/internal/benchmark/baseline wrk -t1 -c8 -d"$warmup" -s scripts/bench/webhooks.lua http://127.0.0.1:$port >/dev/null &
  local bare_warmup=$!
  FILE="$work/warm.tsv" PATH_Q=/api/v1/webhooks/bench wrk -t1 -c16 -d"$warmup" -s scripts/bench/webhooks.lua http://127.0.0.1:$port >/dev/null || true
  wait $bare_warmup || true
  echo "-- baseline: bare endpoint, same request"
  FILE="$work/measure.tsv" PATH_Q=/internal/benchmark/baseline wrk_cpu $pid -t1 -c16 -d$duration --latency -s scripts/bench/webhooks.lua http://127.0.0.1:$port | grep -E "Requests/sec|99%|50%|CPU per"
  echo "-- verified webhooks (202 after a durable hand-off)"
  FILE="$work/measure.tsv" PATH_Q=/api/v1/webhooks/bench wrk_cpu $pid -t1 -c16 -d$duration --latency -s scripts/bench/webhooks.lua http://127.0.0.1:$port | grep -E "Requests/sec|99%|50%|Non-2xx|error|RAN OUT|CPU per"
  kill $pid; wait $pid 2>/dev/null || true
  if [ "$mode" = redis ]; then
    redis-cli --scan --pattern "${prefix}*" | xargs -r redis-cli del >/dev/null
  fi
}

if [ -z "$baseline_jar" ]; then
  measure memory
  measure redis
else
  [ -f "$baseline_jar" ] || { echo "BASELINE_JAR $baseline_jar not found" >&2; exit 1; }
  for mode in ${MODES:-memory redis}; do
    for round in $(seq 1 "$rounds"); do
      echo "#### $mode, round $round of $rounds: baseline, then this tree"
      measure "$mode" "$baseline_jar"
      measure "$mode" "$jar"
    done
  done
fi
