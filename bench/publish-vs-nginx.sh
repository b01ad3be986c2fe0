#!/usr/bin/env bash
# Serving benchmark: a hot 50-item category feed from Tributary vs nginx serving the same bytes as a static file,
# and a 304 answer, all with the same wrk run settings on this machine. Loopback only; bounded in time.
# Needs: wrk and nginx (apt-get install wrk nginx-light), a JDK. Usage: bench/publish-vs-nginx.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-10}
WORK=$(mktemp -d)
APP_PORT=18080; FIX_PORT=18081; NGINX_PORT=18082
cleanup() {
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "${FIX_PID:-}" ] && kill "$FIX_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

ls target/tributary-*.jar >/dev/null 2>&1 || ./mvnw -q -B package -DskipTests
JAR=$(ls target/tributary-*.jar | grep -v original | head -1)

# A 60-item source feed with Vietnamese text, on a loopback fixture server.
mkdir -p "$WORK/fixtures"
python3 - "$WORK/fixtures/bench.rss" <<'PY'
import sys, datetime
items = []
for i in range(60):
    d = datetime.datetime(2026, 1, 28, 12, 0) - datetime.timedelta(minutes=7 * i)
    items.append(f"""<item><title>Tin số {i}: Hà Nội quyết tâm triển khai chương trình hành động</title>
<link>https://bench.example/tin-{i}.html</link><guid isPermaLink="false">bench-{i}</guid>
<description>&lt;p&gt;Chiều 15/1, hội nghị giao ban trực tuyến của Thường trực Thành ủy - HĐND - UBND thành phố Hà Nội với lãnh đạo các quận, huyện, thị xã. {i}&lt;/p&gt;</description>
<pubDate>{d.strftime('%a, %d %b %Y %H:%M:%S')} +0700</pubDate></item>""")
open(sys.argv[1], "w", encoding="utf-8").write(f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Bench</title><link>https://bench.example/</link><description>b</description>
{''.join(items)}</channel></rss>""")
PY
python3 -m http.server "$FIX_PORT" --bind 127.0.0.1 --directory "$WORK/fixtures" >/dev/null 2>&1 &
FIX_PID=$!
cat > "$WORK/feeds.yml" <<YML
categories:
  - title: Thời sự
feeds:
  - url: http://127.0.0.1:$FIX_PORT/bench.rss
    categories: [thoi-su]
YML

MICRONAUT_SERVER_PORT=$APP_PORT TRIBUTARY_FEEDS_FILE="$WORK/feeds.yml" \
TRIBUTARY_EMBEDDED_DB_DATA_DIR="$WORK/mariadb" TRIBUTARY_FETCH_ALLOW_PRIVATE_ADDRESSES=true \
  java ${JAVA_OPTS:-} -jar "$JAR" > "$WORK/app.log" 2>&1 &
APP_PID=$!
URL="http://127.0.0.1:$APP_PORT/feeds/thoi-su.rss"
for _ in $(seq 1 120); do
  n=$(curl -s "$URL" 2>/dev/null | grep -c "<item>" || true)
  [ "$n" = "50" ] && break
  sleep 1
done
[ "$n" = "50" ] || { echo "Tributary did not serve 50 items"; tail -20 "$WORK/app.log"; exit 1; }

curl -s "$URL" -o "$WORK/static.rss"
ETAG=$(curl -s -D - -o /dev/null "$URL" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
cat > "$WORK/nginx.conf" <<NGX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { application/rss+xml rss; }
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK; }
}
NGX
nginx -c "$WORK/nginx.conf"
sleep 1

run() { wrk -t2 -c32 -d"${SECONDS_PER_RUN}s" "$@" | awk '/Requests\/sec/{print $2} /Latency/{lat=$2} END{}'; }
echo "warm-up"; wrk -t2 -c32 -d10s "$URL" >/dev/null; wrk -t2 -c32 -d3s "http://127.0.0.1:$NGINX_PORT/static.rss" >/dev/null
TRIB=$(run "$URL")
NGINX=$(run "http://127.0.0.1:$NGINX_PORT/static.rss")
NOTMOD=$(run -H "If-None-Match: $ETAG" "$URL")
BYTES=$(wc -c < "$WORK/static.rss")
echo "feed: 50 items, $BYTES bytes; wrk -t2 -c32 -d${SECONDS_PER_RUN}s on $(nproc) cores"
echo "tributary 200: $TRIB req/s"
echo "tributary 304: $NOTMOD req/s"
echo "nginx static : $NGINX req/s"
python3 -c "print(f'ratio tributary/nginx: {float(\"$TRIB\")/float(\"$NGINX\"):.2f}  (target >= 0.50)')"
