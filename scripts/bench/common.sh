# Shared by the benchmark scripts (sourced): a stand-in HTTP server and cleanup on any exit,
# so a failed run never leaves a server holding its port for the next one.

bench_work=$(mktemp -d)
bench_pids=()

bench_cleanup() {
  for pid in "${bench_pids[@]+"${bench_pids[@]}"}"; do
    kill -- "$pid" 2>/dev/null || true
  done
  [ -f "$bench_work/nginx.conf" ] && nginx -c "$bench_work/nginx.conf" -s stop 2>/dev/null || true
  rm -rf "$bench_work"
}
trap bench_cleanup EXIT

# start_stub_nginx PORT LOCATION STATUS [BODY]: nginx answering STATUS (with BODY as JSON, if
# given) to any request under LOCATION.
start_stub_nginx() {
  local answer="return $3;"
  [ $# -ge 4 ] && answer="default_type application/json; return $3 '$4';"
  cat > "$bench_work/nginx.conf" <<NGINX
worker_processes 1;
pid $bench_work/nginx.pid;
error_log $bench_work/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $bench_work;
  server {
    listen 127.0.0.1:$1;
    location $2 { client_max_body_size 2m; $answer }
  }
}
NGINX
  nginx -c "$bench_work/nginx.conf"
}

# bench_started PID: remember a server to stop on exit (a negative PID: a process group).
bench_started() {
  bench_pids+=("$1")
}

# cpu_ticks PID: the user + system CPU time PID has used so far, in clock ticks.
cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# jvm_allocated PID: the bytes every live thread of the JVM PID has allocated so far (jcmd's
# extended thread dump, which rounds each thread's count to 1 MB above 100 MB). Per request it does
# not depend on how busy the machine is, unlike a rate or a sampling profiler's estimate.
jvm_allocated() {
  "$JAVA_HOME/bin/jcmd" "$1" Thread.print -e | grep -o 'allocated=[0-9]*[BKMG]' | awk '
    { unit = substr($0, length($0)); n = substr($0, 11, length($0) - 11) + 0
      s += unit == "K" ? n * 1024 : unit == "M" ? n * 1048576 : unit == "G" ? n * 1073741824 : n }
    END { printf "%.0f\n", s }'
}

# wrk_cpu PID WRK-ARGS...: runs wrk and adds the CPU time the server PID spent per answered
# request. Unlike requests per second, CPU per request barely moves when other work shares the
# cores, so it compares two builds fairly on a busy machine.
wrk_cpu() {
  local pid=$1 before after out requests
  shift
  before=$(cpu_ticks "$pid")
  out=$(wrk "$@")
  after=$(cpu_ticks "$pid")
  echo "$out"
  requests=$(echo "$out" | awk '/requests in/ { print $1 }')
  awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="${requests:-0}" \
    'BEGIN { if (n > 0) printf "  server CPU per request: %.1f us\n", ticks / hz * 1e6 / n }'
}

# start_simulated_fleet PORT KEY INSTANCES: the vast-simulator's jar on PORT with one account (KEY),
# an admin token bench-admin, a catalogue with room for INSTANCES (20 offers of 4 GPU types) and
# INSTANCES rented, each a sleeping process labelled bench-<i>. Sets sim_pid; waits until all run.
start_simulated_fleet() {
  local port=$1 key=$2 instances=$3 running=0
  python3 - "$bench_work/offers.json" "$instances" <<'PY'
import json, sys
gpus = [("RTX 4090", 0.35, 0.17), ("RTX 3090", 0.18, 0.08), ("A100 SXM4", 1.10, 0.55), ("H100 SXM", 2.20, 1.20)]
per_offer = max(50, -(-int(sys.argv[2]) // 20))
offers = []
for i in range(20):
    name, price, bid = gpus[i % 4]
    offers.append({"id": 100 + i, "machine_id": 5000 + i, "gpu_name": name, "num_gpus": 1 + i % 2, "disk_space": 500,
                   "dph_base": round(price * (1 + i / 50), 3), "min_bid": bid, "storage_cost": 0.15,
                   "reliability": 0.95 + i / 500, "reliability2": 0.95 + i / 500, "geolocation": "Texas, US",
                   "verified": True, "external": False, "rentable": True, "rented": False, "score": 100 + i, "count": per_offer})
json.dump({"offers": offers}, open(sys.argv[1], "w"))
PY
  "$JAVA_HOME/bin/java" -Xmx512m ${JAVA_OPTS:-} -jar vast-simulator/target/vast-simulator.jar --server.port="$port" \
    --vastmesh.simulator.accounts[0].key="$key" --vastmesh.simulator.accounts[0].credit=100000 \
    --vastmesh.simulator.catalogue="file:$bench_work/offers.json" \
    --vastmesh.simulator.default-command='exec sleep 2147483647' --vastmesh.simulator.work-dir="$bench_work/instances" \
    --vastmesh.simulator.admin.tokens[0].name=bench --vastmesh.simulator.admin.tokens[0].value=bench-admin \
    --vastmesh.simulator.admin.tokens[0].scopes=admin --vastmesh.simulator.lifecycle.step-delay=100ms \
    --logging.level.root=WARN >"$bench_work/simulator.log" 2>&1 &
  sim_pid=$!
  bench_pids+=($sim_pid)
  for _ in $(seq 1 240); do curl -sf "localhost:$port/actuator/health" >/dev/null && break; sleep 0.5; done
  for i in $(seq 0 $((instances - 1))); do
    curl -sf -X PUT -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
      -d "{\"image\":\"vastmesh/stand-in\",\"disk\":16,\"label\":\"bench-$i\",\"env\":{}}" \
      "localhost:$port/api/v0/asks/$((100 + i % 20))/" >/dev/null
  done
  for _ in $(seq 1 240); do
    running=$(curl -sf -H "Authorization: Bearer bench-admin" "localhost:$port/admin/v1/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["processes"])')
    [ "$running" -ge "$instances" ] && break
    sleep 0.5
  done
  echo "== $running of $instances instances running, each a process (simulator pid $sim_pid)"
}
