#!/usr/bin/env bash
# Builds every image of deploy/images/, starts docker-compose.yml with podman-compose and checks the
# stack for real: every service healthy, the worker installed by onstart.sh inside its container,
# registered through one registry replica and discovered by Prometheus through the other, its
# ready event and a signed CI webhook delivered by the router to the demo agent, and the compose
# file itself clean (`docker-compose config`, and podman-compose reading it).
#
# Needs: root, podman, podman-compose, runc, debootstrap and docker-compose (only to validate the
# file: apt-get install -y podman podman-compose runc debootstrap docker-compose), the Maven build (`./mvnw -Pworker-bundle package -DskipTests`: built here
# when a jar or the bundle is missing). No registry is needed: the base image is made locally with
# debootstrap and a jlink'ed runtime (deploy/test/base-image.sh), once, and reused.
#
# With Docker instead (a laptop, a CI runner with a registry), the same files work on the public
# base images:  deploy/compose/make-secrets.sh && docker compose up -d --build
#
#   KEEP=1 deploy/test/compose-test.sh     leaves the stack running (podman-compose -p vastmesh-test down)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$PWD
project=${COMPOSE_PROJECT:-vastmesh-test}
started=$(date +%s)
TEST=compose-test
. deploy/test/lib.sh

if ! command -v podman >/dev/null 2>&1 || ! command -v podman-compose >/dev/null 2>&1; then
  die "podman and podman-compose are required and missing here (apt-get install -y podman podman-compose runc debootstrap docker-compose).
To run the stack with Docker instead: deploy/compose/make-secrets.sh && docker compose up -d --build"
fi
export CONTAINERS_CONF=${CONTAINERS_CONF:-$repo/deploy/test/containers.conf}
# HEALTHCHECK is a Docker image-format instruction; podman's default OCI format drops it.
export BUILDAH_FORMAT=docker
. .mvn/select-jdk.sh
vastmesh_select_jdk

jars=(registry-service/target/registry-service.jar webhook-gateway/target/webhook-gateway.jar event-router/target/event-router.jar
  examples/demo-agent/target/demo-agent.jar examples/embeddings-model-server/target/embeddings-model-server.jar
  deploy/worker-bundle/target/gpu-worker-bundle-linux-x86_64.tar.gz)
for jar in "${jars[@]}"; do
  if [ ! -f "$jar" ]; then
    log "$jar missing: building the jars and the worker bundle"
    ./mvnw -B -q -Pworker-bundle -pl registry-service,webhook-gateway,event-router,examples/demo-agent,examples/embeddings-model-server,deploy/worker-bundle \
      -am package -DskipTests -Denforcer.skip
    break
  fi
done

base=localhost/vastmesh-base:bookworm
deploy/test/base-image.sh "$base"
for stand_in in redis prometheus; do
  if ! podman image exists "localhost/vastmesh-test-$stand_in:local"; then
    log "building the $stand_in stand-in image (once)"
    podman build -q --network host --build-arg BASE_IMAGE="$base" -f "deploy/test/$stand_in.Containerfile" \
      -t "localhost/vastmesh-test-$stand_in:local" deploy/test >/dev/null
  fi
done

deploy/compose/make-secrets.sh
. deploy/compose/secrets/credentials.env
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
export BASE_IMAGE=$base REDIS_IMAGE=localhost/vastmesh-test-redis:local PROMETHEUS_IMAGE=localhost/vastmesh-test-prometheus:local
export GATEWAY_HOST_PORT=$(free_port) AGENT_HOST_PORT=$(free_port) WORKER_HOST_PORT=$(free_port) PROMETHEUS_HOST_PORT=$(free_port)

# The file itself: podman-compose 1.0.3 (Debian 12) has no `config` command, so it reads the file
# in a dry run; Debian's docker-compose 1.29 validates it without an engine.
log "checking docker-compose.yml"
dry=$(podman-compose -p "$project" --dry-run up -d 2>&1) || die "podman-compose cannot read docker-compose.yml: $dry"
grep -qiE "traceback|warning|invalid" <<<"$dry" && die "podman-compose reads docker-compose.yml with complaints: $(grep -iE 'traceback|warning|invalid' <<<"$dry")"
if podman-compose --help 2>&1 | grep -qw config; then
  podman-compose -p "$project" config >/dev/null || die "podman-compose config failed"
  log "podman-compose config clean"
fi
if command -v docker-compose >/dev/null 2>&1; then
  out=$(docker-compose -p "$project" config -q 2>&1) || die "docker-compose config failed: $out"
  [ -z "$out" ] || die "docker-compose config is not clean: $out"
  log "docker-compose config clean"
else
  die "docker-compose is missing: it validates the compose file (apt-get install -y docker-compose; no engine needed)"
fi

