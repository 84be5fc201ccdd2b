"""Writes N Standard-Webhooks-signed ~1 KB canonical events (spread over 1,000 trigger ids, as
many CI pipelines would send them), one request per line for wrk:
message id, timestamp, signature and body, tab-separated. Every message id is unique, so the
gateway measures real acceptances, not replays."""
import base64
import hashlib
import hmac
import json
import sys
import time
import uuid

secret, count, out_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
key = base64.b64decode(secret[len("whsec_"):])
ts = str(int(time.time()))
labels = {"label-%d" % i: "value-%d-abcdefghij" % i for i in range(12)}
with open(out_path, "w") as out:
    for n in range(count):
        event_id = str(uuid.uuid4())
        body = json.dumps({
            "specversion": "1.0", "id": event_id, "source": "/vastmesh/bench", "type": "vastai.mesh.registered",
            "time": "2026-01-04T12:00:00Z", "datacontenttype": "application/json", "subject": "29484611",
            "triggerid": "pipeline-%d" % (n % 1000), "environment": "prod",
            "data": {"instance_id": 29484611, "contract_id": 12345, "worker_url": "https://203.0.113.4:41234",
                     "tailscale_hostname": "vastai-gpu-worker-1", "tailscale_ip": "100.113.211.78",
                     "capabilities": ["inference", "embeddings", "rerank"], "gpu_type": "RTX_4090",
                     "gpu_name": "NVIDIA RTX 4090", "num_gpus": 1, "cost_per_hour": 0.34, "labels": labels,
                     "expires_at": "2026-01-04T12:05:00Z"}}, separators=(",", ":"))
        msg_id = "msg_" + event_id
        mac = hmac.new(key, ("%s.%s.%s" % (msg_id, ts, body)).encode(), hashlib.sha256).digest()
        out.write("%s\t%s\tv1,%s\t%s\n" % (msg_id, ts, base64.b64encode(mac).decode(), body))
