#!/bin/sh
# Starts the service in the image. JAVA_OPTS is split on spaces but never glob-expanded (set -f), and comes after our
# defaults so it can change any of them; for an option whose value holds a space use JDK_JAVA_OPTIONS, which the java
# launcher reads itself, quotes included. Arguments given after the image name reach the application.
set -f
DATA=$(dirname "${TRIBUTARY_EMBEDDED_DB_DATA_DIR:-/app/data/mariadb}")
if [ -z "${DATASOURCES_DEFAULT_URL:-}" ] && ! { mkdir -p "$DATA" 2>/dev/null && [ -w "$DATA" ]; }; then
  echo "tributary: $DATA is not writable by uid $(id -u): the embedded MariaDB keeps its data there." >&2
  echo "tributary: for a bind-mounted host folder, run: chown -R $(id -u):$(id -g) <that folder> (or use a named volume)." >&2
  exit 78
fi
exec java -XX:+UseParallelGC -Xmx288m -XX:MaxDirectMemorySize=64m -XX:+ExitOnOutOfMemoryError $JAVA_OPTS \
  -jar /app/tributary.jar "$@"
