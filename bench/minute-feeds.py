"""Feeds that grow by the minute, for the several-instance runs (instances.sh, galera.sh).

/f/<n>.rss holds the items of the minutes since the server started (item m appears at minute m, the last five are
listed); each fetch is logged as "<epoch seconds> <feed> <user agent> <minute>", so a run can tell which items every
fetch saw. Fetches by the agent named in SLOW_AGENT are answered SLOW seconds late (that instance then always has
polls in flight, and leases in rows, when it is killed).
Usage: minute-feeds.py <port> <log> [slow seconds] [slow agent]
"""
import sys, time, threading
from http.server import ThreadingHTTPServer, BaseHTTPRequestHandler

port, log_path = int(sys.argv[1]), sys.argv[2]
slow = float(sys.argv[3]) if len(sys.argv) > 3 else 0
slow_agent = sys.argv[4] if len(sys.argv) > 4 else "instance-c"
start = time.time()
lock = threading.Lock()
log = open(log_path, "a", buffering=1)


class Feed(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        n = int(self.path.split("/")[-1].split(".")[0])
        minute = int((time.time() - start) // 60)
        agent = self.headers.get("User-Agent", "-").split()[0]
        with lock:
            log.write(f"{time.time():.3f} {n} {agent} {minute}\n")
        if agent == slow_agent and slow > 0:
            time.sleep(slow)
        items = "".join(
            f"<item><guid>https://site{n}.example/{i}</guid><title>Tin {i} của nguồn {n}</title>"
            f"<link>https://site{n}.example/{i}.html</link><description>Bài thứ {i}</description></item>"
            for i in range(minute + 1, max(0, minute - 4), -1))
        body = (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Nguồn {n}</title>'
                f"<link>https://site{n}.example/</link><description>x</description>{items}</channel></rss>").encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


print(f"{start:.3f}", file=open(log_path + ".start", "w"))
ThreadingHTTPServer(("127.0.0.1", port), Feed).serve_forever()
