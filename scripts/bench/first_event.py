#!/usr/bin/env python3
"""Time to the first streamed event: for N requests, each on a new connection, the time from
sending the request until the first body bytes containing "data:" arrive. Prints the median and
p90 in ms. Usage: first_event.py URL [N] [BEARER_TOKEN]"""
import socket
import statistics
import sys
import time
from urllib.parse import urlparse

url = urlparse(sys.argv[1])
n = int(sys.argv[2]) if len(sys.argv) > 2 else 50
token = sys.argv[3] if len(sys.argv) > 3 else ""
body = b'{"prompt":"hi"}'
auth = f"Authorization: Bearer {token}\r\n" if token else ""
request = (f"POST {url.path} HTTP/1.1\r\nHost: {url.hostname}\r\nContent-Type: application/json\r\n{auth}"
           f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode() + body
times = []
for _ in range(n):
    with socket.create_connection((url.hostname, url.port)) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        started = time.perf_counter()
        s.sendall(request)
        seen = b""
        while b"data:" not in seen:
            chunk = s.recv(4096)
            if not chunk:
                raise SystemExit(f"stream ended before an event: {seen[:200]!r}")
            seen += chunk
        times.append((time.perf_counter() - started) * 1000)
times.sort()
print(f"{statistics.median(times):.2f} ms (p90 {times[int(len(times) * 0.9)]:.2f} ms)")