for image in registry:vastmesh/registry-service gateway:vastmesh/webhook-gateway router:vastmesh/event-router \
    demo-agent:vastmesh/demo-agent worker-demo:vastmesh/worker-demo gpu-worker:vastmesh/gpu-worker; do
  file=${image%%:*} name=${image#*:}
  log "building $name:local"
  podman build -q --build-arg BASE_IMAGE="$base" -f "deploy/images/$file.Containerfile" -t "$name:local" . >/dev/null \
    || die "building $name failed"
  [ "$(podman image inspect --format '{{.Config.User}}' "$name:local")" = 10001:10001 ] || die "$name does not run as a non-root user"
  podman image inspect --format '{{.Config.Healthcheck.Test}}' "$name:local" | grep -q healthcheck || die "$name has no HEALTHCHECK"
done

dump() {
  for c in $(podman ps -a --filter "label=io.podman.compose.project=$project" --format '{{.Names}}'); do
    echo "----- $c: $(podman inspect --format '{{.State.Status}}' "$c")"
    podman logs --tail 30 "$c" 2>&1 | sed "s/^/  /"
  done
  podman exec "${project}_worker_1" sh -c 'tail -20 /var/lib/vastmesh/onstart.log /var/lib/vastmesh/worker.log' 2>/dev/null | sed 's/^/  /' || true
}
down() {
  if [ "${KEEP:-0}" = 1 ]; then log "KEEP=1: the stack stays up (podman-compose -p $project down -v)"; return; fi
  podman-compose -p "$project" down -v >/dev/null 2>&1 || true
}
trap 'status=$?; [ $status -ne 0 ] && dump; down; exit $status' EXIT

log "starting the stack"
podman-compose -p "$project" down -v >/dev/null 2>&1 || true
podman-compose -p "$project" up -d >"$repo/deploy/test/compose-up.log" 2>&1 || die "podman-compose up failed: see deploy/test/compose-up.log"

in_worker() { podman exec "${project}_worker_1" "$@"; }

until_ok "redis answers" 60 podman exec "${project}_redis_1" redis-cli ping
for service in registry-a registry-b gateway router demo-agent worker; do
  until_ok "$service healthy" 420 podman healthcheck run "${project}_${service}_1"
done
until_ok "prometheus ready" 60 curl -sf "http://127.0.0.1:$PROMETHEUS_HOST_PORT/-/ready"

registered() {
  in_worker curl -sf -H "Authorization: Bearer $REGISTRY_ADMIN_TOKEN" http://registry-b:3005/api/v1/vastai/registry/1001 \
    | grep -q '"status":"ready"'
}
until_ok "worker registered (through registry-a, read from registry-b)" 180 registered
in_worker grep -q "SHA-256 verified" /var/lib/vastmesh/onstart.log || die "onstart.sh did not verify the bundle"

discovered() {
  local t
  t=$(curl -sf "http://127.0.0.1:$PROMETHEUS_HOST_PORT/api/v1/targets") || return 1
  grep -q '"scrapeUrl":"http://worker:3000/actuator/prometheus"' <<<"$t" && [ "$(grep -o '"health":"up"' <<<"$t" | wc -l)" -ge 5 ]
}
until_ok "prometheus discovered the worker and scrapes all five targets" 120 discovered

# A signed CI event through the gateway, as a CI job sends it (Standard Webhooks).
id=$(cat /proc/sys/kernel/random/uuid); ts=$(date +%s)
body='{"specversion":"1.0","id":"'$id'","source":"/ci/compose-test","type":"vastai.deployment.started","time":"'$(date -u +%Y-%m-%dT%H:%M:%SZ)'","datacontenttype":"application/json","data":{"deployment_id":"compose-test","requested_instances":1}}'
key=$(printf '%s' "${CI_SOURCE_SECRET#whsec_}" | base64 -d | od -An -v -tx1 | tr -d ' \n')
sig=$(printf '%s' "$id.$ts.$body" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key" -binary | base64)
code=$(curl -s -o /dev/null -w '%{http_code}' -H "webhook-id: $id" -H "webhook-timestamp: $ts" -H "webhook-signature: v1,$sig" \
  -H 'Content-Type: application/cloudevents+json' --data "$body" "http://127.0.0.1:$GATEWAY_HOST_PORT/api/v1/webhooks/ci")
[ "$code" = 202 ] || [ "$code" = 200 ] || die "the gateway answered $code to a signed webhook"
bad=$(curl -s -o /dev/null -w '%{http_code}' -H "webhook-id: x$id" -H "webhook-timestamp: $ts" -H "webhook-signature: v1,$sig" \
  -H 'Content-Type: application/cloudevents+json' --data "$body" "http://127.0.0.1:$GATEWAY_HOST_PORT/api/v1/webhooks/ci")
[ "$bad" = 401 ] || die "the gateway answered $bad, not 401, to a wrongly signed webhook"
received() { curl -sf "http://127.0.0.1:$AGENT_HOST_PORT/received" | grep -q "$1"; }
until_ok "signed webhook delivered to the agent" 60 received "$id"
until_ok "the worker's vastai.instance.ready delivered to the agent" 60 received vastai.instance.ready

# Through the worker to the model server, with the worker's token.
in_worker curl -sf -H "Authorization: Bearer $WORKER_TOKEN" -H 'Content-Type: application/json' -d '{"input":["hello"]}' \
  http://127.0.0.1:3000/v1/embeddings | grep -q '"embedding"' || die "no embeddings through the worker"
log "embeddings through the worker"

log "PASSED in $(( $(date +%s) - started ))s"
