#!/usr/bin/env python3
"""Sequential reader for bench/search.sh: GETs PATH?q=QUERY COUNT times over one keep-alive loopback connection,
each with its own since= (an absolute date in 2000, before every item, so the answer is the same page but the render
cache key is new), stops early after SECONDS; then asks the last URL again (a render cache hit). Fails on a non-200.
Prints: requests p50 p95 p99 max items_in_last_answer cached_ms (ms, nearest-rank percentiles).
Usage: search-client.py PORT PATH QUERY COUNT SECONDS OFFSET (OFFSET: first since= second, distinct per series)."""
import http.client
import json
import math
import sys
import time
import urllib.parse


def pct(values, p):
    return values[max(0, min(len(values) - 1, math.ceil(p / 100 * len(values)) - 1))]


def main():
    port, path, query, count, seconds, offset = (int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4]),
                                                 float(sys.argv[5]), int(sys.argv[6]))
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def get(n):
        s = offset + n
        since = f"2000-01-{1 + s // 86400 % 28:02d}T{s // 3600 % 24:02d}:{s // 60 % 60:02d}:{s % 60:02d}Z"
        url = f"{path}?q={urllib.parse.quote(query)}&since={since}"
        t0 = time.perf_counter()
        conn.request("GET", url)
        resp = conn.getresponse()
        body = resp.read()
        ms = (time.perf_counter() - t0) * 1000
        if resp.status != 200:
            sys.exit(f"{url}: HTTP {resp.status}: {body[:300]!r}")
        return ms, body

    get(count + 1)  # warm-up, its own key
    times, body = [], b""
    end = time.monotonic() + seconds
    for n in range(count):
        ms, body = get(n)
        times.append(ms)
        if time.monotonic() > end and len(times) >= 5:
            break
    cached, _ = get(len(times) - 1)
    items = len(json.loads(body).get("items", []))
    times.sort()
    print(f"{len(times)} {pct(times, 50):.1f} {pct(times, 95):.1f} {pct(times, 99):.1f} {times[-1]:.1f} {items} {cached:.2f}")


if __name__ == "__main__":
    main()
