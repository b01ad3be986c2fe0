#!/usr/bin/env bash
# Start-up benchmark: seconds from `java -jar` to the first served category feed (one item in it), against the
# machine's MariaDB at 127.0.0.1:3306 (root, no password) in a scratch database created and dropped here. Only the
# processes started here are stopped, by PID; the machine's MariaDB is never touched beyond the scratch database.
# Usage: bench/startup.sh [runs]   (RESULTS=<file> appends a markdown section there)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
RUNS=${1:-3}
WORK=$(mktemp -d)
chmod 755 "$WORK"  # nginx workers run as an unprivileged user and must read the files
DB=tributary_bench_$$
FIX_PORT=$(bench_free_port)
ext() { mysql -h127.0.0.1 -P3306 -uroot -N -B -e "$1"; }
cleanup() {
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  bench_stop_nginx "$WORK"
  ext "DROP DATABASE IF EXISTS $DB" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
JAR=$(bench_jar)
ext "SELECT 1" >/dev/null || { echo "no MariaDB at 127.0.0.1:3306 (root, no password): start-up not measured"; exit 1; }

mkdir -p "$WORK/static"
python3 bench/gen-feeds.py 1 "$WORK/static"
bench_nginx "$WORK" "$WORK/static" "$FIX_PORT" 1
cat > "$WORK/feeds.yml" <<YML
categories:
  - title: Start
feeds:
  - url: http://127.0.0.1:$FIX_PORT/f0.rss
    categories: [start]
YML

ROWS=""
for run in $(seq 1 "$RUNS"); do
  # Run 1 starts on an empty database (Flyway migrates it); later runs find it migrated, as a restart does.
  [ "$run" = 1 ] && ext "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
  [ "$run" -gt 1 ] && ext "UPDATE $DB.feed SET next_poll_at = UTC_TIMESTAMP(3), etag = NULL, last_modified = NULL, body_hash = NULL; DELETE FROM $DB.item"
  APP_PORT=$(bench_free_port)
  T0=$(date +%s%N)
  MICRONAUT_SERVER_PORT=$APP_PORT TRIBUTARY_FEEDS_FILE="$WORK/feeds.yml" TRIBUTARY_FETCH_ALLOW_PRIVATE_ADDRESSES=true \
  DATASOURCES_DEFAULT_URL="jdbc:mariadb://127.0.0.1:3306/$DB" DATASOURCES_DEFAULT_USERNAME=root DATASOURCES_DEFAULT_PASSWORD= \
    java ${JAVA_OPTS:-} -jar "$JAR" > "$WORK/app-$run.log" 2>&1 &
  APP_PID=$!
  UP=""; SERVED=""
  for _ in $(seq 1 1200); do
    NOW=$(date +%s%N)
    if [ -z "$UP" ] && curl -sf -o /dev/null "http://127.0.0.1:$APP_PORT/health"; then UP=$NOW; fi
    if [ -n "$UP" ] && curl -sf "http://127.0.0.1:$APP_PORT/feeds/start.rss" 2>/dev/null | grep -q "<item>"; then
      SERVED=$(date +%s%N); break
    fi
    kill -0 "$APP_PID" 2>/dev/null || break
    sleep 0.05
  done
  [ -n "$SERVED" ] || { echo "run $run: no feed served"; tail -20 "$WORK/app-$run.log"; exit 1; }
  ROWS="$ROWS| $run | $( [ "$run" = 1 ] && echo "empty database (migrations)" || echo "migrated database" ) | $(python3 -c "print(f'{($UP - $T0)/1e9:.2f}')") | $(python3 -c "print(f'{($SERVED - $T0)/1e9:.2f}')") |
"
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
done

OUT=$(cat <<MD
## 6. Start-up with an external database

Command: \`JAVA_OPTS="${JAVA_OPTS:-}" bench/startup.sh $RUNS\` — the machine's MariaDB ($(ext "SELECT VERSION()")) at 127.0.0.1:3306,
scratch database \`$DB\` (dropped afterwards); one feed of 20 items from nginx on loopback. Seconds from \`java -jar\`
to the first 2xx of /health, and to the first /feeds/start.rss with an item in it (the first poll starts with the server).
No reference or target in DESIGN.md.

| run | database | to /health s | to first served feed s |
|---|---|---|---|
$ROWS
MD
)
echo "$OUT"
[ -n "${RESULTS:-}" ] && { echo "$OUT"; echo; } >> "$RESULTS"
exit 0
