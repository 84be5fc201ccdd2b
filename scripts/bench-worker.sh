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
#   4. streaming: time to the first event, direct vs through the worker (median of 200, each on a
#      new connection).
# Every row starts its servers once, warms each up with WARMUP of the same load, then measures
# them in turn, ROUNDS times (default 3), and prints the medians. A worker row adds the server's
# CPU time per request (/proc) and, for a JVM, the bytes it allocated per request (every live
# thread's allocation counter, from jcmd): both barely move when other work shares the cores.
#
# BASELINE_JAR=path/to/other/gpu-worker.jar: that build beside this tree's in every row but the
#   CPU model's (zero-work, 5 ms with a Content-Length, 5 ms chunked, first event).
# PYWORKER_CMD='...': Vast's Python worker beside ours in every row but the CPU model's, the
#   three-way table. The command runs under bash and must start a worker serving POST
#   /v1/embeddings on $WORKER_PORT that forwards to $MODEL_SERVER_URL, unsecured; the script
#   exports what Vast's worker reads (WORKER_PORT, UNSECURED=true, REPORT_ADDR pointing at a
#   local stub that answers every report 200, MASTER_TOKEN, CONTAINER_ID, PUBLIC_IPADDR,
#   VAST_TCP_PORT_<port>). Its requests are Vast's signed wrapper (scripts/bench/vast_wrapper.lua),
#   unsigned since it runs unsecured; the other rows send the bare body with the bearer token.
# NETTY_REFERENCE=1: a bare event-loop proxy (scripts/bench/netty-proxy) in the load rows too.
# Needs wrk, nginx, curl, python3 and, for allocation figures, the JDK's jcmd.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/select-jdk.sh
vastmesh_select_jdk
./mvnw -B -q -pl gpu-worker,examples/embeddings-model-server -am package -DskipTests -Denforcer.skip
if [ -n "${NETTY_REFERENCE:-}" ]; then
  ./mvnw -B -q -f scripts/bench/netty-proxy/pom.xml package dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Denforcer.skip
fi
if [ -n "${BASELINE_JAR:-}" ] && [ ! -f "$BASELINE_JAR" ]; then
  echo "BASELINE_JAR $BASELINE_JAR not found" >&2
  exit 1
fi
duration=${DURATION:-15s}
# A fresh JVM on 2 cores is still compiling after 5 s of load (C2 took half a core 12 s into an
# event-router run); measured rows come after WARMUP of the same load.
warmup=${WARMUP:-30s}
rounds=${ROUNDS:-3}
work_ms=${WORK_MS:-5}
nginx_port=3981
slow_port=3982
sleeping_port=3983
model_port=3984
sized_port=3985
reference_port=3986
report_port=3987
pyworker_port=3988
baseline_port=3979
worker_port=3980
token=bench-token
jar=gpu-worker/target/gpu-worker.jar
. scripts/bench/common.sh
work=$bench_work
results=$work/results.tsv
answer='{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,0.2]}]}'
echo_module=/usr/lib/nginx/modules/ngx_http_echo_module.so
sleep_s=$(awk "BEGIN { print $work_ms / 1000 }")
{
  [ -f "$echo_module" ] && echo "load_module $echo_module;"
  cat <<NGINX
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
    listen 127.0.0.1:$report_port;
    location / { client_max_body_size 16m; return 200 '{}'; }
  }
NGINX
  if [ -f "$echo_module" ]; then
    cat <<NGINX
  server {
    listen 127.0.0.1:$sleeping_port;
    location / { client_max_body_size 2m; echo_read_request_body; echo_sleep $sleep_s; echo '$answer'; }
  }
  server {
    listen 127.0.0.1:$sized_port;
    location / { client_max_body_size 2m; echo_read_request_body; echo_sleep $sleep_s; echo_exec /answer; }
    location = /answer { internal; return 200 '$answer'; }
  }
NGINX
  fi
  echo "}"
} > "$work/nginx.conf"
nginx -c "$work/nginx.conf"
if [ -f "$echo_module" ]; then
  sleeping_label="nginx echo_sleep"
else
  sleeping_port=$slow_port
  sleeping_label="JDK server, sleeping"
fi
"$JAVA_HOME/bin/java" scripts/bench/SlowUpstream.java $slow_port "$work_ms" >"$work/slow.log" 2>&1 &
bench_started $!

await_port() { # port: until something answers HTTP there
  for _ in $(seq 1 240); do curl -s -o /dev/null "localhost:$1/" && return 0; sleep 0.5; done
  echo "nothing answers on port $1" >&2
  return 1
}

