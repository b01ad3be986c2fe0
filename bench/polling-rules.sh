#!/usr/bin/env bash
# Rules at ingest (issue 16): polling.sh on the same N feeds without rules and with RULES block rules on every feed and
# every category and a keep list on a tenth of the feeds, in the order without, with, with, without (ROUNDS=2, the
# default; 1: without, with), so drift of the shared machine's load falls on both sides. Items rules leave out are not
# stored, so the comparison is per feed polled: seconds and CPU seconds of the first ingest.
# Each run also has polling.sh's warm ingest, the steady cost once the JIT has compiled the code (a running service's
# case), reported as its own ratio.
# Usage: bench/polling-rules.sh [N] [RULES]   (defaults 1000 and 50)   env: ROUNDS, RESULTS=<file> appends a section.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}; RULES_N=${2:-50}; ROUNDS=${ROUNDS:-2}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
ORDER=""  # ROUNDS pairs, alternately without-with and with-without (2: 0 R R 0; 3: 0 R R 0 0 R)
for ((p = 1; p <= ROUNDS; p++)); do
  if [ $((p % 2)) = 1 ]; then ORDER+=" 0 $RULES_N"; else ORDER+=" $RULES_N 0"; fi
done
k=0
for r in $ORDER; do
  k=$((k + 1))
  echo "== polling.sh $N with RULES=$r (run $k)" >&2
  RULES=$r SUMMARY="$TMP/$k-$r" RESULTS="" bench/polling.sh "$N" > "$TMP/$k-$r.md"
  grep "first full ingest" "$TMP/$k-$r.md" >&2
done
# Summary fields (polling.sh): ingest_s jvm_cpu db_cpu items+left_out left_out polled failing pass_s pass_jvm pass_db stored
OUT=$(python3 - "$TMP" "$N" "$RULES_N" <<'PY'
import glob, os, sys
tmp, n, rules = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
runs = {0: [], rules: []}
for f in sorted(glob.glob(os.path.join(tmp, "*-*"))):
    if f.endswith(".md"):
        continue
    r = int(os.path.basename(f).split("-")[1])
    v = open(f).read().split()
    runs[r].append(dict(ingest=float(v[0]), cpu=float(v[1]) + float(v[2]), jvm=float(v[1]), db=float(v[2]),
                        seen=int(v[3]), left=int(v[4]), polled=int(v[5]), failing=int(v[6]), pass_s=float(v[7]),
                        stored=int(v[10]), warm=float(v[11]) if len(v) > 11 else 0.0,
                        warm_cpu=float(v[12]) + float(v[13]) if len(v) > 13 else 0.0))
def mean(r, k):
    return sum(x[k] for x in runs[r]) / len(runs[r])
rows = []
for r, name in ((0, "without rules"), (rules, f"{rules} block rules on every feed and category, keep on a tenth")):
    for i, x in enumerate(runs[r]):
        rows.append(f"| {name} (run {i + 1}) | {x['ingest']:.1f} s | {x['ingest'] * 1000 / x['polled']:.1f} ms | "
                    f"{x['jvm']:.1f} + {x['db']:.1f} = {x['cpu']:.1f} s | {x['cpu'] * 1000 / x['polled']:.1f} ms | "
                    f"{x['polled']} ({x['failing']} failing) | {x['seen'] - x['left']} | {x['left']} | {x['pass_s']:.1f} s | "
                    f"{x['warm']:.1f} s, {x['warm_cpu']:.1f} s CPU |")
t = mean(rules, "ingest") / mean(0, "ingest")
c = mean(rules, "cpu") / mean(0, "cpu")
wt = mean(rules, "warm") / mean(0, "warm") if mean(0, "warm") else 0
wc = mean(rules, "warm_cpu") / mean(0, "warm_cpu") if mean(0, "warm_cpu") else 0
verdict = lambda v: "met" if v <= 1.10 else f"MISSED ({(v - 1) * 100:+.0f} %)"
print("| run | first ingest | per feed polled | CPU JVM + mariadbd | CPU per feed | feeds polled | items stored | left out by rules | unchanged pass | warm ingest |")
print("|---|---|---|---|---|---|---|---|---|---|")
print("\n".join(rows))
print()
print(f"With / without rules, means of the runs above: first-ingest time per feed polled **{t:.2f}×**, CPU seconds per "
      f"feed polled **{c:.2f}×** (target ≤ 1.10×: time {verdict(t)}, CPU {verdict(c)}). "
      f"{mean(rules, 'left') / (n * 20) * 100:.1f} % of the items were left out by the rules.")
if wt:
    print()
    print(f"Warm ingest (a second generation of {n * 20} items, polled by the same JVM after the first ingest): time "
          f"**{wt:.2f}×**, CPU **{wc:.2f}×** (time {verdict(wt)}, CPU {verdict(wc)}).")
PY
)
SECTION=$(cat <<MD
## 2b. Polling with rules: $N feeds, without and with $RULES_N rules

Command: \`JAVA_OPTS="${JAVA_OPTS:-}" ROUNDS=$ROUNDS bench/polling-rules.sh $N $RULES_N\` — \`bench/polling.sh $N\` (section 2's setup) run
$((ROUNDS * 2)) times, in the order$ORDER (0: without rules); with
\`RULES=$RULES_N\` feeds.yml gives every feed and every category a \`block:\` list of $RULES_N rules (words, quoted phrases,
Vietnamese with and without diacritics, \`title:\` rules, a few \`/regex/\`; see polling.sh) and every tenth feed a \`keep:\`
list of 4 rules that every generated item passes. Feed rules are applied at ingest (items they leave out are recorded in
item_left_out, not stored); category rules only when rendering, which this part does not do. Items left out are not
stored, so the comparison is per feed polled. Target: rules applied at ingest slow polling by at most 10 % with
$RULES_N rules per category.

$OUT
MD
)
echo "$SECTION"
[ -n "${RESULTS:-}" ] && { echo "$SECTION"; echo; } >> "$RESULTS"
exit 0
