#!/usr/bin/env bash
# vast-simulator benchmark: list and search latency with N concurrent simulated instances, each a
# real process (the light stand-in, one sleeping process per instance, not a JVM).
# Needs wrk (apt-get install wrk), curl and python3.
# Usage: [DURATION=15s] scripts/bench-simulator.sh [instances]   (default: 200)
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/select-jdk.sh
vastmesh_select_jdk
instances=${1:-200}
duration=${DURATION:-15s}
port=3910
key=bench-vast-key
./mvnw -B -q -pl vast-simulator -am package -DskipTests -Denforcer.skip
. scripts/bench/common.sh

# A catalogue with room for every instance: 20 offers of 4 GPU types, 50 machines each.
python3 - "$bench_work/offers.json" <<'PY'
import json, sys
gpus = [("RTX 4090", 0.35, 0.17), ("RTX 3090", 0.18, 0.08), ("A100 SXM4", 1.10, 0.55), ("H100 SXM", 2.20, 1.20)]
offers = []
for i in range(20):
    name, price, bid = gpus[i % 4]
    offers.append({"id": 100 + i, "machine_id": 5000 + i, "gpu_name": name, "num_gpus": 1 + i % 2, "disk_space": 500,
                   "dph_base": round(price * (1 + i / 50), 3), "min_bid": bid, "storage_cost": 0.15,
                   "reliability": 0.95 + i / 500, "reliability2": 0.95 + i / 500, "geolocation": "Texas, US",
                   "verified": True, "external": False, "rentable": True, "rented": False, "score": 100 + i, "count": 50})
json.dump({"offers": offers}, open(sys.argv[1], "w"))
PY

"$JAVA_HOME/bin/java" -Xmx512m ${JAVA_OPTS:-} -jar vast-simulator/target/vast-simulator.jar --server.port=$port \
  --vastmesh.simulator.accounts[0].key=$key --vastmesh.simulator.catalogue="file:$bench_work/offers.json" \
  --vastmesh.simulator.default-command='exec sleep 2147483647' --vastmesh.simulator.work-dir="$bench_work/instances" \
  --vastmesh.simulator.admin.tokens[0].name=bench --vastmesh.simulator.admin.tokens[0].value=bench-admin \
  --vastmesh.simulator.admin.tokens[0].scopes=admin --vastmesh.simulator.lifecycle.step-delay=100ms \
  --logging.level.root=WARN >"$bench_work/simulator.log" 2>&1 &
pid=$!
bench_pids+=($pid)
for _ in $(seq 1 240); do curl -sf localhost:$port/actuator/health >/dev/null && break; sleep 0.5; done

for i in $(seq 0 $((instances - 1))); do
  curl -sf -X PUT -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
    -d "{\"image\":\"vastmesh/stand-in\",\"disk\":16,\"label\":\"bench-$i\",\"env\":{}}" \
    "localhost:$port/api/v0/asks/$((100 + i % 20))/" >/dev/null
done
for _ in $(seq 1 120); do
  running=$(curl -sf -H "Authorization: Bearer bench-admin" localhost:$port/admin/v1/status | python3 -c 'import json,sys; print(json.load(sys.stdin)["processes"])')
  [ "$running" -ge "$instances" ] && break
  sleep 0.5
done
echo "== $running of $instances instances running, each a process (simulator pid $pid)"

list="/api/v1/instances/?limit=25"
search_body='{"verified":{"eq":true},"external":{"eq":false},"rentable":{"eq":true},"gpu_name":{"eq":"RTX 4090"},"reliability":{"gt":"0.95"},"num_gpus":{"gte":"1"},"order":[["dph_total","asc"]],"type":"on-demand","allocated_storage":5.0}'
# Warm-up: the same load first; cold figures say nothing about a running simulator.
TOKEN=$key PATH_Q="$list" wrk -t1 -c8 -d10s -s scripts/bench/get.lua http://127.0.0.1:$port >/dev/null
TOKEN=$key PATH_Q=/api/v0/bundles/ BODY="$search_body" wrk -t1 -c8 -d10s -s scripts/bench/post_json.lua http://127.0.0.1:$port >/dev/null
echo "-- baseline: GET /actuator/health"
TOKEN=$key PATH_Q=/actuator/health wrk -t1 -c8 -d$duration --latency -s scripts/bench/get.lua http://127.0.0.1:$port | grep -E "Requests/sec|50%|99%"
echo "-- list: first page of 25 of $instances instances (GET /api/v1/instances/)"
TOKEN=$key PATH_Q="$list" wrk -t1 -c8 -d$duration --latency -s scripts/bench/get.lua http://127.0.0.1:$port | grep -E "Requests/sec|50%|99%"
echo "-- search: the CLI's default query, RTX 4090, ordered by price (POST /api/v0/bundles/)"
TOKEN=$key PATH_Q=/api/v0/bundles/ BODY="$search_body" wrk -t1 -c8 -d$duration --latency -s scripts/bench/post_json.lua http://127.0.0.1:$port | grep -E "Requests/sec|50%|99%"

kill $pid
for _ in $(seq 1 40); do kill -0 $pid 2>/dev/null || break; sleep 0.5; done
left=$(pgrep -f "sleep 2147483647" | wc -l || true)
echo "== after shutdown: $left stand-in processes left"