start_worker() { # jar port upstream-port; sets started_pid
  "$JAVA_HOME/bin/java" ${JAVA_OPTS:-} -jar "$1" --server.port="$2" \
    --vastmesh.worker.model-server=http://127.0.0.1:$3 --vastmesh.worker.token=$token \
    --vastmesh.worker.vast.unsecured=true --vastmesh.worker.vast.max-perf=1000000000 \
    --vastmesh.worker.handlers[0].route=/v1/embeddings --vastmesh.worker.handlers[0].workload=array-length:/input \
    --vastmesh.worker.handlers[0].allow-parallel-requests=true \
    --vastmesh.worker.handlers[1].route=/stream --vastmesh.worker.handlers[1].allow-parallel-requests=true \
    --logging.level.root=WARN >"$work/worker-$2.log" 2>&1 &
  started_pid=$!
  bench_started $started_pid
  for _ in $(seq 1 120); do curl -sf "localhost:$2/actuator/health/readiness" >/dev/null && return 0; sleep 0.5; done
  echo "the worker on port $2 did not become ready; see its log:" >&2
  tail -20 "$work/worker-$2.log" >&2
  return 1
}

start_pyworker() { # upstream-port; sets started_pid
  env WORKER_PORT=$pyworker_port MODEL_SERVER_URL=http://127.0.0.1:$1 UNSECURED=true \
    REPORT_ADDR=http://127.0.0.1:$report_port MASTER_TOKEN=$token CONTAINER_ID=1 PUBLIC_IPADDR=127.0.0.1 \
    "VAST_TCP_PORT_$pyworker_port=$pyworker_port" setsid bash -c "$PYWORKER_CMD" >"$work/pyworker.log" 2>&1 &
  started_pid=$!
  bench_started -$started_pid
  await_port $pyworker_port || { tail -20 "$work/pyworker.log" >&2; return 1; }
}

start_reference() { # upstream-port; sets started_pid
  "$JAVA_HOME/bin/java" -cp "scripts/bench/netty-proxy/target/classes:$(cat scripts/bench/netty-proxy/target/classpath.txt)" \
    dev.vastmesh.bench.ReferenceNettyProxy $reference_port "http://127.0.0.1:$1" $token >"$work/reference.log" 2>&1 &
  started_pid=$!
  bench_started $started_pid
  await_port $reference_port
}

stop() { # pid (negative: a process group)
  kill -- "$1" 2>/dev/null || true
  wait "${1#-}" 2>/dev/null || true
}

load() { # duration url [lua]
  TOKEN=$token wrk -t2 -c64 -d"$1" --latency -s "${3:-scripts/bench/embeddings.lua}" "$2"
}

measure() { # row variant round url [lua] [pid] [jvm]: one measured run, appended to the results
  local row=$1 variant=$2 round=$3 url=$4 lua=${5:-} pid=${6:-} jvm=${7:-} ticks=0 allocated=0 out
  [ -n "$pid" ] && ticks=$(cpu_ticks "$pid")
  [ -n "$jvm" ] && allocated=$(jvm_allocated "$pid")
  out=$(load "$duration" "$url" "$lua")
  [ -n "$pid" ] && ticks=$(($(cpu_ticks "$pid") - ticks))
  [ -n "$jvm" ] && allocated=$(($(jvm_allocated "$pid") - allocated))
  echo "$out" | awk -v row="$row" -v variant="$variant" -v round="$round" -v ticks="$ticks" -v hz="$(getconf CLK_TCK)" \
    -v pid="$pid" -v jvm="$jvm" -v allocated="$allocated" '
    function ms(v) { return v ~ /us$/ ? v / 1000 : v ~ /ms$/ ? v + 0 : v * 1000 }
    /requests in/ { n = $1 } /Requests\/sec/ { rate = $2 } / 50%/ { p50 = ms($2) } /Non-2xx/ { bad = $NF }
    END {
      cpu = pid != "" && n > 0 ? sprintf("%.1f", ticks / hz * 1e6 / n) : "-"
      alloc = jvm != "" && n > 0 ? sprintf("%.0f", allocated / n) : "-"
      printf "%s\t%s\t%s\t%.0f\t%.2f\t%s\t%s\t%s\n", row, variant, round, rate, p50, cpu, alloc, bad + 0
    }' | tee -a "$results" | awk -F'\t' '{ printf "-- round %s, %s: %s req/s, p50 %s ms, CPU %s us/req, alloc %s B/req%s\n",
      $3, $2, $4, $5, $6, $7, ($8 > 0 ? ", NON-2xx " $8 : "") }'
}

