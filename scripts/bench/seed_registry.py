"""Registers N instances in a running registry over keep-alive HTTP (several threads)."""
import http.client
import json
import sys
import threading

host, port, token, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
threads = 8
environments = ["prod", "staging", "dev", "test"]
gpus = ["RTX_4090", "RTX_3090", "A100", "H100", "L40S"]
statuses = ["ready"] * 8 + ["busy", "degraded"]
errors = []


def worker(offset):
    conn = http.client.HTTPConnection(host, port)
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}
    for i in range(offset + 1, count + 1, threads):
        body = {
            "instance_id": i, "contract_id": i + 1_000_000, "tailscale_ip": "100.64.%d.%d" % (i // 250 % 250, i % 250),
            "tailscale_hostname": "worker-%d" % i, "capabilities": ["inference", "embeddings"] if i % 3 else ["inference"],
            "status": statuses[i % len(statuses)], "environment": environments[i % len(environments)],
            "trigger_id": "gitlab-pipeline-%d" % (i % 100), "gpu_type": gpus[i % len(gpus)], "gpu_name": "NVIDIA GPU",
            "cost_per_hour": 0.34, "worker_url": "https://203.0.113.%d:%d" % (i % 250, 40000 + i % 20000),
            "num_gpus": 1, "machine_id": i % 5000 + 1, "offer_type": "on-demand",
            "labels": {"team": "search", "model": "all-MiniLM-L6-v2"}, "ttl_seconds": 3600,
        }
        conn.request("POST", "/api/v1/vastai/registry/register", json.dumps(body), headers)
        response = conn.getresponse()
        response.read()
        if response.status not in (200, 201):
            errors.append(response.status)


workers = [threading.Thread(target=worker, args=(t,)) for t in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
if errors:
    sys.exit("registration failures: %d (e.g. HTTP %s)" % (len(errors), errors[0]))
