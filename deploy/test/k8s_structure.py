#!/usr/bin/env python3
"""Structural check of rendered Kubernetes manifests: what `podman kube play` cannot run
(Services, PodDisruptionBudgets) and the links between objects, which no single object shows.

Each kind is checked against the fields it has in the Kubernetes API (v1.32 reference: apiVersion,
required fields, types, enums; unknown fields refused), then across objects: every Service and
PDB selects the pods of a Deployment, a Service's targetPort names a container port, the probes use
a declared port, the scrape annotations name the container's port and the actuator path, every
container has CPU and memory requests and a memory limit, every referenced Secret or ConfigMap is
in the output.   k8s_structure.py RENDERED.yaml
"""
import sys

import jsonschema
import yaml

STR = {"type": "string"}
INT = {"type": "integer"}
LABELS = {"type": "object", "additionalProperties": STR}
PORT = {"oneOf": [{"type": "integer", "minimum": 1, "maximum": 65535}, {"type": "string", "pattern": "^[a-z0-9-]{1,15}$"}]}
SELECTOR = {"type": "object", "additionalProperties": False, "required": ["matchLabels"],
            "properties": {"matchLabels": LABELS, "matchExpressions": {"type": "array"}}}
METADATA = {"type": "object", "required": ["name"], "additionalProperties": False,
            "properties": {"name": {"type": "string", "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "maxLength": 63},
                           "namespace": STR, "labels": LABELS, "annotations": LABELS}}


def kind(api, name, spec, required=("spec",), extra=None):
    props = {"apiVersion": {"const": api}, "kind": {"const": name}, "metadata": METADATA, "spec": spec}
    props.update(extra or {})
    return {"type": "object", "required": ["apiVersion", "kind", "metadata", *required], "additionalProperties": False,
            "properties": props}


SCHEMAS = {
    "Service": kind("v1", "Service", {
        "type": "object", "additionalProperties": False, "required": ["ports"],
        "properties": {
            "type": {"enum": ["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"]},
            "selector": LABELS,
            "ports": {"type": "array", "minItems": 1, "items": {
                "type": "object", "additionalProperties": False, "required": ["port"],
                "properties": {"name": STR, "port": {"type": "integer", "minimum": 1, "maximum": 65535},
                               "targetPort": PORT, "protocol": {"enum": ["TCP", "UDP", "SCTP"]},
                               "appProtocol": STR, "nodePort": INT}}}}}),
    "PodDisruptionBudget": kind("policy/v1", "PodDisruptionBudget", {
        "type": "object", "additionalProperties": False, "required": ["selector"],
        "oneOf": [{"required": ["minAvailable"]}, {"required": ["maxUnavailable"]}],
        "properties": {"minAvailable": PORT, "maxUnavailable": PORT, "selector": SELECTOR,
                       "unhealthyPodEvictionPolicy": {"enum": ["IfHealthyBudget", "AlwaysAllow"]}}}),
    "Secret": kind("v1", "Secret", None, required=(), extra={
        "type": STR, "data": LABELS, "stringData": LABELS, "immutable": {"type": "boolean"}}),
    "ConfigMap": kind("v1", "ConfigMap", None, required=(), extra={"data": LABELS, "immutable": {"type": "boolean"}}),
    "Deployment": kind("apps/v1", "Deployment", {
        "type": "object", "required": ["selector", "template"],
        "properties": {"replicas": {"type": "integer", "minimum": 0}, "selector": SELECTOR,
                       "strategy": {"type": "object"}, "template": {"type": "object", "required": ["metadata", "spec"]}}}),
}
for k in ("Secret", "ConfigMap"):
    del SCHEMAS[k]["properties"]["spec"]


def fail(message):
    print("k8s-structure: " + message, file=sys.stderr)
    sys.exit(1)


def selects(selector, labels):
    return selector and all(labels.get(k) == v for k, v in selector.items())


def main(path):
    with open(path) as f:
        docs = [d for d in yaml.safe_load_all(f) if d]
    names = {(d["kind"], d["metadata"]["name"]) for d in docs}
    deployments = [d for d in docs if d["kind"] == "Deployment"]
    for doc in docs:
        schema = SCHEMAS.get(doc["kind"])
        if schema is None:
            fail(f"unexpected kind {doc['kind']}")
        try:
            jsonschema.validate(doc, schema)
        except jsonschema.ValidationError as e:
            fail(f"{doc['kind']}/{doc['metadata']['name']}: {e.message} at {'/'.join(map(str, e.absolute_path))}")
    for d in deployments:
        name = d["metadata"]["name"]
        pod = d["spec"]["template"]
        if not selects(d["spec"]["selector"]["matchLabels"], pod["metadata"].get("labels", {})):
            fail(f"Deployment/{name}: its selector does not select its own pods")
        annotations = pod["metadata"].get("annotations", {})
        for c in pod["spec"]["containers"]:
            ports = {p["name"]: p["containerPort"] for p in c.get("ports", [])}
            for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
                get = c.get(probe, {}).get("httpGet")
                if not get:
                    fail(f"Deployment/{name}: {probe} missing")
                if get["port"] not in ports and get["port"] not in ports.values():
                    fail(f"Deployment/{name}: {probe} uses port {get['port']}, not a container port")
                if not get["path"].startswith("/actuator/health/"):
                    fail(f"Deployment/{name}: {probe} is not an actuator probe")
            if annotations.get("prometheus.io/scrape") != "true" or annotations.get("prometheus.io/path") != "/actuator/prometheus" \
                    or int(annotations.get("prometheus.io/port", 0)) not in ports.values():
                fail(f"Deployment/{name}: scrape annotations do not name the container's port and /actuator/prometheus")
            res = c.get("resources", {})
            if not {"cpu", "memory"} <= set(res.get("requests", {})) or "memory" not in res.get("limits", {}):
                fail(f"Deployment/{name}: container {c['name']} needs cpu and memory requests and a memory limit")
            for source in c.get("envFrom", []):
                ref = source.get("configMapRef") or source.get("secretRef")
                ref_kind = "ConfigMap" if "configMapRef" in source else "Secret"
                if (ref_kind, ref["name"]) not in names:
                    fail(f"Deployment/{name}: {ref_kind} {ref['name']} is not in the manifests")
        for v in pod["spec"].get("volumes", []):
            if "secret" in v and ("Secret", v["secret"]["secretName"]) not in names:
                fail(f"Deployment/{name}: Secret {v['secret']['secretName']} is not in the manifests")
    for doc in docs:
        if doc["kind"] == "Service":
            targets = [d for d in deployments if selects(doc["spec"].get("selector"), d["spec"]["template"]["metadata"]["labels"])]
            if len(targets) != 1:
                fail(f"Service/{doc['metadata']['name']}: selects {len(targets)} Deployments, not 1")
            ports = {p["name"] for c in targets[0]["spec"]["template"]["spec"]["containers"] for p in c.get("ports", [])}
            for p in doc["spec"]["ports"]:
                if isinstance(p.get("targetPort"), str) and p["targetPort"] not in ports:
                    fail(f"Service/{doc['metadata']['name']}: targetPort {p['targetPort']} is no container port")
        if doc["kind"] == "PodDisruptionBudget":
            targets = [d for d in deployments if selects(doc["spec"]["selector"]["matchLabels"], d["spec"]["template"]["metadata"]["labels"])]
            if len(targets) != 1:
                fail(f"PodDisruptionBudget/{doc['metadata']['name']}: selects {len(targets)} Deployments, not 1")
            if isinstance(doc["spec"].get("minAvailable"), int) and doc["spec"]["minAvailable"] >= targets[0]["spec"].get("replicas", 1):
                fail(f"PodDisruptionBudget/{doc['metadata']['name']}: minAvailable {doc['spec']['minAvailable']} leaves no pod evictable")
    print(f"k8s-structure: {len(docs)} objects of {path} are well formed and consistent")


if __name__ == "__main__":
    main(sys.argv[1])
