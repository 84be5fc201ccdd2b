#!/usr/bin/env bash
# cost-monitor benchmark: how long one sample of an N-instance account takes (every page of the
# v1 list, the balance, today's charges) against the vast-simulator with Vast's rate limits on,
# beside the bound of the list's documented interval (1 s a page of 25) plus 10 %, and the
# cost-monitor's CPU per sample. Needs curl and python3.
# Usage: scripts/bench-cost-monitor.sh [instances]   (default: 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/select-jdk.sh
vastmesh_select_jdk
instances=${1:-1000}
port=3911
monitor_port=3917
key=bench-vast-key
./mvnw -B -q -pl cost-monitor -am package -DskipTests -Denforcer.skip
. scripts/bench/common.sh

start_simulated_fleet $port $key "$instances"
curl -sf -X PUT -H "Authorization: Bearer bench-admin" -H 'Content-Type: application/json' -d '{"enabled":true}' \
  "localhost:$port/admin/v1/rate-limits" >/dev/null

"$JAVA_HOME/bin/java" -Xmx512m ${JAVA_OPTS:-} -jar cost-monitor/target/cost-monitor.jar --server.port=$monitor_port \
  --vastmesh.cost-monitor.vast.url=http://127.0.0.1:$port --vastmesh.cost-monitor.vast.read-key=$key \
  --vastmesh.cost-monitor.sample-interval=5s --vastmesh.cost-monitor.tokens[0].name=bench \
  --vastmesh.cost-monitor.tokens[0].value=bench-token --vastmesh.cost-monitor.tokens[0].scopes=admin \
  --logging.level.root=WARN >"$bench_work/cost-monitor.log" 2>&1 &
monitor_pid=$!
bench_started $monitor_pid

# meter NAME STATISTIC: one statistic of one of the cost-monitor's meters (0 before it exists). The
# actuator's single-meter endpoint, not a full scrape: rendering 2,000 instance series every
# poll would be counted as the sample's CPU.
meter() {
  curl -sf -H "Authorization: Bearer bench-token" "localhost:$monitor_port/actuator/metrics/$1" 2>/dev/null \
    | python3 -c 'import json,sys
try:
    print(next(m["value"] for m in json.load(sys.stdin)["measurements"] if m["statistic"] == sys.argv[1]))
except Exception:
    print(0)' "$2"
}
sample_metric() {
  case $1 in
    vastmesh_cost_samples_total) meter vastmesh.cost.samples COUNT ;;
    vastmesh_cost_sample_duration_seconds_sum) meter vastmesh.cost.sample.duration TOTAL_TIME ;;
  esac
}
wait_samples() {
  for _ in $(seq 1 240); do
    [ "$(sample_metric vastmesh_cost_samples_total | cut -d. -f1)" -ge "$1" ] && return
    sleep 1
  done
  echo "no sample $1 within 240 s; see $bench_work/cost-monitor.log" >&2
  exit 1
}
wait_samples 1
first=$(sample_metric vastmesh_cost_sample_duration_seconds_sum)
before=$(cpu_ticks $monitor_pid)
wait_samples 2
after=$(cpu_ticks $monitor_pid)
total=$(sample_metric vastmesh_cost_sample_duration_seconds_sum)
failures=$(curl -sf -H "Authorization: Bearer bench-token" "localhost:$monitor_port/actuator/prometheus" \
  | awk '/^vastmesh_cost_sample_failures_total/ { n += $2 } END { print n + 0 }')
python3 - "$instances" "$first" "$total" "$((after - before))" "$(getconf CLK_TCK)" "$failures" <<'PY'
import math, sys
n, first, total, ticks, hz, failures = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
pages = math.ceil(n / 25)
bound = pages * 1.0 * 1.1
second = total - first
print(f"== {n} instances, {pages} list pages at Vast's 1 s interval: bound {bound:.1f} s (pages x 1 s + 10 %)")
print(f"-- first sample (cold JVM): {first:.1f} s")
print(f"-- second sample: {second:.1f} s ({'within' if second <= bound else 'OVER'} the bound)")
print(f"-- cost-monitor CPU from the end of the first sample to the end of the second (5 s idle + the sample): {ticks / hz:.2f} s")
print(f"-- skipped samples: {failures:.0f}")
PY
