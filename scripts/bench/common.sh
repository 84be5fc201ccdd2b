# Shared by the benchmark scripts (sourced): a stand-in HTTP server and cleanup on any exit,
# so a failed run never leaves a server holding its port for the next one.

bench_work=$(mktemp -d)
bench_pids=()

bench_cleanup() {
  for pid in "${bench_pids[@]+"${bench_pids[@]}"}"; do
    kill "$pid" 2>/dev/null || true
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

# bench_started PID: remember a server to stop on exit.
bench_started() {
  bench_pids+=("$1")
}

# cpu_ticks PID: the user + system CPU time PID has used so far, in clock ticks.
cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$1/stat"
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
