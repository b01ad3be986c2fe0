#!/usr/bin/env bash
# Hostile feeds: serves documents built to exhaust a feed parser from a loopback Python server (which counts the
# requests per path), points the packaged jar at them with the JVM options the Docker image ships, lets the scheduler
# poll for SECONDS (default 90), and reports the JVM's peak resident memory (VmHWM), whether it is still alive, and
# per document the fetches and the feed's recorded state. Every feed asks for a 1 h interval, so a feed fetched more
# than once or twice in the run is being re-polled by mistake. Only the processes started here are stopped, by PID.
# Usage: bench/hostile-feeds.sh [seconds]   (RESULTS=<file> writes the markdown there)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
SECONDS_TO_RUN=${1:-90}
JAVA_OPTS=${JAVA_OPTS:--XX:+UseParallelGC -Xmx288m -XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
WORK=$(mktemp -d)
cleanup() {
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "${SRV_PID:-}" ] && kill "$SRV_PID" 2>/dev/null && wait "$SRV_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
JAR=$(bench_jar)
SRV_PORT=$(bench_free_port)
APP_PORT=$(bench_free_port)

mkdir -p "$WORK/docs"
python3 - "$WORK/docs" <<'PY'
import sys, os
d = sys.argv[1]
def rss(items, decl=True):
    return (('<?xml version="1.0"?>' if decl else '') + '<rss version="2.0"><channel><title>T</title>'
            '<link>https://example.org/</link><description>D</description>' + items + '</channel></rss>')
def put(name, text):
    with open(os.path.join(d, name), 'w', encoding='utf-8') as f:
        f.write(text)
put('ok.rss', rss(''.join(f'<item><guid>ok-{i}</guid><title>Item {i}</title></item>' for i in range(20))))
put('json-empty-items.json', '{"version":"https://jsonfeed.org/version/1.1","title":"Bomb","items":['
    + ','.join(['{}'] * 3_400_000) + ']}')
put('rss-million-items.rss', rss('<item/>' * 1_000_000))
put('atom-million-entries.atom', '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title><id>urn:a</id>'
    '<updated>2026-01-28T12:00:00Z</updated>' + '<entry/>' * 1_000_000 + '</feed>')
put('too-many-nodes.rss', rss('<item><guid>n</guid><description>' + '<x/>' * 2_000_000 + '</description></item>'))
put('too-many-namespaces.rss', rss(''.join(f'<item xmlns:p{i}="urn:x:{i}"><guid>{i}</guid></item>' for i in range(5000))))
put('unclosed-doctypes.rss', '<!DOCTYPE a [' * 20_000 + rss('', decl=False))
put('newlines-doctype.rss', '<?xml version="1.0"?>' + '\n' * 100_000
    + '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "x.dtd">'
    + rss('<item><guid>nl</guid><title>after the newlines</title></item>', decl=False))
put('undeclared-prefixes.rss', rss('<item><guid>p</guid><description>' + '<p:a/>' * 1_000_000 + '</description></item>'))
put('deep-nesting.atom', '<feed><title>deep</title><entry><id>1</id>' + '<a>' * 500_000 + '</a>' * 500_000 + '</entry></feed>')
PY

# A static server that logs one line per request path, so fetches can be counted per document.
python3 - "$WORK/docs" "$SRV_PORT" "$WORK/requests.log" > "$WORK/server.log" 2>&1 <<'PY' &
import sys, functools
from http.server import ThreadingHTTPServer, SimpleHTTPRequestHandler
root, port, log = sys.argv[1], int(sys.argv[2]), open(sys.argv[3], 'a', buffering=1)
class Handler(SimpleHTTPRequestHandler):
    extensions_map = {'.rss': 'application/rss+xml', '.atom': 'application/atom+xml', '.json': 'application/feed+json'}
    def log_message(self, fmt, *args):
        pass
    def do_GET(self):
        log.write(self.path + '\n')
        super().do_GET()
ThreadingHTTPServer(('127.0.0.1', port), functools.partial(Handler, directory=root)).serve_forever()
PY
SRV_PID=$!
DOCS=$(cd "$WORK/docs" && ls)
{
  echo "categories:"
  echo "  - title: Hostile"
  echo "feeds:"
  for f in $DOCS; do echo "  - url: http://127.0.0.1:$SRV_PORT/$f"; echo "    categories: [hostile]"; echo "    interval: 1h"; done
} > "$WORK/feeds.yml"
for _ in $(seq 1 50); do curl -sf -o /dev/null "http://127.0.0.1:$SRV_PORT/ok.rss" && break; sleep 0.1; done
: > "$WORK/requests.log"

MICRONAUT_SERVER_PORT=$APP_PORT TRIBUTARY_FEEDS_FILE="$WORK/feeds.yml" TRIBUTARY_ADMIN_TOKEN=bench-hostile-token-0123456789 \
TRIBUTARY_EMBEDDED_DB_DATA_DIR="$WORK/mariadb" TRIBUTARY_FETCH_ALLOW_PRIVATE_ADDRESSES=true \
  java $JAVA_OPTS -jar "$JAR" > "$WORK/app.log" 2>&1 &
APP_PID=$!
bench_wait_up "http://127.0.0.1:$APP_PORT/health/liveness" "$APP_PID" "$WORK/app.log"
T0=$(date +%s)
while [ $(( $(date +%s) - T0 )) -lt "$SECONDS_TO_RUN" ] && kill -0 "$APP_PID" 2>/dev/null; do sleep 1; done
ALIVE=yes; kill -0 "$APP_PID" 2>/dev/null || ALIVE="no (exit $(wait "$APP_PID"; echo $?))"
PEAK=$(bench_peak_rss_mb "$APP_PID")
echo '[]' > "$WORK/feeds.json"
[ "$ALIVE" = yes ] && curl -sf -H "Authorization: Bearer bench-hostile-token-0123456789" "http://127.0.0.1:$APP_PORT/admin/feeds" > "$WORK/feeds.json" || true
cp "$WORK/requests.log" "$WORK/requests-run.log"
REFRESH=""
if [ "$ALIVE" = yes ]; then
  DEEP_ID=$(python3 -c 'import json,sys; print(next((f["id"] for f in json.load(open(sys.argv[1])) if f["url"].endswith("/deep-nesting.atom")), ""))' "$WORK/feeds.json")
  [ -n "$DEEP_ID" ] && REFRESH=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer bench-hostile-token-0123456789" "http://127.0.0.1:$APP_PORT/admin/feeds/$DEEP_ID/refresh")
fi

ROWS=$(python3 - "$WORK/docs" "$WORK/requests-run.log" "$WORK/feeds.json" <<'PY'
import json, os, sys, collections
docs, log, listing = sys.argv[1], sys.argv[2], sys.argv[3]
counts = collections.Counter(line.strip().lstrip('/') for line in open(log))
feeds = {f['url'].rsplit('/', 1)[-1]: f for f in json.load(open(listing))}
for name in sorted(os.listdir(docs)):
    f = feeds.get(name, {})
    h = f.get('health', {})
    err = (h.get('last_error') or '').replace('|', '/').replace('\n', ' ')[:160]
    state = h.get('state', '?') + (', succeeded' if h.get('last_success_at') else '')
    size = os.path.getsize(os.path.join(docs, name)) / 1048576
    print(f"| {name} | {size:.1f} | {counts[name]} | {f.get('item_count', '')} | {h.get('consecutive_failures', '')} "
          f"| {state} | {h.get('next_poll_at', '')} | {err} |")
PY
)
OUT=$(cat <<MD
# Hostile feeds

Command: \`JAVA_OPTS="$JAVA_OPTS" bench/hostile-feeds.sh $SECONDS_TO_RUN\` at commit $(git rev-parse --short HEAD).
$(bench_machine)

The jar polled the documents below from a loopback Python server for $SECONDS_TO_RUN s (scheduler tick 5 s, every feed
with a 1 h interval, tributary.fetch.max-items 1000, embedded MariaDB). Fetches are the server's count of GETs per
document: with a 1 h interval each should be fetched once.

- JVM alive at the end: $ALIVE
- JVM peak resident memory (VmHWM): $PEAK MB
- admin refresh of deep-nesting.atom after the run (not in the counts below): HTTP ${REFRESH:-not run}

| document | MiB | fetches | items stored | consecutive failures | state | next poll | recorded error |
|---|---|---|---|---|---|---|---|
$ROWS
MD
)
echo "$OUT"
[ -n "${RESULTS:-}" ] && echo "$OUT" > "$RESULTS"
[ "$ALIVE" = yes ] || { echo "--- app.log tail"; tail -20 "$WORK/app.log"; }
exit 0
