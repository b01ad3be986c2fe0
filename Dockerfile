# Build stage: compile and package the runnable jar with the Maven wrapper.
# Base images pinned by full tag; bump them deliberately (or pin by digest where the registry is reachable).
FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -q package -DskipTests

# Runtime stage: a JRE and the jar, run as an unprivileged user.
FROM eclipse-temurin:17.0.13_11-jre-noble
# The embedded MariaDB (used when DATASOURCES_DEFAULT_URL is unset) runs from the jar's own binaries;
# it needs only libraries the Ubuntu base already has, and a writable data dir.
RUN useradd --system --create-home --home-dir /app tributary
WORKDIR /app
COPY --from=build /src/target/tributary-*.jar /app/tributary.jar
COPY feeds.yml /app/feeds.yml
RUN mkdir -p /app/data && chown -R tributary /app
USER tributary
ENV TRIBUTARY_FEEDS_FILE=/app/feeds.yml \
    TRIBUTARY_EMBEDDED_DB_DATA_DIR=/app/data/mariadb
VOLUME /app/data
EXPOSE 8080
# Liveness, not readiness: a database outage makes /health DOWN (the service still serves cached feeds and must not
# be restarted for it). bash's /dev/tcp, because the JRE image has no curl; the start period covers first start.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MICRONAUT_SERVER_PORT:-8080} && printf 'GET /health/liveness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# SIGTERM (docker stop) is a clean exit 0: polls in flight get TRIBUTARY_POLL_SHUTDOWN_GRACE (20 s) to finish, so
# give docker stop at least 30 s (compose: stop_grace_period).
STOPSIGNAL SIGTERM
# ParallelGC: about 1.5x the requests/s of G1 for hot feeds on 2 cores (bench/publish-vs-nginx.sh). A fixed heap keeps
# the process under the 512 MB target (DESIGN.md): without a limit ParallelGC grows the heap towards a share of the
# host's memory instead of collecting (2.2 GB measured on a 24 GB host, bench/results/), and a percentage of RAM means
# nothing where the container has no memory limit. Under sustained load every page of the heap ends up resident, and
# the rest of the JVM (metaspace, code, GC tables, threads, libraries) takes about 200 MB more: 288 MB of heap peaked
# at 492 MB resident under cache-busting readers, where 320 MB reached 533 MB (bench/hostile-readers.sh,
# bench/results/2026-12-03-hostile-readers.md). MaxDirectMemorySize caps Netty's buffers for slow readers of large
# pages; MALLOC_ARENA_MAX=2 stops glibc from keeping an arena of native memory per thread. Exit on OutOfMemoryError
# so the restart policy starts a fresh process. JAVA_OPTS comes last, so it can change any of these (a later -Xmx wins).
ENV JAVA_OPTS="" \
    MALLOC_ARENA_MAX=2
ENTRYPOINT ["sh", "-c", "exec java -XX:+UseParallelGC -Xmx288m -XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError $JAVA_OPTS -jar /app/tributary.jar"]
