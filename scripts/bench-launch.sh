#!/usr/bin/env bash
# Launcher benchmark: seconds from running the launcher to "up", as a user sees it —
#   all       ./vastmesh all (at a free port offset) until its banner ("vastmesh is running"), then stopped;
#   registry  ./vastmesh registry (on a free port) until a 200 on /actuator/health/readiness.
# Each round times a cold start (the jars up to date, the start-up caches removed: the first run
# after a build, which records them) and then a warm one (caches present). The build itself is
# not timed: the script builds first, so both starts skip it.
# Usage: [ROUNDS=2] scripts/bench-launch.sh [all|registry]
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-all}
rounds=${ROUNDS:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

free() { python3 -c 'import socket,sys; s=socket.socket(); s.bind(("127.0.0.1", int(sys.argv[1]))); s.close()' "$1" 2>/dev/null; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
free_offset() { # every port of the embedded topology (3000, 3001, 3005, 3006, 4001, 8000 + offset) free now
  while true; do
    local offset=$((1000 + RANDOM % 20000)) ok=1
    for base in 3000 3001 3005 3006 4001 8000; do free $((base + offset)) || ok=0; done
    [ $ok = 1 ] && { echo "$offset"; return; }
  done
}
now() { date +%s.%N; }

# The build, once and untimed: afterwards ./vastmesh finds every jar up to date.
. .mvn/select-jdk.sh
vastmesh_select_jdk
if [ "$target" = all ]; then
  ./mvnw -B -q package -DskipTests -Denforcer.skip
  caches=(*/target/fast-start examples/*/target/fast-start)
else
  ./mvnw -B -q -pl registry-service -am package -DskipTests -Denforcer.skip
  caches=(registry-service/target/fast-start/registry-service-alone)
fi

# Runs a launcher command in a session of its own until `up` holds, then stops the whole session
# with `signal` (TERM: a background job ignores SIGINT, and the JVM then keeps ignoring it; the
# launcher stops on TERM as on Ctrl-C); prints the seconds from the start to `up`.
timed() { # signal up command...
  local signal=$1 up=$2
  shift 2
  local begin; begin=$(now)
  setsid "$@" >"$work/run.log" 2>&1 &
  local pid=$!
  until "$up"; do
    kill -0 $pid 2>/dev/null || { echo "the launcher died; its output:" >&2; tail -30 "$work/run.log" >&2; exit 1; }
    sleep 0.05
  done
  local end; end=$(now)
  kill -"$signal" -- -$pid; wait $pid 2>/dev/null || true
  echo "$end - $begin" | bc
}

banner_shown() { grep -qs "vastmesh is running" "$work/run.log"; }
registry_ready() { curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; }

start_all() { timed TERM banner_shown ./vastmesh all --port-offset="$(free_offset)"; }
start_registry() { port=$(free_port); timed TERM registry_ready ./vastmesh registry --server.port="$port"; }

echo "target=$target jdk=$("$JAVA_HOME/bin/java" -version 2>&1 | head -1) rounds=$rounds load=$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %10s %10s %s\n' round "cold s" "warm s" "load (1, 5, 15 min)"
for round in $(seq 1 "$rounds"); do
  rm -rf "${caches[@]}"
  cold=$("start_$target")
  warm=$("start_$target")
  printf '%-6s %10.1f %10.1f %s\n' "$round" "$cold" "$warm" "$(cut -d' ' -f1-3 /proc/loadavg)"
done
