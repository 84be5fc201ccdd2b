#!/usr/bin/env bash
# gpu-worker benchmark: the same requests straight to the model server and through the worker,
# measured in the same run, at 64 connections (wrk), plus time-to-first-byte of a stream.
#   1. a zero-work upstream (nginx answering a constant JSON): the worker's own cost;
#   2. an upstream that spends WORK_MS (default 5) per request without using the CPU, as a model
#      server busy on its GPU does: nginx with the echo module's non-blocking echo_sleep (Debian:
#      libnginx-mod-http-echo), answering once with a Content-Length and once chunked; without
#      that module, a JDK server on virtual threads that sleeps (which, sharing the 2 cores, also
#      costs CPU per request);
#   3. the CPU embeddings model server (examples/embeddings-model-server, all-MiniLM-L6-v2 on ONNX
#      Runtime): a real model, which on this machine shares the 2 cores with the worker;
#   4. streaming: time to the first event, direct vs through the worker (median of 100, each on a
#      new connection).
# BASELINE_JAR=path/to/other/gpu-worker.jar compares two builds instead (zero-work row only).
# Each worker row also prints the worker's CPU time per request.
# Needs wrk, nginx, curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/select-jdk.sh
vastmesh_select_jdk
./mvnw -B -q -pl gpu-worker,examples/embeddings-model-server -am package -DskipTests -Denforcer.skip
if [ -n "${NETTY_REFERENCE:-}" ]; then
  # NETTY_REFERENCE=1: after each worker row, the same load through a bare event-loop proxy.
  ./mvnw -B -q -f scripts/bench/netty-proxy/pom.xml package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Denforcer.skip
fi
duration=${DURATION:-15s}
# A fresh JVM on 2 cores is still compiling after 5 s of load (C2 took half a core 12 s into an
# event-router run); measured rows come after WARMUP of the same load.
warmup=${WARMUP:-30s}
work_ms=${WORK_MS:-5}
nginx_port=3981
slow_port=3982
worker_port=3980
model_port=3984
reference_port=3986
token=bench-token
. scripts/bench/common.sh
work=$bench_work
answer='{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,0.2]}]}'
echo_module=/usr/lib/nginx/modules/ngx_http_echo_module.so
sleeping_port=3983
sized_port=3985
if [ -f "$echo_module" ]; then
  cat > "$work/nginx.conf" <<NGINX
load_module $echo_module;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/error.log;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work;
  default_type application/json;
  server {
    listen 127.0.0.1:$nginx_port;
    location / { client_max_body_size 2m; return 200 '$answer'; }
  }
  server {
    listen 127.0.0.1:$sleeping_port;
    location / { client_max_body_size 2m; echo_read_request_body; echo_sleep $(awk "BEGIN { print $work_ms / 1000 }"); echo '$answer'; }
  }
  server {
    listen 127.0.0.1:$sized_port;
    location / { client_max_body_size 2m; echo_read_request_body; echo_sleep $(awk "BEGIN { print $work_ms / 1000 }"); echo_exec /answer; }
    location = /answer { internal; return 200 '$answer'; }
  }
}
NGINX
  nginx -c "$work/nginx.conf"
  sleeping_label="nginx echo_sleep"
else
  start_stub_nginx "$nginx_port" / 200 "$answer"
  sleeping_port=$slow_port
  sleeping_label="JDK server, sleeping"
fi
"$JAVA_HOME/bin/java" scripts/bench/SlowUpstream.java $slow_port "$work_ms" >"$work/slow.log" 2>&1 &
bench_started $!

start_worker() { # upstream-port [jar]
  "$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -jar "${2:-gpu-worker/target/gpu-worker.jar}" --server.port=$worker_port \
    --vastmesh.worker.model-server=http://127.0.0.1:$1 --vastmesh.worker.token=$token \
    --vastmesh.worker.vast.unsecured=true --vastmesh.worker.vast.max-perf=1000000000 \
    --vastmesh.worker.handlers[0].route=/v1/embeddings --vastmesh.worker.handlers[0].workload=array-length:/input \
    --vastmesh.worker.handlers[0].allow-parallel-requests=true \
    --vastmesh.worker.handlers[1].route=/stream --vastmesh.worker.handlers[1].allow-parallel-requests=true \
    --logging.level.root=WARN >"$work/worker.log" 2>&1 &
  worker_pid=$!
  bench_started $worker_pid
  for _ in $(seq 1 120); do curl -sf localhost:$worker_port/actuator/health/readiness >/dev/null && break; sleep 0.5; done
}

