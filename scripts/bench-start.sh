#!/usr/bin/env bash
# Start-up benchmark: seconds from `java` to a 200 on /actuator/health/readiness for one service,
# started as built (java -jar app.jar) and as the launcher starts it (extracted, with the cache a
# training run recorded: AOT cache on JDK 25+, CDS archive on 21-24), in alternating rounds.
# Usage: [ROUNDS=3] scripts/bench-start.sh [registry-service|webhook-gateway|event-router|gpu-worker]
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/select-jdk.sh
vastmesh_select_jdk
module=${1:-registry-service}
rounds=${ROUNDS:-3}
./mvnw -B -q -pl "$module" -am package -DskipTests -Denforcer.skip
java="$JAVA_HOME/bin/java"
feature=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
jvm=(-XX:+UseSerialGC -Xms32m -Xmx512m)
args=(--vastmesh.registry.security.tokens[0].name=bench --vastmesh.registry.security.tokens[0].value=bench-token-0123456789
  --vastmesh.registry.security.tokens[0].scopes=admin --vastmesh.worker.vast.unsecured=true --logging.level.root=WARN)

"$java" -Djarmode=tools -jar "$module/target/$module.jar" extract --destination "$work/app" >/dev/null
if [ "$feature" -ge 25 ]; then
  record=(-XX:AOTCacheOutput="$work/app.aot"); use=(-XX:AOTCache="$work/app.aot" -Xlog:aot=off,cds=off)
else
  record=(-XX:ArchiveClassesAtExit="$work/app.jsa"); use=(-XX:SharedArchiveFile="$work/app.jsa" -Xlog:cds=off)
fi
"$java" "${jvm[@]}" "${record[@]}" -Dspring.context.exit=onRefresh -jar "$work/app/$module.jar" "${args[@]}" >"$work/training.log" 2>&1

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
ready_seconds() { # java options... -- (the jar and arguments follow the options)
  local port; port=$(free_port)
  local start; start=$(date +%s.%N)
  "$java" "${jvm[@]}" "$@" "${args[@]}" --server.port="$port" >"$work/run.log" 2>&1 &
  local pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness"; do
    kill -0 $pid 2>/dev/null || { echo "the service died; its log:" >&2; tail -20 "$work/run.log" >&2; exit 1; }
    sleep 0.05
  done
  local end; end=$(date +%s.%N)
  kill $pid; wait $pid 2>/dev/null || true
  echo "$end - $start" | bc
}

echo "module=$module jdk=$feature rounds=$rounds load=$(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-6s %12s %12s %7s\n' round "as built s" "cached s" ratio
for round in $(seq 1 "$rounds"); do
  plain=$(ready_seconds -jar "$module/target/$module.jar")
  cached=$(ready_seconds "${use[@]}" -jar "$work/app/$module.jar")
  printf '%-6s %12.2f %12.2f %7.2f\n' "$round" "$plain" "$cached" "$(echo "$cached / $plain" | bc -l)"
done
