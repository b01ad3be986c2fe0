#!/usr/bin/env bash
# Hostile readers (issue 12): the service with the JVM options the Docker image ships stays alive and under 512 MB RSS
# while readers bust its caches: thousands of distinct ?limit=500&x=N, distinct Host headers and distinct ?before=
# cursors on pages of ~500 items, then a minute of random long and short unknown slugs. Peak RSS from
# /proc/<pid>/status (VmHWM, and VmRSS sampled every 0.5 s); at the end the process must be alive and serve a feed.
# Loopback only (python3 http.server for the fixtures, the embedded MariaDB); every phase is bounded in count and time.
# Usage: bench/hostile-readers.sh   env: PARAMS (3000), HOSTS (2000), CURSORS (2000), SLUG_SECONDS (60),
#        CONCURRENCY (32), JAVA_OPTS (default: the Dockerfile's), MALLOC_ARENA_MAX (default 2, as the Dockerfile),
#        RESULTS (default bench/results/<date>-hostile-readers.md), NO_BUILD=1 to use target/ as it is, DIAG=1 to print
#        jcmd's heap and native memory summaries at the end (add -XX:NativeMemoryTracking=summary to JAVA_OPTS).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
PARAMS=${PARAMS:-3000}; HOSTS=${HOSTS:-2000}; CURSORS=${CURSORS:-2000}; SLUG_SECONDS=${SLUG_SECONDS:-60}
CONCURRENCY=${CONCURRENCY:-32}
# The options of the Dockerfile's ENTRYPOINT, and its MALLOC_ARENA_MAX.
JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseParallelGC -Xmx288m -XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError"}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
RESULTS=${RESULTS:-bench/results/$(date -u +%Y-%m-%d)-hostile-readers.md}
FEEDS=25
WORK=$(mktemp -d)
APP_PORT=$(bench_free_port); FIX_PORT=$(bench_free_port)
cleanup() {
  [ -n "${SAMPLER_PID:-}" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "${FIX_PID:-}" ] && kill "$FIX_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
[ "${NO_BUILD:-}" = 1 ] || ./mvnw -o -q -B package -DskipTests >&2
JAR=$(bench_jar)

# 25 feeds of 20 items (~1.9 KB of HTML each): one category of 500 items, so ?limit=500 pages are about 0.5 MB or more.
python3 bench/gen-feeds.py "$FEEDS" "$WORK/static"
python3 -m http.server "$FIX_PORT" --bind 127.0.0.1 --directory "$WORK/static" > "$WORK/fixtures.log" 2>&1 &
FIX_PID=$!
{
  echo "categories:"; echo "  - title: Bench"; echo "    slug: bench"; echo "feeds:"
  for ((i = 0; i < FEEDS; i++)); do echo "  - url: http://127.0.0.1:$FIX_PORT/f$i.rss"; echo "    categories: [bench]"; done
} > "$WORK/feeds.yml"

MICRONAUT_SERVER_PORT=$APP_PORT TRIBUTARY_FEEDS_FILE="$WORK/feeds.yml" TRIBUTARY_EMBEDDED_DB_DATA_DIR="$WORK/mariadb" \
TRIBUTARY_FETCH_ALLOW_PRIVATE_ADDRESSES=true TRIBUTARY_FETCH_MAX_PER_HOST=8 TRIBUTARY_POLL_TICK=1s \
  java $JAVA_OPTS -jar "$JAR" > "$WORK/app.log" 2>&1 &
APP_PID=$!
bench_wait_up "http://127.0.0.1:$APP_PORT/health" "$APP_PID" "$WORK/app.log"
items() { curl -sf "http://127.0.0.1:$APP_PORT/feeds" | python3 -c 'import json,sys; print([c for c in json.load(sys.stdin) if c["slug"] == "all"][0]["item_count"])' 2>/dev/null || echo 0; }
for _ in $(seq 1 240); do [ "$(items)" -ge $((FEEDS * 20)) ] && break; sleep 0.5; done
ITEMS=$(items)
[ "$ITEMS" -ge $((FEEDS * 20)) ] || { echo "only $ITEMS items were stored"; tail -20 "$WORK/app.log"; exit 1; }
PAGE_BYTES=$(curl -sf "http://127.0.0.1:$APP_PORT/feeds/bench.rss?limit=500" | wc -c)
HWM0=$(bench_peak_rss_mb "$APP_PID")

# VmRSS every 0.5 s while the phases run, to see the highest resident size and when it was reached.
( while kill -0 "$APP_PID" 2>/dev/null; do awk '/VmRSS/{printf "%.0f\n", $2/1024}' "/proc/$APP_PID/status" 2>/dev/null; sleep 0.5; done ) > "$WORK/rss.txt" &
SAMPLER_PID=$!

ROWS=""
phase() {
  local name=$1 amount=$2 what=$3
  local out
  out=$(python3 bench/hostile-readers.py "$APP_PORT" "$name" "$amount" "$CONCURRENCY")
  local alive=yes; kill -0 "$APP_PID" 2>/dev/null || alive="NO (exited)"
  local hwm; hwm=$(bench_peak_rss_mb "$APP_PID")
  local cache; cache=$(curl -sf "http://127.0.0.1:$APP_PORT/prometheus" | awk '/^tributary_render_cache_size_bytes /{printf "%.1f", $2/1048576}')
  echo "$name: $out; VmHWM $hwm MB; cache ${cache:-?} MB; alive $alive" >&2
  ROWS="$ROWS| $what | $(python3 -c "import json,sys; d=json.loads(sys.argv[1]); print(f\"{d['requests']} in {d['seconds']} s; {', '.join(f'{k}: {v}' for k, v in sorted(d['statuses'].items()))}; {d['mb_read']} MB read\")" "$out") | $hwm MB | ${cache:-?} MB | $alive |
"
}
phase params "$PARAMS" "distinct \`/feeds/bench.{rss,atom,json}?limit=500&x=N\`"
phase hosts "$HOSTS" "distinct \`Host: reader-N.example:8080\` on \`?limit=500\`"
phase cursors "$CURSORS" "distinct \`?limit=500&before=<random cursor>\`"
phase slugs "$SLUG_SECONDS" "${SLUG_SECONDS} s of random unknown slugs (half 3,000 characters, half 3–60)"
kill "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""

ALIVE=no; FINAL=""
if kill -0 "$APP_PID" 2>/dev/null; then
  ALIVE=yes
  FINAL=$(curl -s -o "$WORK/final.rss" -w '%{http_code}' "http://127.0.0.1:$APP_PORT/feeds/bench.rss")
  grep -q "<item>" "$WORK/final.rss" || FINAL="$FINAL without items"
fi
# DIAG=1 (with -XX:NativeMemoryTracking=summary in JAVA_OPTS): where the resident memory is, on stderr.
if [ "${DIAG:-}" = 1 ] && [ "$ALIVE" = yes ]; then
  jcmd "$APP_PID" GC.heap_info >&2 || true
  jcmd "$APP_PID" VM.native_memory summary >&2 || true
fi
HWM=$(bench_peak_rss_mb "$APP_PID"); RSS_MAX=$(sort -n "$WORK/rss.txt" | tail -1)
RSS_NOW=$(awk '/VmRSS/{printf "%.0f", $2/1024}' "/proc/$APP_PID/status" 2>/dev/null || echo "-")
OOM=$(grep -c "OutOfMemoryError" "$WORK/app.log" || true)
VERDICT=$([ "$ALIVE" = yes ] && [ "$HWM" -lt 512 ] && echo met || echo MISSED)

OUT=$(cat <<MD
# Hostile readers

Written by \`bench/hostile-readers.sh\` at commit $(git rev-parse --short HEAD).

$(bench_machine | grep -v '^- Java')
- Java: $(java -version 2>&1 | head -1); python3: $(python3 --version 2>&1 | cut -d' ' -f2)

Command: \`PARAMS=$PARAMS HOSTS=$HOSTS CURSORS=$CURSORS SLUG_SECONDS=$SLUG_SECONDS CONCURRENCY=$CONCURRENCY bench/hostile-readers.sh\`
— JVM: \`MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX java $JAVA_OPTS -jar\` (the Dockerfile's ENTRYPOINT and ENV), default
settings otherwise (no \`public-base-url\`, so base URLs come from Host headers); embedded MariaDB; $FEEDS generated feeds
(\`bench/gen-feeds.py\`) from python3 http.server on loopback, all in one category \`bench\` of $ITEMS items; a
\`/feeds/bench.rss?limit=500\` page is $((PAGE_BYTES / 1024)) KB. $CONCURRENCY concurrent keep-alive connections
(\`bench/hostile-readers.py\`), phases one after another.

| phase | requests and answers | VmHWM after | render cache | alive |
|---|---|---|---|---|
$ROWS
| **result** | the process ${ALIVE/yes/is alive}, \`GET /feeds/bench.rss\` answers ${FINAL:-nothing}; OutOfMemoryError in the log: $OOM | **peak RSS (VmHWM) $HWM MB**; highest sampled VmRSS $RSS_MAX MB; VmRSS at the end $RSS_NOW MB; VmHWM before the phases $HWM0 MB | | target < 512 MB and alive: **$VERDICT** |
MD
)
echo "$OUT"
mkdir -p "$(dirname "$RESULTS")"
echo "$OUT" > "$RESULTS"
[ "$VERDICT" = met ]
