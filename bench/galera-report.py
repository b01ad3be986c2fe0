"""The report of bench/galera.sh, in markdown, from the files of its scratch folder (see galera.sh for the arguments)."""
import collections, glob, os, re, statistics, sys

(work, feeds, total, smoke, cluster_up, starts_died, admin_codes, agree_after, final_status, rejoin, lease,
 load) = sys.argv[1:]
feeds, total, smoke = int(feeds), float(total), smoke == "true"
lease_s = int(lease.rstrip("s"))
start = float(open(f"{work}/fetches.log.start").read())
events = [(float(line.split(" ", 1)[0]), line.split(" ", 1)[1].strip()) for line in open(f"{work}/events.log")]
run0 = next(t for t, e in events if e == "3 instances ready")


def when(text):
    return next((t for t, e in events if e.startswith(text)), None)


def rel(t):
    return f"{t - run0:.0f} s" if t is not None else "—"


fetches = []  # (time, feed, agent, minute)
for line in open(f"{work}/fetches.log"):
    t, n, agent, minute = line.split()
    fetches.append((float(t), int(n), agent, int(minute)))
times = collections.defaultdict(list)
by_agent = collections.Counter()
for t, n, agent, _ in fetches:
    times[n].append((t, agent))
    by_agent[agent] += 1

# Two fetches of a feed less than the interval less its jitter apart: polled twice within one interval.
short, gaps = [], []
for n, ts in times.items():
    ts.sort()
    for (t1, a1), (t2, a2) in zip(ts, ts[1:]):
        gaps.append((t2 - t1, n, t1, a1, a2))
        if t2 - t1 < 54:
            short.append((t2 - t1, n, t1, a1, a2))
worst = max(gaps) if gaps else (0, -1, 0, "-", "-")
disruptions = [(t, e) for t, e in events if e.startswith(("SIGKILL", "node3 isolated", "feeds.yml edited"))]


def cause(t1, a1, a2):
    # The nearest disruption before the first fetch (within a lease and a tick plus the interval) explains it.
    near = [(t1 - t, e) for t, e in disruptions if -5 <= t1 - t <= 60 + lease_s + 5]
    near_text = f"{min(near)[1]} {min(near)[0]:.0f} s before" if near else "no disruption near"
    return f"{a1} then {a2}; {near_text}"


short_causes = collections.Counter(cause(t1, a1, a2) for _, _, t1, a1, a2 in short)

# Items: every item a fetch saw (minute m lists items m+1 down to m-3) must be stored once.
expected = {(n, i) for _, n, _, m in fetches for i in range(max(1, m - 3), m + 2)}
stored = collections.Counter()
for line in open(f"{work}/items.tsv"):
    n, guid = line.rstrip("\n").split("\t")
    stored[(int(n), int(guid.rsplit("/", 1)[1]))] += 1
lost = sorted(expected - set(stored))
twice = sum(c - 1 for c in stored.values() if c > 1)
count, distinct = open(f"{work}/counts.tsv").read().split()
leases_left = open(f"{work}/leases.tsv").read().strip()

# Readiness and items served, from the watcher.
ready = collections.defaultdict(list)
served = collections.defaultdict(dict)
for line in open(f"{work}/watch.log"):
    t, name, kind, value = line.split(" ", 3)
    if kind == "ready":
        ready[name].append((float(t), value.strip()))
    else:
        served[value.strip()][name] = float(t)


def unready_spans(name):
    spans, down = [], None
    for t, code in ready[name]:
        if code != "200" and down is None:
            down = (t, code)
        elif code == "200" and down is not None:
            spans.append(f"{rel(down[0])} → {rel(t)} ({t - down[0]:.1f} s, answered {down[1]})")
            down = None
    if down is not None:
        spans.append(f"{rel(down[0])} → end (answered {down[1]})")
    return "; ".join(spans) or "never"


