#!/usr/bin/env bash
# Writes the compose stack's credentials under deploy/compose/secrets/ (each file only when
# missing: run it again and the stack keeps its tokens) and .env with the worker bundle's SHA-256.
# Random: 32 bytes from /dev/urandom per token, Standard Webhooks secrets as whsec_<base64>.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=deploy/compose/secrets
mkdir -p "$dir"
chmod 700 "$dir"
umask 077

token() { printf '%s_%s' "$1" "$(head -c 32 /dev/urandom | od -An -v -tx1 | tr -d ' \n')"; }
whsec() { printf 'whsec_%s' "$(head -c 24 /dev/urandom | base64)"; }
value() { sed -n "s/^$1=//p" "$dir/credentials.env"; }

if [ ! -f "$dir/credentials.env" ]; then
  {
    echo "REGISTRY_ADMIN_TOKEN=$(token vmadmin)"
    echo "REGISTRY_REGISTER_TOKEN=$(token vmreg)"
    echo "REGISTRY_READ_TOKEN=$(token vmread)"
    echo "ROUTER_TOKEN=$(token vmrouter)"
    echo "WORKER_TOKEN=$(token vmworker)"
    echo "WORKERS_SOURCE_SECRET=$(whsec)"
    echo "CI_SOURCE_SECRET=$(whsec)"
    echo "CLUSTER_OPERATOR_SECRET=$(whsec)"
    echo "COST_MONITOR_SECRET=$(whsec)"
  } > "$dir/credentials.env"
fi

cat > "$dir/registry.yml" <<YAML
vastmesh.registry.security.tokens:
  - { name: ops, value: "$(value REGISTRY_ADMIN_TOKEN)", scopes: [admin] }
  - { name: workers, value: "$(value REGISTRY_REGISTER_TOKEN)", scopes: [register] }
  - { name: prometheus, value: "$(value REGISTRY_READ_TOKEN)", scopes: [read] }
YAML
cat > "$dir/gateway.yml" <<YAML
vastmesh.gateway:
  sources:
    workers: { scheme: standard_webhooks, secrets: ["$(value WORKERS_SOURCE_SECRET)"] }
    ci: { scheme: standard_webhooks, secrets: ["$(value CI_SOURCE_SECRET)"] }
  router: { url: "http://router:3006", token: "$(value ROUTER_TOKEN)" }
YAML
cat > "$dir/router.yml" <<YAML
vastmesh.router:
  tokens:
    - { name: control-plane, value: "$(value ROUTER_TOKEN)", scopes: [ingest, admin] }
  agents:
    cluster-operator: { url: "http://demo-agent:4001/agents/cluster-operator/events", secret: "$(value CLUSTER_OPERATOR_SECRET)" }
    cost-intelligence-monitor: { url: "http://demo-agent:4001/agents/cost-intelligence-monitor/events", secret: "$(value COST_MONITOR_SECRET)" }
YAML
printf 'cluster-operator=%s\ncost-intelligence-monitor=%s\n' "$(value CLUSTER_OPERATOR_SECRET)" "$(value COST_MONITOR_SECRET)" > "$dir/agents"
# The worker gets a token that can only register (then its own instance token), never more.
printf 'VASTMESH_WORKER_REGISTRY_TOKEN=%s\nVASTMESH_WORKER_EVENTS_SECRET=%s\nWORKER_TOKEN=%s\n' \
  "$(value REGISTRY_REGISTER_TOKEN)" "$(value WORKERS_SOURCE_SECRET)" "$(value WORKER_TOKEN)" > "$dir/worker.env"
printf '%s' "$(value REGISTRY_READ_TOKEN)" > "$dir/registry-read-token"
# Read by the containers' non-root users (the directory itself stays closed to other users).
chmod 644 "$dir"/*.yml "$dir"/worker.env "$dir/agents" "$dir/registry-read-token"
chmod 600 "$dir/credentials.env"

bundle=deploy/worker-bundle/target/gpu-worker-bundle-linux-x86_64.tar.gz.sha256
if [ -f "$bundle" ]; then
  umask 022
  echo "WORKER_BUNDLE_SHA256=$(cut -d' ' -f1 "$bundle")" > .env
  echo "make-secrets: secrets in $dir, WORKER_BUNDLE_SHA256 in .env"
else
  echo "make-secrets: secrets in $dir; no worker bundle yet (./mvnw -Pworker-bundle package -DskipTests), so no .env" >&2
fi
