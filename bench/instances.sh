#!/usr/bin/env bash
# Several instances for real: 3 JVMs (`java -jar`, real clocks) on the machine's MariaDB at 127.0.0.1:3306 in a
# scratch database, N feeds of a 1-minute interval served by a local Python server that logs every fetch and adds an
# item to every feed each minute; instance c is killed with SIGKILL mid-run. Reports, from the fetch log and the
# database: fetches per feed per interval, the longest gap between two fetches of a feed, items stored twice, leases
# left behind. Only the processes started here are stopped, by PID; the scratch database is dropped at the end.
# Usage: bench/instances.sh [feeds] [seconds] [kill-at-second]   (RESULTS=<file> appends a markdown section there)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
FEEDS=${1:-300}
SECONDS_TOTAL=${2:-240}
KILL_AT=${3:-100}
LEASE=${LEASE:-30s}
WORK=$(mktemp -d)
DB=tributary_instances_$$
ext() { mysql -h127.0.0.1 -P3306 -uroot -N -B -e "$1"; }
PIDS=()
cleanup() {
  bench_stop_pids "${PIDS[@]}"
  ext "DROP DATABASE IF EXISTS $DB" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
JAR=$(bench_jar)
ext "SELECT 1" >/dev/null || { echo "no MariaDB at 127.0.0.1:3306 (root, no password)"; exit 1; }
ext "CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"

# The fixture server (bench/minute-feeds.py) answers instance c after SLOW_C seconds (default 3), so that c always has
# polls in flight, and leases in rows, when it is killed.
FIX_PORT=$(bench_free_port)
python3 bench/minute-feeds.py "$FIX_PORT" "$WORK/fetches.log" "${SLOW_C:-3}" instance-c &
SERVER_PID=$!
PIDS+=($SERVER_PID)

bench_minute_feeds_yml "$FIX_PORT" "$FEEDS" > "$WORK/feeds.yml"
declare -A APP_PID APP_PORT
T0=$(date +%s.%N)
for name in a b c; do
  APP_PORT[$name]=$(bench_free_port)
  APP_PID[$name]=$(bench_instance_start "$JAR" "$name" "${APP_PORT[$name]}" "$WORK/feeds.yml" \
    "jdbc:mariadb://127.0.0.1:3306/$DB" "$WORK/app-$name.log")
  PIDS+=(${APP_PID[$name]})
done
for name in a b c; do
  bench_wait_up "http://127.0.0.1:${APP_PORT[$name]}/health" "${APP_PID[$name]}" "$WORK/app-$name.log"
done
echo "3 instances up after $(python3 -c "import time; print(f'{time.time() - $T0:.1f}')") s; running ${SECONDS_TOTAL} s, SIGKILL to c at ${KILL_AT} s" >&2
sleep "$KILL_AT"
# Kill c while it holds leases (polls come in waves around each minute): wait for one, at most 90 s.
LEASED_BY_C=0
for _ in $(seq 1 450); do
  LEASED_BY_C=$(ext "SELECT COUNT(*) FROM $DB.feed WHERE lease_owner = 'c' AND lease_until > UTC_TIMESTAMP(3)")
  [ "$LEASED_BY_C" -gt 0 ] && break
  sleep 0.2
done
kill -9 "${APP_PID[c]}"
KILL_EPOCH=$(date +%s.%N)
ext "SELECT url FROM $DB.feed WHERE lease_owner = 'c'" | sed 's|.*/f/\([0-9]*\)\.rss|\1|' > "$WORK/lost-feeds.txt"
KILLED=$(python3 -c "import time; print(f'{time.time() - $T0:.1f}')")
sleep $((SECONDS_TOTAL - KILL_AT))
LOST=$(tr '\n' ' ' < "$WORK/lost-feeds.txt")
# The source goes away, so nothing new is stored; after one peer-check interval every instance serves the same items.
kill "$SERVER_PID"
sleep 3
LEFT=$(ext "SELECT COUNT(*) FROM $DB.feed WHERE lease_owner IS NOT NULL AND lease_until < UTC_TIMESTAMP(3)")
G0=$(ext "SELECT COUNT(*) FROM $DB.item i JOIN $DB.feed_category fc ON fc.feed_id = i.feed_id JOIN $DB.category c ON c.id = fc.category_id WHERE c.slug = 'g0'")
ITEMS=$(ext "SELECT COUNT(*) FROM $DB.item")
DISTINCT=$(ext "SELECT COUNT(DISTINCT feed_id, guid) FROM $DB.item")
CROSS=$(curl -sf "http://127.0.0.1:${APP_PORT[a]}/feeds/g0.json?limit=500" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['items']))")
CROSS_B=$(curl -sf "http://127.0.0.1:${APP_PORT[b]}/feeds/g0.json?limit=500" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['items']))")