# Items served while every instance was up, and items that appeared while one was down (dead, or on a dead or
# cut-off node): that one serves them once it is back.
windows = []
for start_text, end_text in (("SIGKILL node2", "node2 synced again"), ("SIGKILL instance c", "instance c ready again"),
                             ("node3 isolated", "node3 synced again")):
    begin, end = when(start_text), when(end_text)
    if begin is not None:
        windows.append((begin, end or begin + 60))
spreads, firsts, alls, disrupted = [], [], [], []
for url, seen in served.items():
    m = re.search(r"/(\d+)\.html$", url)
    appeared = start + (int(m.group(1)) - 1) * 60 if m else None
    if appeared is None or appeared < run0 + 5 or len(seen) < 3:
        continue
    if any(b - 5 <= t <= e + 5 for b, e in windows for t in seen.values()):
        disrupted.append(max(seen.values()) - min(seen.values()))
        continue
    spreads.append(max(seen.values()) - min(seen.values()))
    firsts.append(min(seen.values()) - appeared)
    alls.append(max(seen.values()) - appeared)


def summary(values):
    if not values:
        return "none measured"
    return f"median {statistics.median(values):.1f} s, max {max(values):.1f} s ({len(values)} items)"


def stall(agent, t_from):
    # The instance's own polling: its last fetch before the disruption and its first one after.
    if t_from is None:
        return "—"
    ts = sorted(t for t, _, a, _ in fetches if a == agent)
    before = max((t for t in ts if t <= t_from), default=None)
    after = min((t for t in ts if t > t_from + 1), default=None)
    if after is None:
        return "no fetch after it"
    return f"{after - (before or t_from):.1f} s without a fetch by {agent} (first after it at {rel(after)})"


def all_stall(t_from, t_to):
    ts = sorted(t for t, *_ in fetches if t_from <= t <= t_to)
    gaps_all = [b - a for a, b in zip(ts, ts[1:])]
    return f"{max(gaps_all):.1f} s" if gaps_all else "—"


wsrep = collections.defaultdict(dict)
for line in open(f"{work}/wsrep.txt"):
    node, name, value = line.split()
    wsrep[node][name.lower()] = value
metrics = [line.strip() for line in open(f"{work}/metrics.txt")] if os.path.exists(f"{work}/metrics.txt") else []
conflict_metrics = [m for m in metrics if "db_conflicts" in m and not m.endswith(" 0.0")]
logs = {}
for path in sorted(glob.glob(f"{work}/app-*.log")):
    name = path.rsplit("-", 1)[1][:-4]
    heads = collections.Counter()
    for line in open(path, errors="replace"):
        m = re.match(r"\S+ (WARN|ERROR) +\[[^\]]*\] (\S+) - (.*)", line)
        if m:
            text = re.sub(r"#\d+|\d+(\.\d+)?", "N", m.group(3))[:110]
            heads[f"{m.group(1)} {m.group(2)}: {text}"] += 1
    logs[name] = heads
deadlock_lines = {name: sum(1 for line in open(f"{work}/app-{name}.log", errors="replace")
                            if re.search(r"Deadlock|certification|1213|WSREP", line)) for name in logs}

