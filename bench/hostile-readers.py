#!/usr/bin/env python3
"""Cache-busting readers against one Tributary on loopback (bench/hostile-readers.sh runs it).

Usage: hostile-readers.py PORT PHASE COUNT_OR_SECONDS [CONCURRENCY]
Phases: params (distinct ?limit=500&x=N), hosts (distinct Host headers), cursors (distinct ?before= cursors),
slugs (random 3 KB and short unknown slugs for COUNT_OR_SECONDS seconds). Prints one JSON line: requests, seconds,
answers by status, bytes read. Every loop is bounded in count and time; only 127.0.0.1 is contacted.
"""
import http.client
import json
import random
import string
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

PORT = int(sys.argv[1])
PHASE = sys.argv[2]
AMOUNT = int(sys.argv[3])
CONCURRENCY = int(sys.argv[4]) if len(sys.argv) > 4 else 32
DEADLINE = time.time() + (AMOUNT if PHASE == "slugs" else 900)
FORMATS = ("rss", "atom", "json")
# Cursors fall among the generated items' dates (gen-feeds.py: 2026-01-28 12:00 +07:00 and up to 13 hours before),
# 2026-01-27 17:00Z to 2026-01-28 06:00Z, so most pages hold hundreds of items.
CURSOR_LO = 1769533200000
CURSOR_HI = 1769580000000

local = threading.local()
lock = threading.Lock()
statuses = {}
read_bytes = [0]


def connection():
    if getattr(local, "conn", None) is None:
        local.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
    return local.conn


def get(path, host=None):
    headers = {"Host": host} if host else {}
    for attempt in (1, 2):
        try:
            conn = connection()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
            status = response.status
            break
        except (http.client.HTTPException, OSError) as e:
            local.conn = None
            status = "error:" + type(e).__name__
            body = b""
    with lock:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
        read_bytes[0] += len(body)


def request(n):
    if time.time() > DEADLINE:
        return
    fmt = FORMATS[n % 3]
    if PHASE == "params":
        get(f"/feeds/bench.{fmt}?limit=500&x={n}")
    elif PHASE == "hosts":
        get(f"/feeds/bench.{fmt}?limit=500", host=f"reader-{n}.example:8080")
    elif PHASE == "cursors":
        rng = random.Random(n)
        get(f"/feeds/bench.{fmt}?limit=500&before={rng.randrange(CURSOR_LO, CURSOR_HI)}-{rng.randrange(1, 10**9)}")
    elif PHASE == "slugs":
        rng = random.Random(n)
        length = 3000 if n % 2 == 0 else rng.randrange(3, 60)
        slug = "".join(rng.choice(string.ascii_lowercase + "-") for _ in range(length))
        get(f"/feeds/{slug}.{fmt}")
    else:
        raise SystemExit("unknown phase " + PHASE)


def main():
    started = time.time()
    count = 0
    with ThreadPoolExecutor(CONCURRENCY) as pool:
        if PHASE == "slugs":
            # Submitted in batches until the time is up: bounded by the deadline and by 10 million requests.
            while time.time() < DEADLINE and count < 10_000_000:
                list(pool.map(request, range(count, count + 1000)))
                count += 1000
        else:
            list(pool.map(request, range(AMOUNT)))
            count = AMOUNT
    seconds = time.time() - started
    print(json.dumps({"phase": PHASE, "requests": sum(statuses.values()), "seconds": round(seconds, 1),
                      "statuses": statuses, "mb_read": round(read_bytes[0] / 1048576, 1)}))


if __name__ == "__main__":
    main()
