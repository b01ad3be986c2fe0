"""Watches several instances every half second while a run goes on (galera.sh).

Logs "<epoch> <name> ready <http status>" whenever an instance's /health/readiness answer changes (0: no answer), and
"<epoch> <name> item <guid>" the first time the instance serves an item of the category given (its first page).
Usage: watch-instances.py <log> <category slug> <name>=<port> ...
"""
import json, sys, time, urllib.error, urllib.request

log_path, slug = sys.argv[1], sys.argv[2]
ports = dict(arg.split("=") for arg in sys.argv[3:])
log = open(log_path, "a", buffering=1)
ready, seen = {}, {name: set() for name in ports}


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as e:
        return e.code, b""
    except Exception:
        return 0, b""


while True:
    for name, port in ports.items():
        status, _ = get(f"http://127.0.0.1:{port}/health/readiness")
        if ready.get(name) != status:
            ready[name] = status
            log.write(f"{time.time():.3f} {name} ready {status}\n")
        status, body = get(f"http://127.0.0.1:{port}/feeds/{slug}.json?limit=20")
        if status == 200:
            for item in json.loads(body).get("items", []):
                for source in item.get("_tributary", {}).get("sources", []):
                    guid = source.get("url")
                    if guid and guid not in seen[name]:
                        seen[name].add(guid)
                        log.write(f"{time.time():.3f} {name} item {guid}\n")
    time.sleep(0.5)