node_kill, node_back = when("SIGKILL node2"), when("node2 synced again")
app_kill, app_back = when("SIGKILL instance c"), when("instance c ready again")
iso, iso_back = when("node3 isolated"), when("node3 synced again")
bound = 60 + 6 + lease_s + 1
title = "smoke: 3 nodes, 3 instances, no disruption" if smoke else "3 nodes, 3 instances, nodes and instances killed"
print(f"""# Several instances on Galera ({title})

`bench/galera.sh{' --smoke' if smoke else ''} {feeds} {int(total)}`; load average at the end {load}.

Three `mariadbd` 10.11 (Debian's mariadb-server, galera-4 `libgalera_smm.so`) on loopback, each with its own data
dir and ports, rsync SST, run as the mysql user; three JVMs (`java -Xmx256m -jar`, `tributary.poll.tick=1s`,
`tributary.poll.lease={lease}`), a on node1, b on node2, c on node3 (`jdbc:mariadb://127.0.0.1:<node port>/tributary`),
started at the same moment on an empty database; {feeds} feeds of a 1-minute interval on one local server that adds an
item to every feed each minute. The cluster was synced after {cluster_up} s.

## Timeline

| at (after the 3 instances were ready) | what |
|---|---|
""" + "\n".join(f"| {rel(t)} | {e} |" for t, e in events if t >= run0 - 60) + f"""

## Figures

| figure | measured |
|---|---|
| instance start-ups that died (all three started together on an empty database) | {starts_died} |
| feeds fetched | {len(times)} (file {feeds}{'' if smoke else ' + 1 added through the admin API'}) |
| fetches by instance (User-Agent) | {', '.join(f'{k}: {v}' for k, v in sorted(by_agent.items()))} |
| fetches per feed per interval: gaps between two fetches of a feed shorter than 54 s (polled twice in one interval) | {len(short)} of {len(gaps)} |
| longest gap between two fetches of a feed (bound: interval 60 s + jitter 6 s + lease {lease_s} s + tick 1 s = {bound} s) | {worst[0]:.1f} s (feed {worst[1]}, {worst[3]} then {worst[4]}) |
| items stored / distinct (feed, guid) | {count} / {distinct} |
| items stored twice | {twice} |
| items lost (seen in a fetched document, not stored at the end) | {len(lost)}{': ' + ', '.join(f'{n}/{i}' for n, i in lost[:20]) if lost else ''} |
| expired leases left in rows at the end | {leases_left} |
| Galera certification failures / brute-force aborts, per node (counters since each node's last start) | {'; '.join(f"{k}: {v.get('wsrep_local_cert_failures')} / {v.get('wsrep_local_bf_aborts')}" for k, v in sorted(wsrep.items()))} |
| conflicts the instances counted (`tributary_db_conflicts_total`, c since its restart) | {'; '.join(conflict_metrics) or 'none'} |
| log lines naming a deadlock, certification or WSREP, per instance | {', '.join(f'{k}: {v}' for k, v in deadlock_lines.items())} |
| new item (appears in the source at a minute's start) → first instance serves it, every instance up | {summary(firsts)} |
| new item → every instance serves it, every instance up | {summary(alls)} |
| first → last instance serving a new item, every instance up (peer check every 2 s) | {summary(spreads)} |
| first → last instance serving a new item that appeared while an instance or its node was down | {summary(disrupted)} |
""" + ("" if smoke else f"""| node2 killed: b's polling stalled | {stall('instance-b', node_kill)} |
| node2 killed: longest pause of all fetches until it was synced again | {all_stall(node_kill, node_back or node_kill)} |
| node2 rejoined by | {rejoin or 'see the node log'} |
| readiness of b (unready spans) | {unready_spans('b')} |
| node3 isolated (not primary, answers 1047): c's polling stalled | {stall('instance-c', iso)} |
| readiness of c (unready spans, its kill included) | {unready_spans('c')} |
| readiness of a (unready spans) | {unready_spans('a')} |
| feeds.yml edited: every instance reports it applied, with one revision | after {agree_after or 'never'} s |
| admin edits through instances on different nodes (HTTP status) | {admin_codes} |
""") + f"""| /admin/status at the end (feeds_file_applied, catalog_revision, feeds, problem) | {final_status} |

### Feeds polled twice within an interval, by cause

""" + ("\n".join(f"- {c}: {k}" for k, c in short_causes.most_common()) or "- none") + """

### WARN and ERROR lines of the instances (numbers replaced by N)

""" + "\n".join(f"- **{name}**: " + ("; ".join(f"{c} × `{h}`" for h, c in heads.most_common(8)) or "none")
                for name, heads in logs.items()))
