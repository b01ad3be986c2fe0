# Build stage: compile and package the runnable jar with the Maven wrapper.
# Base images pinned by full tag; bump them deliberately (or pin by digest where the registry is reachable).
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
# maven.test.skip: .dockerignore leaves the tests out of the build context, so they are not compiled either.
RUN ./mvnw -B -q package -Dmaven.test.skip=true

# Runtime stage: a JRE and the jar, run as an unprivileged user with a pinned UID, so a bind-mounted host folder can be
# chowned to it (the entrypoint says so when the data folder is not writable).
FROM eclipse-temurin:17.0.13_11-jre-noble
RUN useradd --uid 10001 --user-group --no-create-home --home-dir /app --shell /usr/sbin/nologin tributary \
    && mkdir -p /app/data /app/engine /app/run \
    && chown tributary:tributary /app/data /app/engine /app/run && chmod 700 /app/run
WORKDIR /app
# Owned by root and read-only to the service, which needs no write access to its own jar; --chown at copy time, since a
# later chown -R would copy the 174 MB jar into a second layer.
COPY --from=build /src/target/tributary-*.jar /app/tributary.jar
# entrypoint.sh is executable in git, and COPY keeps its mode (--chmod needs BuildKit).
COPY src/main/docker/entrypoint.sh /app/entrypoint.sh
COPY feeds.yml /app/config/feeds.yml
USER tributary
# The embedded MariaDB (used when DATASOURCES_DEFAULT_URL is unset): data on the /app/data volume; its binaries
# (334 MB) unpacked into the container's own layer, not onto the volume; listening on a socket in a folder only the
# service's user can enter, never on a port (it runs without grant tables). feeds.yml is read from a folder, so a host
# folder mounted there keeps live reload working when an editor or git replaces the file (a single-file bind mount
# keeps showing the old file after a rename).
ENV TRIBUTARY_FEEDS_FILE=/app/config/feeds.yml \
    TRIBUTARY_EMBEDDED_DB_DATA_DIR=/app/data/mariadb \
    TRIBUTARY_EMBEDDED_DB_BASE_DIR=/app/engine/mariadb \
    TRIBUTARY_EMBEDDED_DB_SOCKET=/app/run/mariadb.sock
# No VOLUME line: it would leave an anonymous volume behind at every run with an external database. Mount one at
# /app/data for the embedded database (docker run -v tributary-data:/app/data).
EXPOSE 8080
# Liveness, not readiness: a database outage makes /health DOWN (the service still serves cached feeds and must not
# be restarted for it). bash's /dev/tcp, so the check needs neither curl nor wget in the base image. Every 10 s, so
# the first result comes 10 s after start, not 30; the start period covers a first start (the embedded MariaDB
# installs itself).
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MICRONAUT_SERVER_PORT:-8080} && printf 'GET /health/liveness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# SIGTERM (docker stop) is a clean exit 0: polls in flight get TRIBUTARY_POLL_SHUTDOWN_GRACE (20 s) to finish, and
# the embedded MariaDB stops after them. docker stop waits only 10 s before SIGKILL: run with --stop-timeout 30
# (compose: stop_grace_period: 30s).
STOPSIGNAL SIGTERM
# ParallelGC: about 1.5x the requests/s of G1 for hot feeds on 2 cores (bench/publish-vs-nginx.sh). A fixed heap keeps
# the process under the 512 MB target (DESIGN.md): without a limit ParallelGC grows the heap towards a share of the
# host's memory instead of collecting (2.2 GB measured on a 24 GB host, bench/results/), and a percentage of RAM means
# nothing where the container has no memory limit. Under sustained load every page of the heap ends up resident, and
# the rest of the JVM (metaspace, code, GC tables, threads, libraries) takes about 200 MB more: 288 MB of heap peaked
# at 492 MB resident under cache-busting readers, where 320 MB reached 533 MB (bench/hostile-readers.sh,
# bench/results/2026-12-03-hostile-readers.md). MaxDirectMemorySize caps Netty's buffers for slow readers of large
# pages; MALLOC_ARENA_MAX=2 stops glibc from keeping an arena of native memory per thread. Exit on OutOfMemoryError
# so the restart policy starts a fresh process. These flags are in entrypoint.sh; JAVA_OPTS comes after them, so it can
# change any of them (a later -Xmx wins).
ENV JAVA_OPTS="" \
    MALLOC_ARENA_MAX=2
ENTRYPOINT ["/app/entrypoint.sh"]
