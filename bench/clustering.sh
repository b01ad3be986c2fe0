#!/usr/bin/env bash
# Pairwise precision and recall of story clustering (issue 19) on the labelled set in
# src/test/resources/clustering: dev split, held-out split, all, and the hard negatives.
# Usage: bench/clustering.sh [-v]   (-v lists every missed and wrongly joined pair)
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -o -q -B test-compile
# The clusterer and its evaluation use the JDK only: no dependency classpath needed.
exec java -cp "target/test-classes:target/classes" \
  tributary.cluster.ClusterEvaluation "$@"
