#!/usr/bin/env python3
"""Sequential reader for bench/search.sh: GETs PATH?q=QUERY COUNT times over one keep-alive loopback connection,
each with its own since= (an absolute date in 2000, before every item, so the answer is the same page but the render
cache key is new), stops early after SECONDS; then asks the last URL again (a render cache hit). A non-200 answer is
timed and counted, not fatal (a 503 under load is a result too).
Prints: requests p50 p95 p99 max items cached_ms (ms, nearest-rank percentiles); items is the count in the last 200
answer, followed by ;HTTP<status>x<count> for other answers.
Usage: search-client.py PORT PATH QUERY COUNT SECONDS OFFSET (OFFSET: first since= second, distinct per series)."""
import collections
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
    conn = [http.client.HTTPConnection("127.0.0.1", port, timeout=120)]
    statuses = collections.Counter()

    def get(n):
        s = offset + n
        since = f"2000-01-{1 + s // 86400 % 28:02d}T{s // 3600 % 24:02d}:{s // 60 % 60:02d}:{s % 60:02d}Z"
        url = f"{path}?q={urllib.parse.quote(query)}&since={since}"
        t0 = time.perf_counter()
        try:
            conn[0].request("GET", url)
            resp = conn[0].getresponse()
            body, status = resp.read(), resp.status
        except (OSError, http.client.HTTPException) as e:
            print(f"{url}: {e!r}", file=sys.stderr)
            conn[0].close()
            conn[0] = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            body, status = b"", 0
        ms = (time.perf_counter() - t0) * 1000
        if status != 200:
            print(f"{url}: HTTP {status}: {body[:200]!r}", file=sys.stderr)
        return ms, body, status

    get(count + 1)  # warm-up, its own key
    times, last = [], b""
    end = time.monotonic() + seconds
    for n in range(count):
        ms, body, status = get(n)
        times.append(ms)
        statuses[status] += 1
        if status == 200:
            last = body
        if time.monotonic() > end and len(times) >= 5:
            break
    cached, _, _ = get(len(times) - 1)
    items = str(len(json.loads(last).get("items", []))) if last else "none"
    items += "".join(f";HTTP{s}x{c}" for s, c in sorted(statuses.items()) if s != 200)
    times.sort()
    print(f"{len(times)} {pct(times, 50):.1f} {pct(times, 95):.1f} {pct(times, 99):.1f} {times[-1]:.1f} {items} {cached:.2f}")


if __name__ == "__main__":
    main()
