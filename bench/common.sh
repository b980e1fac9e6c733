# Shared by the benchmarks: JDK, PostgreSQL, a fresh database, the built jars, and waiting for readiness.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/java-home.sh
scripts/ensure-postgres.sh
mkdir -p bench/results

fresh_database() {
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $1 WITH (FORCE)"
  psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $1"
}

build_jars() {
  if [[ "${SKIP_BUILD:-}" != "1" ]]; then
    ./mvnw -q -B -ntp -DskipTests package
  fi
  API_JAR=$(ls allocation-api/target/allocation-api-*.jar | head -1)
  JOB_JAR=$(ls allocation-send-job/target/allocation-send-job-*.jar | head -1)
  STANDINS_JAR=$(ls allocation-standins/target/allocation-standins-*.jar | head -1)
}

# Waits until $1 answers 200, at most $2 seconds; prints the seconds it took since $3 (epoch ns).
await_ready() {
  local deadline=$((SECONDS + $2))
  until curl -sf "$1" > /dev/null; do
    (( SECONDS > deadline )) && { echo "not ready: $1" >&2; return 1; }
    sleep 0.05
  done
  echo "scale=2; ($(date +%s%N) - $3) / 1000000000" | bc
}

rss_mb() {
  echo $(( $(ps -o rss= -p "$1") / 1024 ))
}
