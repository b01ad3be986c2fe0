#!/usr/bin/env bash
# Runs every benchmark part in priority order and writes bench/results/latest.md (the previous one is kept as
# bench/results/<its date>.md). --quick: short runs and 200 feeds, for a smoke check in a few minutes.
# Loopback only; each part is bounded in time and stops by itself. A part that fails is recorded, the rest go on.
set -uo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
QUICK=false; [ "${1:-}" = "--quick" ] && QUICK=true
# The JVM options the Docker image ships (Dockerfile ENTRYPOINT), so memory and throughput are the deployed ones'.
export JAVA_OPTS=${JAVA_OPTS:-"-XX:+UseParallelGC -Xmx288m -XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError"}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
if $QUICK; then
  SERVE_SECONDS=5; POLL_FEEDS=200; MEM_ITEMS=0; INGEST_FEEDS=100; PARSE_SECONDS=2; START_RUNS=1
  RULES_FEEDS=200; RULES_ROUNDS=1; SEARCH_ITEMS=100000; SEARCH_FEEDS=200; SEARCH_REQUESTS=50
else
  SERVE_SECONDS=15; POLL_FEEDS=${POLL_FEEDS:-10000}; MEM_ITEMS=${MEMORY_ITEMS:-1000000}; INGEST_FEEDS=1000; PARSE_SECONDS=10
  START_RUNS=3
  RULES_FEEDS=${RULES_FEEDS:-1000}; RULES_ROUNDS=2; SEARCH_ITEMS=${SEARCH_ITEMS:-1000000}; SEARCH_FEEDS=1000
  SEARCH_REQUESTS=200
fi

mkdir -p bench/results
if [ -f bench/results/latest.md ]; then
  stamp=$(sed -n 's/^- date: \([0-9-]*\) \([0-9]*\):\([0-9]*\) UTC/\1-\2\3/p' bench/results/latest.md | head -1)
  cp bench/results/latest.md "bench/results/${stamp:-previous-$(date -u +%s)}.md"
fi
OUT=$(mktemp); export RESULTS=$OUT
{
  echo "# Tributary benchmarks$($QUICK && echo " (quick mode: small sizes, not comparable with the targets' sizes)")"
  echo
  echo "Written by \`bench/run-all.sh${1:+ $1}\` at commit $(git rev-parse --short HEAD); JAVA_OPTS=\"$JAVA_OPTS\" for every JVM."
  echo
  bench_machine
  echo
} > "$OUT"
./mvnw -q -B package -DskipTests >&2 || { echo "build failed"; exit 1; }

part() {
  local name=$1; shift
  echo "== $name: $*" >&2
  local started=$(date +%s)
  if ! "$@" >&2; then
    { echo "## $name: FAILED"; echo; echo "\`$*\` failed; see its output on stderr of run-all."; echo; } >> "$OUT"
  fi
  echo "   ($name took $(( $(date +%s) - started )) s; load average now $(cut -d' ' -f1-3 /proc/loadavg))" >&2
}
part "1. Serving" bench/publish-vs-nginx.sh "$SERVE_SECONDS"
part "2. Polling" env MEMORY_ITEMS="$MEM_ITEMS" bench/polling.sh "$POLL_FEEDS"
part "2b. Polling with rules" env ROUNDS="$RULES_ROUNDS" bench/polling-rules.sh "$RULES_FEEDS" 50
part "8. Search" env REQUESTS="$SEARCH_REQUESTS" bench/search.sh "$SEARCH_ITEMS" "$SEARCH_FEEDS"
part "3-4, 7. Ingest, parse and extraction" bench/java-benches.sh "$INGEST_FEEDS" "$PARSE_SECONDS"
part "6. Start-up" bench/startup.sh "$START_RUNS"
echo "- load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT"
cp "$OUT" bench/results/latest.md; rm -f "$OUT"
echo "wrote bench/results/latest.md" >&2
