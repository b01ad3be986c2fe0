# Build stage: compile and package the runnable jar with the Maven wrapper.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN ./mvnw -B -q dependency:go-offline
COPY src/ src/
RUN ./mvnw -B -q package -DskipTests

# Runtime stage: a JRE and the jar, run as an unprivileged user.
FROM eclipse-temurin:17-jre
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
# ParallelGC: about 1.5x the requests/s of G1 for hot feeds on 2 cores (bench/publish-vs-nginx.sh).
ENTRYPOINT ["java", "-XX:+UseParallelGC", "-XX:MaxRAMPercentage=60", "-jar", "/app/tributary.jar"]