run() { # label url [server-pid]
  echo "-- $1"
  if [ -n "${3:-}" ]; then
    TOKEN=$token wrk_cpu "$3" -t2 -c64 -d"$duration" --latency -s scripts/bench/embeddings.lua "$2" | grep -E "Requests/sec|50%|99%|Non-2xx|error|CPU per"
  else
    TOKEN=$token wrk -t2 -c64 -d"$duration" --latency -s scripts/bench/embeddings.lua "$2" | grep -E "Requests/sec|50%|99%|Non-2xx|error"
  fi
}

compare() { # label upstream-port
  echo "== $1"
  start_worker "$2"
  TOKEN=$token wrk -t2 -c64 -d"$warmup" -s scripts/bench/embeddings.lua http://127.0.0.1:$worker_port/v1/embeddings >/dev/null
  TOKEN=$token wrk -t2 -c64 -d3s -s scripts/bench/embeddings.lua http://127.0.0.1:$2/v1/embeddings >/dev/null
  run "direct" "http://127.0.0.1:$2/v1/embeddings"
  run "through the worker" "http://127.0.0.1:$worker_port/v1/embeddings" $worker_pid
  kill $worker_pid; wait $worker_pid 2>/dev/null || true
  if [ -n "${NETTY_REFERENCE:-}" ]; then
    "$JAVA_HOME/bin/java" -cp "scripts/bench/netty-proxy/target/classes:$(cat scripts/bench/netty-proxy/target/classpath.txt)" \
      dev.vastmesh.bench.ReferenceNettyProxy $reference_port "http://127.0.0.1:$2" $token >"$work/reference.log" 2>&1 &
    local reference_pid=$!
    bench_started $reference_pid
    for _ in $(seq 1 60); do curl -s -o /dev/null localhost:$reference_port/ && break; sleep 0.5; done
    TOKEN=$token wrk -t2 -c64 -d"$warmup" -s scripts/bench/embeddings.lua http://127.0.0.1:$reference_port/v1/embeddings >/dev/null
    run "reference: bare Reactor Netty proxy, same per-request work (scripts/bench/netty-proxy)" "http://127.0.0.1:$reference_port/v1/embeddings"
    kill $reference_pid; wait $reference_pid 2>/dev/null || true
  fi
}

if [ -n "${BASELINE_JAR:-}" ]; then
  # BASELINE_JAR=path/to/other/gpu-worker.jar: the zero-work row (the worker's own cost) on that
  # build and on this tree's, back to back, ROUNDS times; nothing else.
  [ -f "$BASELINE_JAR" ] || { echo "BASELINE_JAR $BASELINE_JAR not found" >&2; exit 1; }
  for round in $(seq 1 "${ROUNDS:-2}"); do
    for build in "$BASELINE_JAR" gpu-worker/target/gpu-worker.jar; do
      echo "== round $round: zero-work upstream, worker $build"
      start_worker $nginx_port "$build"
      TOKEN=$token wrk -t2 -c64 -d"$warmup" -s scripts/bench/embeddings.lua http://127.0.0.1:$worker_port/v1/embeddings >/dev/null
      run "direct" "http://127.0.0.1:$nginx_port/v1/embeddings"
      run "through the worker" "http://127.0.0.1:$worker_port/v1/embeddings" $worker_pid
      kill $worker_pid; wait $worker_pid 2>/dev/null || true
    done
  done
  exit 0
fi

compare "zero-work upstream (nginx, constant JSON)" $nginx_port
if [ -f "$echo_module" ]; then
  # What a JSON API such as a non-streaming completion returns: one body with a Content-Length.
  compare "upstream spending ${work_ms} ms per request, answer with a Content-Length ($sleeping_label, then return)" $sized_port
fi
# echo's answer is chunked, which the worker passes on as a stream (flushed as it arrives).
compare "upstream spending ${work_ms} ms per request, chunked answer ($sleeping_label)" $sleeping_port

"$JAVA_HOME/bin/java" -jar examples/embeddings-model-server/target/embeddings-model-server.jar --port=$model_port >"$work/model.log" 2>&1 &
bench_started $!
for _ in $(seq 1 240); do curl -sf localhost:$model_port/health >/dev/null && break; sleep 0.5; done
compare "the CPU embeddings model server (all-MiniLM-L6-v2, ONNX Runtime, sharing the cores)" $model_port

echo "== streaming: time to first byte (first event at once, the next 100 ms later)"
start_worker $slow_port
# Each request is a new connection (accept, pipeline set-up, a pooled upstream connection): a path
# the load rows above never take, so it gets its own warm-up; 50 requests left the JIT cold.
python3 scripts/bench/first_event.py "http://127.0.0.1:$worker_port/stream" ${STREAM_WARMUP:-2000} $token >/dev/null
echo "-- direct: $(python3 scripts/bench/first_event.py "http://127.0.0.1:$slow_port/stream" 200)"
echo "-- through the worker: $(python3 scripts/bench/first_event.py "http://127.0.0.1:$worker_port/stream" 200 $token)"