python3 - "$WORK/fetches.log" "$FEEDS" "$SECONDS_TOTAL" "$KILLED" "$LEASE" "$LEASED_BY_C" "$LEFT" "$ITEMS" "$DISTINCT" "$CROSS" "$CROSS_B" "$G0" "$LOST" "$KILL_EPOCH" <<'PY' | tee -a "${RESULTS:-/dev/null}"
import sys, collections
path, feeds, total, killed, lease, leased_c, left, items, distinct, cross_a, cross_b, g0, lost, kill_epoch = sys.argv[1:]
lost = [int(i) for i in lost.split()]
kill_epoch = float(kill_epoch)
feeds, total, killed = int(feeds), float(total), float(killed)
times = collections.defaultdict(list); by = collections.Counter(); died = {}
for line in open(path):
    t, n, agent = line.split()[:3]
    t, n = float(t), int(n)
    by[agent] += 1
    if agent == "instance-c" and n in lost and t <= kill_epoch:
        died[n] = max(died.get(n, 0), t)
    times[n].append(t)
# The fetch c died in stored nothing: leave it out, so each lost feed's gap runs from its last stored poll.
for n, t in died.items():
    times[n].remove(t)
gaps = [b - a for ts in times.values() for a, b in zip(sorted(ts), sorted(ts)[1:])]
# A feed's mean interval between its first and last fetch: 60 s when it is fetched once per interval.
means = sorted((max(ts) - min(ts)) / (len(ts) - 1) for ts in times.values() if len(ts) > 1)
counts = sorted(len(ts) for ts in times.values())
worst = max(gaps) if gaps else 0
def after_kill(n):
    ts = sorted(times[n])
    before = max((t for t in ts if t <= died.get(n, kill_epoch)), default=None)
    nxt = min((t for t in ts if t > kill_epoch), default=None)
    return f"{nxt - before:.1f}" if before is not None and nxt is not None else "never"
lost_gaps = ", ".join(after_kill(n) for n in lost) or "none"
short = sum(1 for g in gaps if g < 54)  # 60 s less the 10 % jitter
print(f"""
## Several instances (bench/instances.sh {feeds} {int(total)})

3 JVMs (`java -Xmx256m -jar`, real clocks, `tributary.poll.tick=1s`, `tributary.poll.lease={lease}`, jitter ±10 %)
on the machine's MariaDB 10.11 in a scratch database; {feeds} feeds of a 1-minute interval on one local server that adds
an item to every feed each minute and answers instance c 3 s late (so c has polls in flight); c killed with SIGKILL
{killed} s after the start, holding {leased_c} leases. Fetches are counted from the server's log, by User-Agent; the fetches c died in are left out of the gaps.

| figure | measured |
|---|---|
| feeds fetched | {len(times)} of {feeds} |
| fetches by instance (User-Agent) | {', '.join(f'{k}: {v}' for k, v in sorted(by.items()))} |
| fetches per feed | min {counts[0]}, max {counts[-1]} |
| mean interval between a feed's fetches | min {means[0]:.1f} s, median {means[len(means) // 2]:.1f} s, max {means[-1]:.1f} s |
| gaps between two fetches of a feed shorter than 54 s (interval less jitter: a feed polled twice in one interval) | {short} of {len(gaps)} |
| for each feed c held when killed: gap from its last stored poll to the next fetch (≤ interval + jitter + lease + tick) | {lost_gaps} s |
| longest gap between two fetches of a feed | {worst:.1f} s (interval 60 s + jitter 6 s + lease {lease} + tick 1 s) |
| items stored / distinct (feed, guid) | {items} / {distinct} |
| expired leases left in rows at the end | {left} |
| items of category g0 in the database / served by a / served by b, 3 s after the source stopped | {g0} / {cross_a} / {cross_b} (`?limit=500`) |
""")
PY