row() { # label upstream-port [cpu-model]: every variant of one upstream, interleaved
  local label=$1 upstream=$2 base_pid="" worker_pid py_pid="" ref_pid=""
  echo "== $label"
  start_worker "$jar" $worker_port "$upstream"; worker_pid=$started_pid
  if [ -n "${BASELINE_JAR:-}" ] && [ -z "${3:-}" ]; then
    start_worker "$BASELINE_JAR" $baseline_port "$upstream"; base_pid=$started_pid
    load "$warmup" http://127.0.0.1:$baseline_port/v1/embeddings >/dev/null
  fi
  load "$warmup" http://127.0.0.1:$worker_port/v1/embeddings >/dev/null
  if [ -n "${PYWORKER_CMD:-}" ] && [ -z "${3:-}" ]; then
    start_pyworker "$upstream"; py_pid=$started_pid
    load "$warmup" http://127.0.0.1:$pyworker_port/v1/embeddings scripts/bench/vast_wrapper.lua >/dev/null
  fi
  if [ -n "${NETTY_REFERENCE:-}" ]; then
    start_reference "$upstream"; ref_pid=$started_pid
    load "$warmup" http://127.0.0.1:$reference_port/v1/embeddings >/dev/null
  fi
  load 3s http://127.0.0.1:$upstream/v1/embeddings >/dev/null
  for round in $(seq 1 "$rounds"); do
    measure "$label" direct "$round" http://127.0.0.1:$upstream/v1/embeddings
    [ -n "$base_pid" ] && measure "$label" "baseline jar" "$round" http://127.0.0.1:$baseline_port/v1/embeddings "" $base_pid jvm
    measure "$label" "through the worker" "$round" http://127.0.0.1:$worker_port/v1/embeddings "" $worker_pid jvm
    [ -n "$py_pid" ] && measure "$label" "Vast's PyWorker" "$round" http://127.0.0.1:$pyworker_port/v1/embeddings \
      scripts/bench/vast_wrapper.lua "$(pgrep -g "$py_pid" -n || true)"
    [ -n "$ref_pid" ] && measure "$label" "reference Netty proxy" "$round" http://127.0.0.1:$reference_port/v1/embeddings "" $ref_pid jvm
  done
  for pid in $worker_pid $base_pid $ref_pid; do stop "$pid"; done
  [ -n "$py_pid" ] && stop "-$py_pid"
  return 0
}

row "zero-work upstream (nginx, constant JSON)" $nginx_port
if [ -f "$echo_module" ]; then
  # What a JSON API such as a non-streaming completion returns: one body with a Content-Length.
  row "upstream spending ${work_ms} ms per request, answer with a Content-Length ($sleeping_label, then return)" $sized_port
fi
# echo's answer is chunked, which the worker passes on as a stream (flushed as it arrives).
row "upstream spending ${work_ms} ms per request, chunked answer ($sleeping_label)" $sleeping_port

if [ -z "${BASELINE_JAR:-}${SKIP_MODEL:-}" ]; then
  "$JAVA_HOME/bin/java" -jar examples/embeddings-model-server/target/embeddings-model-server.jar --port=$model_port >"$work/model.log" 2>&1 &
  bench_started $!
  for _ in $(seq 1 240); do curl -sf localhost:$model_port/health >/dev/null && break; sleep 0.5; done
  row "the CPU embeddings model server (all-MiniLM-L6-v2, ONNX Runtime, sharing the cores)" $model_port cpu-model
fi

echo "== streaming: time to first byte (first event at once, the next 100 ms later)"
first_event() { # label url [token]
  # Each request is a new connection (accept, pipeline set-up, a pooled upstream connection): a
  # path the load rows never take, so it gets its own warm-up; 50 requests left the JIT cold.
  [ -n "${3:-}" ] && python3 scripts/bench/first_event.py "$2" "${STREAM_WARMUP:-2000}" "$3" >/dev/null
  echo "-- $1: $(python3 scripts/bench/first_event.py "$2" 200 ${3:-})"
}
start_worker "$jar" $worker_port $slow_port; worker_pid=$started_pid
first_event direct "http://127.0.0.1:$slow_port/stream"
first_event "through the worker" "http://127.0.0.1:$worker_port/stream" $token
stop $worker_pid
if [ -n "${BASELINE_JAR:-}" ]; then
  start_worker "$BASELINE_JAR" $baseline_port $slow_port; base_pid=$started_pid
  first_event "baseline jar" "http://127.0.0.1:$baseline_port/stream" $token
  stop $base_pid
fi

echo "== medians of $rounds rounds (req/s ratio to direct in the same row; CPU and allocation per request)"
python3 - "$results" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    row, variant, _, rate, p50, cpu, alloc, _ = line.rstrip("\n").split("\t")
    rows.setdefault(row, {}).setdefault(variant, []).append((float(rate), float(p50), cpu, alloc))
med = lambda values: statistics.median(values) if values else None
for row, variants in rows.items():
    print(f"{row}")
    direct = med([r[0] for r in variants["direct"]])
    direct_p50 = med([r[1] for r in variants["direct"]])
    ours = med([r[0] for r in variants.get("through the worker", [])])
    for variant, runs in variants.items():
        rate, p50 = med([r[0] for r in runs]), med([r[1] for r in runs])
        cpu = [float(r[2]) for r in runs if r[2] != "-"]
        alloc = [float(r[3]) for r in runs if r[3] != "-"]
        extra = "" if variant == "direct" else f"  {rate / direct:.2f} of direct, p50 {p50 - direct_p50:+.2f} ms"
        if variant == "Vast's PyWorker" and ours:
            extra += f", ours {ours / rate:.1f}x"
        print(f"  {variant:24s} {rate:9.0f} req/s  p50 {p50:6.2f} ms"
              + (f"  CPU {med(cpu):6.1f} us/req" if cpu else "")
              + (f"  alloc {med(alloc):7.0f} B/req" if alloc else "") + extra)
PY
