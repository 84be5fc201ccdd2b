#!/usr/bin/env bash
# deploy/k8s for real without a cluster: renders both overlays with kustomize, runs the local one
# with `podman kube play` until every pod's container answers its readiness probe and an instance
# registers through the registry pod, and checks what podman cannot run (Services,
# PodDisruptionBudgets, the links between objects) with k8s_structure.py on the production one.
#
# Needs root, podman (configured as for compose-test.sh), kubectl (for `kubectl kustomize`; or
# kustomize), python3 with PyYAML and jsonschema, the Redis on 127.0.0.1:6379 (keys under
# vastmesh-k8s-test:, removed afterwards), and the images compose-test.sh builds (built by it when
# missing).   KEEP=1 leaves the pods running.
set -euo pipefail
cd "$(dirname "$0")/../.."
TEST=k8s-test
. deploy/test/lib.sh
command -v podman >/dev/null 2>&1 || die "podman is missing (apt-get install -y podman runc)"
if command -v kubectl >/dev/null 2>&1; then render() { kubectl kustomize "$1"; }
elif command -v kustomize >/dev/null 2>&1; then render() { kustomize build "$1"; }
else die "neither kubectl nor kustomize is installed"; fi
export CONTAINERS_CONF=${CONTAINERS_CONF:-$PWD/deploy/test/containers.conf}
started=$(date +%s)

for image in registry-service webhook-gateway event-router; do
  podman image exists "localhost/vastmesh/$image:local" || die "localhost/vastmesh/$image:local is missing: run deploy/test/compose-test.sh first"
done

work=$(mktemp -d)
cp -r deploy/k8s "$work/k8s"
deploy/compose/make-secrets.sh >/dev/null
. deploy/compose/secrets/credentials.env
for overlay in local production; do
  mkdir -p "$work/k8s/overlays/$overlay/secrets"
  cp deploy/compose/secrets/{registry,gateway,router}.yml "$work/k8s/overlays/$overlay/secrets/"
done
# podman's pods share the host network: the gateway reaches the router pod on its local port.
sed -i 's|http://router:3006|http://127.0.0.1:23006|' "$work/k8s/overlays/local/secrets/gateway.yml"
render "$work/k8s/overlays/production" > "$work/production.yaml"
render "$work/k8s/overlays/local" > "$work/local.yaml"
log "rendered both overlays"

python3 deploy/test/k8s_structure.py "$work/production.yaml"
sed 's/targetPort: http/targetPort: htp/' "$work/production.yaml" > "$work/broken.yaml"
if python3 deploy/test/k8s_structure.py "$work/broken.yaml" 2>"$work/broken.out"; then
  die "a Service whose targetPort names no container port passed the structural check"
fi
grep -q "targetPort htp is no container port" "$work/broken.out" || die "the broken manifest failed for another reason: $(cat "$work/broken.out")"
log "a broken manifest is refused: $(cat "$work/broken.out")"

# podman runs the Deployments and ConfigMaps; it cannot run Services and PDBs (checked above), and
# podman 4.3 cannot mount a Secret defined in the file (it panics): those become ConfigMaps here,
# with the same content at the same path. On the host network podman refuses container ports
# (it would map them): they go, and the probes name the port by number.
python3 - "$work/local.yaml" "$work/playable.yaml" <<'PY'
import base64, sys, yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d and d["kind"] in ("Deployment", "ConfigMap", "Secret")]
for d in docs:
    if d["kind"] == "Secret":
        d.update(apiVersion="v1", kind="ConfigMap", data={k: base64.b64decode(v).decode() for k, v in d.pop("data", {}).items()})
        d.pop("type", None)
    pod = d.get("spec", {}).get("template", {}).get("spec", {})
    for v in pod.get("volumes", []):
        if "secret" in v:
            v["configMap"] = {"name": v.pop("secret")["secretName"]}
    for c in pod.get("containers", []):
        ports = {p["name"]: p["containerPort"] for p in c.pop("ports", [])}
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            get = c.get(probe, {}).get("httpGet")
            if get and get["port"] in ports:
                get["port"] = ports[get["port"]]
yaml.safe_dump_all(docs, open(sys.argv[2], "w"), sort_keys=False)
PY

cleanup() {
  status=$?
  if [ $status -ne 0 ]; then
    for c in $(podman ps -a --filter label=io.kubernetes.cri-o.ContainerType --format '{{.Names}}' 2>/dev/null) \
        $(podman ps -a --format '{{.Names}}' | grep -E '^(registry|gateway|router)-pod'); do
      echo "----- $c"; podman logs --tail 30 "$c" 2>&1 | sed 's/^/  /'
    done
  fi
  if [ "${KEEP:-0}" != 1 ]; then
    podman kube down "$work/playable.yaml" >/dev/null 2>&1 || true
    redis-cli -h 127.0.0.1 --scan --pattern 'vastmesh-k8s-test:*' | xargs -r redis-cli -h 127.0.0.1 del >/dev/null 2>&1 || true
    rm -rf "$work"
  fi
  exit $status
}
trap cleanup EXIT
podman kube down "$work/playable.yaml" >/dev/null 2>&1 || true
podman kube play "$work/playable.yaml" > "$work/play.log" 2>&1 || die "podman kube play failed: $(cat "$work/play.log")"
log "podman kube play started $(grep -c '^kind: Deployment' "$work/playable.yaml") Deployments"

for service in registry:23005 gateway:23001 router:23006; do
  until_ok "${service%%:*} ready" 420 curl -sf "http://127.0.0.1:${service#*:}/actuator/health/readiness"
done
register() {
  curl -sf -H "Authorization: Bearer $REGISTRY_REGISTER_TOKEN" -H 'Content-Type: application/json' \
    -d '{"instance_id":7001,"status":"ready","worker_url":"http://10.0.0.7:3000","ttl_seconds":60}' \
    http://127.0.0.1:23005/api/v1/vastai/registry/register
}
register >/dev/null || die "registering through the registry pod failed"
curl -sf -H "Authorization: Bearer $REGISTRY_ADMIN_TOKEN" http://127.0.0.1:23005/api/v1/vastai/registry/7001 | grep -q '"status":"ready"' \
  || die "the registered instance is not listed"
log "an instance registered through the registry pod, its state in Redis"
[ "$(podman inspect --format '{{.Config.User}}' "$(podman ps --format '{{.Names}}' | grep '^registry-pod' | grep -v infra | head -1)")" = 10001:10001 ] \
  || die "the registry pod's container does not run as uid 10001"
log "PASSED in $(( $(date +%s) - started ))s"
