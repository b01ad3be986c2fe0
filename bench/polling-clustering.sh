#!/usr/bin/env bash
# Story clustering at ingest (issue 19): polling.sh on the same N feeds with clustering off and on, in the order off,
# on, on, off (ROUNDS=2, the default; 1: off, on), so drift of the shared machine's load falls on both sides; prints
# the ratios on / off of the first ingest's time and CPU seconds (JVM + mariadbd). Target: at most 1.15×.
# The generated feeds are a hard case for clustering: every Vietnamese item shares most of its words with every other,
# so every band key is shared by thousands of items and a fifth of the items join another site's story.
# Usage: bench/polling-clustering.sh [N]   (default 1000)   env: ROUNDS, RESULTS=<file> appends a section.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}; ROUNDS=${ROUNDS:-2}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
ORDER="0 1"; [ "$ROUNDS" -ge 2 ] && ORDER="0 1 1 0"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
k=0
for on in $ORDER; do
  k=$((k + 1))
  echo "== polling.sh $N with CLUSTER=$on (run $k), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  CLUSTER=$on SUMMARY="$TMP/$k-$on" RESULTS="" bench/polling.sh "$N" > "$TMP/$k-$on.md"
  echo "$(cut -d' ' -f1 /proc/loadavg)" > "$TMP/$k-$on.load"
  grep "first full ingest" "$TMP/$k-$on.md" >&2
done
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
# Summary fields (polling.sh): ingest_s jvm_cpu db_cpu items+left_out left_out polled failing pass_s pass_jvm pass_db
# stored warm_s warm_jvm warm_db moved
OUT=$(python3 - "$TMP" <<'PY'
import glob, os, sys
tmp = sys.argv[1]
runs = {0: [], 1: []}
for f in sorted(glob.glob(os.path.join(tmp, "*-[01]"))):
    k, on = os.path.basename(f).split("-")
    v = open(f).read().split()
    load = open(f + ".load").read().strip()
    runs[int(on)].append(dict(run=int(k), ingest=float(v[0]), jvm=float(v[1]), db=float(v[2]),
                              cpu=float(v[1]) + float(v[2]), stored=int(v[3]), polled=int(v[5]), failing=int(v[6]),
                              pass_s=float(v[7]), warm=float(v[11]),
                              warm_cpu=float(v[12]) + float(v[13]), moved=int(v[14]), load=load))
def mean(on, k):
    return sum(x[k] for x in runs[on]) / len(runs[on])
rows = []
for x in sorted(runs[0] + runs[1], key=lambda x: x["run"]):
    name = "on" if x in runs[1] else "off"
    rows.append(f"| {x['run']} | {name} | {x['ingest']:.1f} s | {x['jvm']:.1f} + {x['db']:.1f} = {x['cpu']:.1f} s | "
                f"{x['stored']} | {x['moved']} | {x['polled']} ({x['failing']} failing) | {x['pass_s']:.1f} s | {x['load']} |")
t = mean(1, "ingest") / mean(0, "ingest")
c = mean(1, "cpu") / mean(0, "cpu")
j = mean(1, "jvm") / mean(0, "jvm")
d = mean(1, "db") / mean(0, "db")
verdict = lambda v: "met" if v <= 1.15 else f"MISSED ({(v - 1) * 100:+.0f} %)"
print("| run | clustering | first ingest | CPU JVM + mariadbd | items stored | copies clustered | feeds polled | unchanged pass | load (1 min) after |")
print("|---|---|---|---|---|---|---|---|---|")
print("\n".join(rows))
print()
print(f"On / off, means of the runs above: first-ingest time **{t:.2f}×**, CPU seconds (JVM + mariadbd) **{c:.2f}×** "
      f"(JVM {j:.2f}×, mariadbd {d:.2f}×); target ≤ 1.15×: time {verdict(t)}, CPU {verdict(c)}.")
if mean(0, "warm"):
    wt = mean(1, "warm") / mean(0, "warm")
    wc = mean(1, "warm_cpu") / mean(0, "warm_cpu")
    print()
    print(f"Warm ingest (polling.sh's second generation of items, polled by the same JVM): time **{wt:.2f}×**, "
          f"CPU **{wc:.2f}×** (time {verdict(wt)}, CPU {verdict(wc)}); means "
          + ", ".join(f"{'on' if on else 'off'} {mean(on, 'warm'):.1f} s / {mean(on, 'warm_cpu'):.1f} s CPU" for on in (0, 1)) + ".")
PY
)
SECTION=$(cat <<MD
## Polling with story clustering off and on: $N feeds

Command: \`JAVA_OPTS="${JAVA_OPTS:-}" ROUNDS=$ROUNDS bench/polling-clustering.sh $N\` — \`bench/polling.sh $N\` run
$( [ "$ROUNDS" -ge 2 ] && echo "four times: clustering off, on, on, off" || echo "twice: clustering off, then on") (\`CLUSTER=0\` / \`CLUSTER=1\`, i.e.
\`TRIBUTARY_CLUSTER_ENABLED\`), everything else at polling.sh's defaults. Load average (1, 5, 15 min) at the start
$LOAD_START, at the end $LOAD_END; the machine's $(nproc) cores may be shared with other builds, so compare the runs
next to each other only. Target (issue 19): clustering at ingest slows the polling benchmark by at most 15 %.

$OUT
MD
)
echo "$SECTION"
[ -n "${RESULTS:-}" ] && { echo "$SECTION"; echo; } >> "$RESULTS"
exit 0
