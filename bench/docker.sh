#!/usr/bin/env bash
# The container as operators run it (issue 20), verified on this machine with one command: starts a Docker engine if
# none runs (Debian's docker.io: no bridge, no iptables; everything on --network host), builds stand-ins for the base
# images when missing (no registry is reachable here), builds the image from a fresh clone of this repository's HEAD
# with the classic builder, and checks: size, non-root, HEALTHCHECK healthy, liveness and /feeds, a poll in flight
# at `docker stop` (exit 0 within the grace, the poll stored, no lost connection), data kept across a restart, an
# external MariaDB (the machine's, on 127.0.0.1:3306), and feeds.yml replaced by a rename in a mounted folder.
#
# STAND-INS: the real bases are Ubuntu noble with Temurin (maven:3.9.9-eclipse-temurin-17,
# eclipse-temurin:17.0.13_11-jre-noble); here they are Debian bookworm with Debian's OpenJDK 17, made by debootstrap
# and tagged with those names, so every figure below is for the stand-ins.
#
# Usage: bench/docker.sh   env: RESULTS=<file> appends the report; KEEP=1 leaves the images and volumes.
# Run by hand (needs root, about 10 minutes cold, 3 warm); not part of .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
DOCKER=/usr/bin/docker   # Debian's docker.io client, matched to its engine
export DOCKER_BUILDKIT=0 # no buildx here: the classic builder
STANDINS=${STANDINS:-/var/cache/tributary-standins}
MAVEN_IMAGE=maven:3.9.9-eclipse-temurin-17
JRE_IMAGE=eclipse-temurin:17.0.13_11-jre-noble
TAG=tributary:verify
PORT=${PORT:-18080}
WORK=$(mktemp -d)
log() { echo "== $*" >&2; }
cleanup() {
  for c in trib-embedded trib-external trib-config; do $DOCKER rm -f "$c" >/dev/null 2>&1 || true; done
  [ -n "${FEED_PID:-}" ] && kill "$FEED_PID" 2>/dev/null || true
  [ "${KEEP:-0}" = 1 ] || { $DOCKER volume rm -f trib-data >/dev/null 2>&1; $DOCKER image prune -f >/dev/null 2>&1; } || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# 1) The engine.
if ! command -v dockerd >/dev/null || ! command -v debootstrap >/dev/null || ! command -v docker-compose >/dev/null; then
  log "installing docker.io, debootstrap and docker-compose"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io debootstrap docker-compose >&2
fi
if ! $DOCKER info >/dev/null 2>&1; then
  log "starting dockerd (no bridge, no iptables)"
  nohup dockerd --bridge=none --iptables=false --ip-forward=false --ip-masq=false > /var/log/tributary-dockerd.log 2>&1 &
  for _ in $(seq 1 60); do $DOCKER info >/dev/null 2>&1 && break; sleep 1; done
  $DOCKER info >/dev/null
fi

# 2) Stand-ins for the base images, built once and kept.
if ! $DOCKER image inspect "$MAVEN_IMAGE" >/dev/null 2>&1 || ! $DOCKER image inspect "$JRE_IMAGE" >/dev/null 2>&1; then
  if ! $DOCKER image inspect tributary-standin-base >/dev/null 2>&1; then
    log "debootstrap bookworm (stand-in base)"
    mkdir -p "$STANDINS"
    rm -rf "$STANDINS/rootfs"
    debootstrap --variant=minbase bookworm "$STANDINS/rootfs" http://deb.debian.org/debian >&2
    tar -C "$STANDINS/rootfs" -c . | $DOCKER import - tributary-standin-base >&2
    rm -rf "$STANDINS/rootfs"
  fi
  mkdir -p "$WORK/standin"
  # The egress proxy here re-signs TLS: Maven Central fails with "self-signed certificate in certificate chain"
  # unless the machine's extra CAs are trusted in the build image (and in Java's cacerts, which Debian derives).
  cp /usr/local/share/ca-certificates/*.crt "$WORK/standin/" 2>/dev/null || true
  cat > "$WORK/standin/Dockerfile.maven" <<'EOF'
FROM tributary-standin-base
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jdk-headless ca-certificates-java ca-certificates curl && rm -rf /var/lib/apt/lists/*
COPY *.crt /usr/local/share/ca-certificates/
RUN update-ca-certificates
EOF
  cat > "$WORK/standin/Dockerfile.jre" <<'EOF'
FROM tributary-standin-base
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jre-headless bash libncurses6 libaio1 libxml2 && rm -rf /var/lib/apt/lists/* \
    && useradd --uid 1000 --create-home ubuntu
EOF
  # At least one .crt must exist for COPY *.crt; an empty marker otherwise.
  ls "$WORK/standin/"*.crt >/dev/null 2>&1 || : > "$WORK/standin/none.crt"
  log "building stand-in $MAVEN_IMAGE"
  $DOCKER build --network host -q -t "$MAVEN_IMAGE" -f "$WORK/standin/Dockerfile.maven" "$WORK/standin" >&2
  log "building stand-in $JRE_IMAGE"
  $DOCKER build --network host -q -t "$JRE_IMAGE" -f "$WORK/standin/Dockerfile.jre" "$WORK/standin" >&2
fi

# The compose file is valid (Debian's docker-compose 1.29 checks it; running the stack would need a bridge network).
if command -v docker-compose >/dev/null; then
  TRIBUTARY_DB_PASSWORD=x MARIADB_ROOT_PASSWORD=y docker-compose -f "$REPO/docker-compose.yml" config -q
  COMPOSE="valid (docker-compose config)"
else
  COMPOSE="not checked (docker-compose missing)"
fi

# 3) The image, from a fresh clone of HEAD (what is committed, not the working tree).
git clone -q "$REPO" "$WORK/clone"
log "building $TAG from a fresh clone of $(git rev-parse --short HEAD)"
B0=$(date +%s)
$DOCKER build --network host -t "$TAG" "$WORK/clone" > "$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log"; exit 1; }
BUILD_S=$(( $(date +%s) - B0 ))
SENT=$(grep -o 'Sending build context to Docker daemon *[0-9.]*[kMG]*B' "$WORK/build.log" | awk '{print $NF}' | tail -1)
SIZE_MB=$($DOCKER image inspect -f '{{.Size}}' "$TAG" | awk '{printf "%.0f", $1/1048576}')
JAR_LAYERS=$($DOCKER history --no-trunc --format '{{.Size}} {{.CreatedBy}}' "$TAG" | grep -c 'tributary' || true)
USER_ID=$($DOCKER run --rm --network host --entrypoint id "$TAG" -u)
VOLUMES=$($DOCKER image inspect -f '{{json .Config.Volumes}}' "$TAG")

# A loopback feed: a fast one, and a slow one (its body trickles over about 6 s) to have a poll in flight at stop.
mkdir -p "$WORK/feeds" "$WORK/config"
python3 - "$WORK/feeds" <<'PY'
import sys
d = sys.argv[1]
items = "".join(f"<item><guid>https://example.vn/{i}</guid><title>Tin số {i}: Đà Nẵng</title>"
                f"<link>https://example.vn/{i}</link><pubDate>Tue, 01 Dec 2026 0{i % 10}:00:00 GMT</pubDate></item>"
                for i in range(1, 41))
doc = f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>T</title><link>https://example.vn/</link><description>d</description>{items}</channel></rss>'
open(f"{d}/fast.rss", "w").write(doc)
open(f"{d}/slow.rss", "w").write(doc.replace("example.vn/", "slow.example.vn/"))
PY
FEED_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
python3 - "$WORK/feeds" "$FEED_PORT" >> "$WORK/feeds.log" 2>&1 <<'PY' &
import http.server, sys, time, os
root, port = sys.argv[1], int(sys.argv[2])
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        path = os.path.join(root, os.path.basename(self.path))
        if not os.path.exists(path):
            self.send_error(404); return
        body = open(path, "rb").read()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if "slow" in self.path and os.path.exists(os.path.join(root, "slow.on")):
            step = max(1, len(body) // 12)
            for i in range(0, len(body), step):
                self.wfile.write(body[i:i + step]); self.wfile.flush(); time.sleep(0.5)
        else:
            self.wfile.write(body)
    def log_message(self, *a):
        sys.stderr.write("GET %s\n" % self.path)
http.server.ThreadingHTTPServer(("127.0.0.1", port), H).serve_forever()
PY
FEED_PID=$!
feeds_yml() {  # the categories given, one feed each, polled every minute (the floor)
  echo "categories:"; for c in "$@"; do echo "  - title: Tin $c"; echo "    slug: $c"; done
  echo "feeds:"; for c in "$@"; do echo "  - url: http://127.0.0.1:$FEED_PORT/$c.rss"; echo "    categories: [$c]"
    echo "    interval: 1m"; done
}
feeds_yml fast slow > "$WORK/config/feeds.yml"
chmod -R a+rX "$WORK"

run() {  # name, then docker run arguments
  local name=$1; shift
  $DOCKER run -d --name "$name" --network host --stop-timeout 30 -e MICRONAUT_SERVER_PORT=$PORT \
    -e TRIBUTARY_FETCH_ALLOW_PRIVATE_ADDRESSES=true -e TRIBUTARY_POLL_TICK=1s \
    -v "$WORK/config":/app/config:ro "$@" "$TAG" >/dev/null
}
wait_healthy() {  # name; prints seconds from start to healthy
  local t0; t0=$(date +%s)
  for _ in $(seq 1 180); do
    [ "$($DOCKER inspect -f '{{.State.Health.Status}}' "$1")" = healthy ] && { echo $(( $(date +%s) - t0 )); return 0; }
    [ "$($DOCKER inspect -f '{{.State.Running}}' "$1")" = true ] || { $DOCKER logs "$1" | tail -30 >&2; return 1; }
    sleep 1
  done
  $DOCKER logs "$1" | tail -30 >&2; return 1
}
items_in() { curl -s "http://127.0.0.1:$PORT/feeds/$1.json" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))' 2>/dev/null || echo 0; }
wait_items() {  # category, at least n
  for _ in $(seq 1 60); do [ "$(items_in "$1")" -ge "$2" ] && return 0; sleep 1; done; return 1
}

# 4) Embedded MariaDB on a named volume.
log "run with the embedded MariaDB"
T0=$(date +%s)
run trib-embedded -v trib-data:/app/data
HEALTHY_S=$(wait_healthy trib-embedded)
LIVE=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health/liveness")
wait_items fast 20 || { $DOCKER logs trib-embedded | tail -30; echo "fast feed not served"; exit 1; }
wait_items slow 20 || { echo "slow feed not served"; exit 1; }
FEEDS_CODE=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/feeds")
MEM=$($DOCKER stats --no-stream --format '{{.MemUsage}}' trib-embedded | cut -d/ -f1)
PROCS=$($DOCKER exec trib-embedded ps -eo user:12,comm 2>/dev/null | awk 'NR>1 {print $1":"$2}' | sort -u | tr '\n' ' ' || true)
# --network host shares the host's port table, so ask mariadbd's own command line whether it listens on a port at all.
NO_PORT=$($DOCKER exec trib-embedded sh -c 'for f in /proc/[0-9]*/cmdline; do tr "\0" " " < "$f"; echo; done' \
  | grep mariadbd | grep -c -- '--skip-networking' || true)
SOCKET_MODE=$($DOCKER exec trib-embedded stat -c '%a %U' /app/run)
VOLUME_FILES=$($DOCKER run --rm --network host -v trib-data:/data --entrypoint sh "$TAG" -c 'ls /data; du -sm /data | cut -f1')

# A poll in flight at docker stop: the slow feed trickles now; its next poll starts within a tick of being due.
: > "$WORK/feeds.log"
touch "$WORK/feeds/slow.on"
python3 - "$WORK/feeds" <<'PY'
import sys
p = sys.argv[1] + "/slow.rss"
s = open(p).read()
s = s.replace("</channel>", "".join(f"<item><guid>https://slow.example.vn/new-{i}</guid><title>Tin mới {i}</title>"
              f"<link>https://slow.example.vn/new-{i}</link><pubDate>Wed, 02 Dec 2026 10:00:00 GMT</pubDate></item>"
              for i in range(1, 6)) + "</channel>")
open(p, "w").write(s)
PY
# The slow feed's next poll (1-minute interval) is the one in flight when the container is stopped.
for _ in $(seq 1 180); do grep -q 'slow.rss' "$WORK/feeds.log" && break; sleep 0.5; done
grep -q 'slow.rss' "$WORK/feeds.log" || { echo "the slow feed was not polled again within 90 s"; exit 1; }
sleep 1
S0=$(date +%s%N)
$DOCKER stop -t 30 trib-embedded >/dev/null
STOP_MS=$(( ($(date +%s%N) - S0) / 1000000 ))
EXIT=$($DOCKER inspect -f '{{.State.ExitCode}}' trib-embedded)
$DOCKER logs trib-embedded > "$WORK/embedded.log" 2>&1
LOST=$(grep -c -E 'Failed to obtain JDBC Connection|cannot record|cannot give back' "$WORK/embedded.log" || true)
rm -f "$WORK/feeds/slow.on"
# Restart on the same volume: the data (and the poll that was in flight) is there.
$DOCKER start trib-embedded >/dev/null
RESTART_HEALTHY_S=$(wait_healthy trib-embedded)
AFTER_RESTART=$(items_in slow)
NEW_AFTER_RESTART=$(curl -s "http://127.0.0.1:$PORT/feeds/slow.json" | grep -o 'Tin mới' | wc -l)
$DOCKER rm -f trib-embedded >/dev/null

# 5) feeds.yml replaced by a rename in the mounted folder (as editors and git do) is applied.
log "feeds.yml replaced by a rename"
run trib-config -v trib-data:/app/data
wait_healthy trib-config >/dev/null
feeds_yml fast slow extra > "$WORK/config/feeds.yml.new"; cp "$WORK/feeds/fast.rss" "$WORK/feeds/extra.rss"
chmod a+r "$WORK/config/feeds.yml.new" "$WORK/feeds/extra.rss"
mv "$WORK/config/feeds.yml.new" "$WORK/config/feeds.yml"
R0=$(date +%s)
RENAME_SEEN="no"
for _ in $(seq 1 30); do curl -s "http://127.0.0.1:$PORT/feeds" | grep -q '"extra"' && { RENAME_SEEN="yes, after $(( $(date +%s) - R0 )) s"; break; }; sleep 1; done
$DOCKER rm -f trib-config >/dev/null

# 6) An external MariaDB: the machine's, on 127.0.0.1:3306 (no volume mounted: none is left behind).
log "run with an external MariaDB"
mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS tributary_docker; CREATE DATABASE tributary_docker"
VOLS_BEFORE=$($DOCKER volume ls -q | wc -l)
run trib-external -e DATASOURCES_DEFAULT_URL=jdbc:mariadb://127.0.0.1:3306/tributary_docker \
  -e DATASOURCES_DEFAULT_USERNAME=root -e DATASOURCES_DEFAULT_PASSWORD=
EXT_HEALTHY_S=$(wait_healthy trib-external)
wait_items fast 20 || { echo "external: fast feed not served"; exit 1; }
EXT_ITEMS=$(mysql -h127.0.0.1 -uroot -N -e "SELECT COUNT(*) FROM tributary_docker.item")
$DOCKER rm -f trib-external >/dev/null
VOLS_AFTER=$($DOCKER volume ls -q | wc -l)
mysql -h127.0.0.1 -uroot -e "DROP DATABASE tributary_docker"

REPORT=$(cat <<MD
## Container (bench/docker.sh), $(date -u +%Y-%m-%d\ %H:%M) UTC, image from $(git rev-parse --short HEAD)

Stand-in bases (Debian bookworm + Debian OpenJDK 17 under the real images' tags; the real ones are Ubuntu noble +
Temurin), Debian's docker.io $($DOCKER version -f '{{.Server.Version}}'), classic builder, --network host.

| check | result |
|---|---|
| build from a fresh clone | ${BUILD_S} s; context sent: ${SENT:-?} |
| docker-compose.yml | ${COMPOSE} |
| image size | ${SIZE_MB} MiB |
| user | uid ${USER_ID} |
| declared volumes | ${VOLUMES} |
| embedded DB: healthy after | ${HEALTHY_S} s (liveness ${LIVE}, /feeds ${FEEDS_CODE}) |
| idle memory | ${MEM} |
| mariadbd on a socket only (--skip-networking) | $( [ "$NO_PORT" -ge 1 ] && echo yes || echo NO) |
| socket folder | /app/run: ${SOCKET_MODE} |
| volume holds | $(echo $VOLUME_FILES) (names, then MB) |
| docker stop with a poll in flight | ${STOP_MS} ms, exit ${EXIT}; lost-connection or lost-claim log lines: ${LOST} |
| after restart on the same volume | healthy after ${RESTART_HEALTHY_S} s; slow feed ${AFTER_RESTART} items, of which the poll in flight at stop: ${NEW_AFTER_RESTART}/5 |
| feeds.yml replaced by a rename in the mounted folder | seen: ${RENAME_SEEN} |
| external MariaDB | healthy after ${EXT_HEALTHY_S} s, ${EXT_ITEMS} items stored; volumes before/after: ${VOLS_BEFORE}/${VOLS_AFTER} |
MD
)
echo "$REPORT"
[ -n "${RESULTS:-}" ] && { echo "$REPORT"; echo; } >> "$RESULTS"
[ "$EXIT" = 0 ] && [ "$LOST" = 0 ] && [ "$NO_PORT" -ge 1 ] && [ "$USER_ID" != 0 ] && [ "$NEW_AFTER_RESTART" -ge 1 ] && [ "$RENAME_SEEN" != no ] \
  && [ "$VOLS_BEFORE" = "$VOLS_AFTER" ] || { echo "FAILED: see the table"; exit 1; }
echo "all checks passed"
