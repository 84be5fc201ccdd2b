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

start_simulated_fleet $port $key "$instances"
pid=$sim_pid

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
