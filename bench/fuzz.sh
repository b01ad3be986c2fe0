#!/usr/bin/env bash
# Longer fuzz run: the property tests of src/test/java/tributary/fuzz (ParseFuzzTest, PollFuzzTest) with many more
# tries than the fixed-seed CI run, and a random seed unless one is given. The seed is printed first, so any failure
# can be replayed with the same command and SEED=<it>; each failing mutant is saved under target/fuzz-failures/.
# Usage: bench/fuzz.sh [tries] [seed]   (tries of each document property, default 5000; the poll property runs a
# fifth as many; seed default: random). Takes ~15-40 min at 5000 on this machine. Not part of run-all.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
TRIES=${1:-${TRIES:-5000}}
SEED=${2:-${SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}}
echo "fuzz: seed $SEED, $TRIES tries per document property ($((TRIES / 5)) polls); replay: bench/fuzz.sh $TRIES $SEED"
rm -rf target/fuzz-failures
started=$(date +%s)
status=0
./mvnw -B -q test -Dtest='ParseFuzzTest,PollFuzzTest,FuzzRegressionTest' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtributary.fuzz.tries="$TRIES" -Dtributary.fuzz.seed="$SEED" || status=$?
echo "fuzz: finished in $(( $(date +%s) - started )) s with exit status $status (seed $SEED, $TRIES tries)"
for report in target/surefire-reports/tributary.fuzz.*Fuzz*Test.txt; do
  [ -f "$report" ] && grep -h "Tests run" "$report" | sed "s|^|  $(basename "$report" .txt): |"
done
if [ -d target/fuzz-failures ] && [ -n "$(ls -A target/fuzz-failures)" ]; then
  echo "fuzz: failing mutants in target/fuzz-failures/ (each try that failed, shrinking included; the smallest is usually the shrunk one):"
  ls -S target/fuzz-failures | sed 's/^/  /'
fi
exit $status
