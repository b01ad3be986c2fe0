#!/usr/bin/env bash
# Ingest (ItemStore.upsert vs plain batched INSERT), parse (parse + normalize vs bare StAX) and extraction
# (ArticleExtractor.extract vs a bare jsoup parse of the fixture pages) comparisons:
# tributary.bench.BenchMain (src/bench/java, compiled into the test classes), against an embedded MariaDB under
# target/bench-mariadb.
# Usage: bench/java-benches.sh [feeds of 20 items for ingest] [seconds per parse and per extraction measurement]
#        (RESULTS=<file> appends the markdown section there)
set -euo pipefail
cd "$(dirname "$0")/.."
FEEDS=${1:-500}; SECONDS_EACH=${2:-5}
./mvnw -q -B test-compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
exec java ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  tributary.bench.BenchMain "$FEEDS" "$SECONDS_EACH" ${RESULTS:-}
