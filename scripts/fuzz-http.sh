#!/usr/bin/env bash
# The long HTTP fuzz run against one service started from its jar: REQUESTS mutated requests
# (default 1,000,000) from test-support's fuzzer, then the count of ERROR lines in the
# service's log. The build's fuzz tests run 10,000 per service; this is the run beyond them.
# Usage: [REQUESTS=n] [SEED=n] [CONNECTIONS=n] scripts/fuzz-http.sh registry|gateway|router
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/select-jdk.sh
vastmesh_select_jdk
service=${1:?usage: scripts/fuzz-http.sh registry|gateway|router}
requests=${REQUESTS:-1000000}
port=${PORT:-3955}
token=fuzz-admin-token
case "$service" in
  registry) module=registry-service
    args=(--vastmesh.registry.security.tokens[0].name=fuzz --vastmesh.registry.security.tokens[0].value=$token
          --vastmesh.registry.security.tokens[0].scopes=admin --vastmesh.registry.watch.max-wait=1s)
    paths=(/api/v1/vastai/registry /api/v1/vastai/registry/register /api/v1/vastai/registry/{id}
           /api/v1/vastai/registry/{id}/heartbeat /api/v1/vastai/registry/prometheus-sd) ;;
  gateway) module=webhook-gateway
    args=(--vastmesh.gateway.router.url=http://127.0.0.1:9 --vastmesh.gateway.sources.ci.scheme=standard_webhooks
          --vastmesh.gateway.sources.ci.secrets[0]=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw)
    paths=(/api/v1/webhooks/ci /api/v1/webhooks/{source}) ;;
  router) module=event-router
    args=(--vastmesh.router.tokens[0].name=fuzz --vastmesh.router.tokens[0].value=$token
          --vastmesh.router.tokens[0].scopes=ingest,admin
          --vastmesh.router.agents.cluster-operator.url=http://127.0.0.1:9/events
          --vastmesh.router.agents.cost-intelligence-monitor.url=http://127.0.0.1:9/events)
    paths=(/api/v1/events /api/v1/routes /api/v1/dead-letters /api/v1/dead-letters/{id}/replay) ;;
  *) echo "unknown service: $service" >&2; exit 2 ;;
esac
./mvnw -B -q -pl "$module",test-support -am package -DskipTests -Denforcer.skip
./mvnw -B -q -pl test-support dependency:build-classpath -Dmdep.outputFile=target/fuzz.classpath >/dev/null
log=/tmp/vastmesh-fuzz-$service.log
"$JAVA_HOME/bin/java" -Xmx512m -jar "$module/target/$module.jar" --server.port=$port "${args[@]}" \
  --logging.level.root=ERROR >"$log" 2>&1 &
pid=$!
trap "kill $pid 2>/dev/null" EXIT
for _ in $(seq 1 240); do curl -sf localhost:$port/actuator/health/readiness >/dev/null && break; sleep 0.5; done
set +e
FUZZ_TOKEN=$token "$JAVA_HOME/bin/java" -cp "test-support/target/classes:$(cat test-support/target/fuzz.classpath)" \
  dev.vastmesh.testsupport.fuzz.HttpFuzzMain $port "$requests" "${SEED:--}" "${CONNECTIONS:-8}" "${paths[@]}" | tail -n 25
status=${PIPESTATUS[0]}
echo "ERROR lines in the $service log: $(grep -c ' ERROR ' "$log")"
exit $status
