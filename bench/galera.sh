#!/usr/bin/env bash
# Several instances on a real Galera cluster (issue 17): three mariadbd of Debian's mariadb-server + galera-4 on
# loopback (own data dirs and ports, rsync SST, run as the mysql user), three JVMs (`java -jar`, real clocks), each
# connected to its own node, on N feeds of a 1-minute interval served by bench/minute-feeds.py. During the run: node2
# (instance b's) is killed with SIGKILL and started again (it rejoins by IST); feeds.yml, shared by all three, is
# edited; admin edits go through instances on different nodes at the same moment; instance c is killed with SIGKILL
# and started again; node3 (c's) is cut off from the others (gmcast.isolate) and let back. Reports, from the fetch
# log, a watcher of every instance (bench/watch-instances.py), the database and the logs: fetches per feed per
# interval, items stored twice and items lost, certification conflicts, how long polling stalled, how long until
# every instance served a new item, whether the instances agree on feeds.yml. Only the processes started here are
# stopped, by PID; the cluster's files live in a scratch folder removed at the end.
# Usage: bench/galera.sh [feeds] [seconds]   (--smoke: 3 nodes, 3 instances, 60 s, no kills)
#        RESULTS=<file> writes the report there (default bench/results/<date>-galera.md); JAR=<file> runs that jar.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
SMOKE=false SUFFIX="" RUN_SECONDS=390
if [ "${1:-}" = --smoke ]; then SMOKE=true SUFFIX=-smoke RUN_SECONDS=60; shift; fi
FEEDS=${1:-300}
SECONDS_TOTAL=${2:-$RUN_SECONDS}
export LEASE=${LEASE:-30s}
TOKEN=bench-galera
RESULTS=${RESULTS:-bench/results/$(date -u +%Y-%m-%d)-galera$SUFFIX.md}
bench_galera_tools
JAR=${JAR:-$(bench_jar)}
WORK=$(mktemp -d /tmp/galera.XXXXXX)
chmod 755 "$WORK"
PIDS=()
declare -A NODE_PID APP_PID APP_PORT
cleanup() {
  bench_stop_pids "${APP_PID[@]}" "${PIDS[@]}" "${NODE_PID[@]}"
  rm -f /tmp/galera-busy
  [ -n "${KEEP:-}" ] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# Other benchmarks on this machine wait while this file exists.
touch /tmp/galera-busy
since() { python3 -c "import time; print(f'{time.time() - $1:.1f}')"; }
event() { echo "$(date +%s.%N) $*" >> "$WORK/events.log"; echo "[$(since "$T0") s] $*" >&2; }

# ---- the cluster ----
declare -A SQL GPORT
for n in 1 2 3; do
  SQL[$n]=$(bench_free_port); GPORT[$n]=$(bench_free_port)
done
T0=$(date +%s.%N)
for n in 1 2 3; do
  mkdir -p "$WORK/node$n/data"
  bench_galera_cnf "$WORK/node$n" "$n" "${SQL[$n]}" "${GPORT[$n]}" "$(bench_free_port)" "$(bench_free_port)" \
    "${GPORT[1]} ${GPORT[2]} ${GPORT[3]}"
done
# Node 1 gets a fresh data dir and founds the cluster; 2 and 3 start empty and receive it by SST.
mariadb-install-db --defaults-file="$WORK/node1/my.cnf" --user=mysql --auth-root-authentication-method=normal \
  --skip-test-db > "$WORK/node1/install.log" 2>&1
NODE_PID[1]=$(bench_galera_start "$WORK/node1" --wsrep-new-cluster)
bench_galera_wait_synced "${SQL[1]}" 1 "${NODE_PID[1]}" "$WORK/node1/error.log"
for n in 2 3; do
  NODE_PID[$n]=$(bench_galera_start "$WORK/node$n")
  bench_galera_wait_synced "${SQL[$n]}" "$n" "${NODE_PID[$n]}" "$WORK/node$n/error.log"
done
CLUSTER_UP=$(since "$T0")
event "cluster of 3 synced after $CLUSTER_UP s (SQL ports ${SQL[1]} ${SQL[2]} ${SQL[3]})"
bench_galera_sql "${SQL[1]}" "CREATE DATABASE tributary CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"

# ---- the feeds and the instances: a on node1, b on node2, c on node3, started at the same moment ----
FIX_PORT=$(bench_free_port)
python3 bench/minute-feeds.py "$FIX_PORT" "$WORK/fetches.log" 0 none &
PIDS+=($!)
bench_minute_feeds_yml "$FIX_PORT" "$FEEDS" 3 > "$WORK/feeds.yml"
declare -A NODE_OF=([a]=1 [b]=2 [c]=3)
STARTS_DIED=0
start_app() {
  local name=$1
  APP_PID[$name]=$(TRIBUTARY_ADMIN_TOKEN=$TOKEN bench_instance_start "$JAR" "$name" "${APP_PORT[$name]}" \
    "$WORK/feeds.yml" "jdbc:mariadb://127.0.0.1:${SQL[${NODE_OF[$name]}]}/tributary" "$WORK/app-$name.log")
}
# Waits for the instance's readiness; an instance that dies at start-up is counted, its cause kept, and started again.
wait_app() {
  local name=$1 try
  for try in 1 2 3 4; do
    if bench_wait_up "http://127.0.0.1:${APP_PORT[$name]}/health/readiness" "${APP_PID[$name]}" "$WORK/app-$name.log" 2>/dev/null; then
      return 0
    fi
    STARTS_DIED=$((STARTS_DIED + 1))
    event "instance $name died at start-up (try $try): $(grep -m1 -E 'ERROR|Exception' "$WORK/app-$name.log" | cut -c1-300)"
    echo "--- try $try died ---" >> "$WORK/app-$name.log"
    start_app "$name"
  done
  echo "instance $name does not start" >&2; tail -40 "$WORK/app-$name.log" >&2; return 1
}
for name in a b c; do APP_PORT[$name]=$(bench_free_port); done
for name in a b c; do start_app "$name"; done
for name in a b c; do wait_app "$name"; done
event "3 instances ready"
python3 bench/watch-instances.py "$WORK/watch.log" probe a="${APP_PORT[a]}" b="${APP_PORT[b]}" c="${APP_PORT[c]}" &
PIDS+=($!)
RUN0=$(date +%s.%N)
at() { local wait; wait=$(python3 -c "print(max(0, $RUN0 + $1 - __import__('time').time()))"); sleep "$wait"; }
admin() {  # instance, method, path, JSON body: prints the HTTP status
  curl -s -o "$WORK/admin-$1-$RANDOM.json" -w '%{http_code}' -X "$2" -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/json' "http://127.0.0.1:${APP_PORT[$1]}$3" ${4:+-d "$4"}
}
status_of() {  # instance: "applied revision" from /admin/status
  curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:${APP_PORT[$1]}/admin/status" \
    | python3 -c "import json,sys; s=json.load(sys.stdin); print(s['feeds_file_applied'], s['catalog_revision'], s['feeds'], bool(s.get('feeds_file_problem')))" \
    || echo "no-answer"
}

ADMIN_CODES="" AGREE_AFTER="" AGREE="" NODE_REJOIN="" NODE_ISOLATED=""
if ! $SMOKE; then
  # node2 dies; b must turn unready and recover, a and c go on polling.
  at 80; kill -9 "${NODE_PID[2]}"; event "SIGKILL node2"
  at 110
  LOG_LINES=$(wc -l < "$WORK/node2/error.log")
  NODE_PID[2]=$(bench_galera_restart "$WORK/node2"); event "node2 started again"
  bench_galera_wait_synced "${SQL[2]}" 3 "${NODE_PID[2]}" "$WORK/node2/error.log"
  # IST (the missed write sets from a donor's gcache) or SST (a full copy): what this start's log says.
  NODE_REJOIN=$(tail -n +"$((LOG_LINES + 1))" "$WORK/node2/error.log" | grep -o -E 'Prepared IST receiver for [0-9-]+|rsync (IST|SST) completed' | head -2 | tr '\n' ' ' || true)
  event "node2 synced again ($NODE_REJOIN)"

  # feeds.yml changes under all three: feeds 280 and up move to a new category, feed 3 gets a title.
  at 150
  python3 - "$WORK/feeds.yml" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
text = text.replace("categories:\n", "categories:\n  - slug: extra\n    title: Extra\n", 1)
def move(m):
    n = int(m.group(1))
    return m.group(0) if n < 280 else m.group(0).replace(m.group(2), "[extra]")
text = re.sub(r"/f/(\d+)\.rss\n    categories: (\[[^\]]*\])", move, text)
text = text.replace("/f/3.rss\n", "/f/3.rss\n    title: Nguồn ba (sửa)\n", 1)
open(path + ".new", "w").write(text)
PY
  mv "$WORK/feeds.yml.new" "$WORK/feeds.yml"; event "feeds.yml edited"
  EDIT_AT=$(date +%s.%N)
  for _ in $(seq 1 120); do
    AGREE="$(status_of a) | $(status_of b) | $(status_of c)"
    if [ "$(echo "$AGREE" | tr '|' '\n' | sed 's/^ *//; s/ *$//' | sort -u | wc -l)" = 1 ] && [[ "$AGREE" == True* ]] \
      && [ "$(bench_galera_sql "${SQL[1]}" "SELECT COUNT(*) FROM tributary.feed_category fc JOIN tributary.category c ON c.id = fc.category_id WHERE c.slug = 'extra'")" -ge 1 ]; then
      AGREE_AFTER=$(since "$EDIT_AT"); break
    fi
    sleep 0.5
  done
  event "instances agree on feeds.yml after ${AGREE_AFTER:-never} s: $AGREE"

  # Admin edits: a category through a, then at the same moment a feed through b, a topic through c, a rename through a.
  at 170
  C1=$(admin a POST /admin/categories '{"title": "Admin A"}')
  EDITS=()
  admin b POST /admin/feeds "{\"url\": \"http://127.0.0.1:$FIX_PORT/f/$FEEDS.rss\", \"categories\": [\"admin-a\"], \"interval\": \"1m\"}" > "$WORK/code-b" &
  EDITS+=($!)
  admin c POST /admin/topics '{"title": "Tin mười", "query": "\"Tin 10\""}' > "$WORK/code-c" &
  EDITS+=($!)
  admin a PUT /admin/categories/admin-a '{"title": "Admin A (renamed)"}' > "$WORK/code-a" &
  EDITS+=($!)
  wait "${EDITS[@]}"
  ADMIN_CODES="POST category via a: $C1; POST feed via b: $(cat "$WORK/code-b"); POST topic via c: $(cat "$WORK/code-c"); PUT category via a: $(cat "$WORK/code-a")"
  event "admin edits: $ADMIN_CODES"

  # Instance c dies and comes back.
  at 200; kill -9 "${APP_PID[c]}"; event "SIGKILL instance c"
  at 215; start_app c; event "instance c started again"; wait_app c; event "instance c ready again"

  # node3 leaves the primary component without dying: it answers 1047 until it is let back.
  at 270
  bench_galera_sql "${SQL[3]}" "SET GLOBAL wsrep_provider_options = 'gmcast.isolate=1'"; event "node3 isolated"
  at 300
  bench_galera_sql "${SQL[3]}" "SET GLOBAL wsrep_provider_options = 'gmcast.isolate=0'"; event "node3 let back"
  bench_galera_wait_synced "${SQL[3]}" 3 "${NODE_PID[3]}" "$WORK/node3/error.log" 120 && event "node3 synced again"
  NODE_ISOLATED=yes
fi
at "$SECONDS_TOTAL"
kill "${PIDS[0]}"; event "feed server stopped"
# Polls in flight finish or fail; then every node holds the same rows.
sleep 5
for n in 1 2 3; do bench_galera_wait_synced "${SQL[$n]}" 3 "${NODE_PID[$n]}" "$WORK/node$n/error.log" 60; done
FINAL_STATUS="a: $(status_of a); b: $(status_of b); c: $(status_of c)"
for n in 1 2 3; do
  bench_galera_sql "${SQL[$n]}" "SELECT VARIABLE_NAME, VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts', 'wsrep_cluster_size', 'wsrep_last_committed')" \
    | sed "s/^/node$n /" >> "$WORK/wsrep.txt"
done
bench_galera_sql "${SQL[1]}" "SELECT SUBSTRING_INDEX(SUBSTRING_INDEX(f.url, '/f/', -1), '.', 1), i.guid FROM tributary.item i JOIN tributary.feed f ON f.id = i.feed_id" > "$WORK/items.tsv"
bench_galera_sql "${SQL[1]}" "SELECT COUNT(*), COUNT(DISTINCT feed_id, guid) FROM tributary.item" > "$WORK/counts.tsv"
bench_galera_sql "${SQL[1]}" "SELECT COUNT(*) FROM tributary.feed WHERE lease_owner IS NOT NULL AND lease_until < UTC_TIMESTAMP(3)" > "$WORK/leases.tsv"
for name in a b c; do
  curl -sf "http://127.0.0.1:${APP_PORT[$name]}/prometheus" | grep -E '^tributary_(db_conflicts|polls)_total' | sed "s/^/$name /" >> "$WORK/metrics.txt" || true
done

mkdir -p "$(dirname "$RESULTS")"
python3 bench/galera-report.py "$WORK" "$FEEDS" "$SECONDS_TOTAL" "$SMOKE" "$CLUSTER_UP" "$STARTS_DIED" \
  "$ADMIN_CODES" "${AGREE_AFTER:-}" "$FINAL_STATUS" "$NODE_REJOIN" "$LEASE" "$(cut -d' ' -f1-3 /proc/loadavg)" \
  | tee "$RESULTS"
echo "written to $RESULTS" >&2
