#!/usr/bin/env bash
# Start-up benchmark: time from launching the JVM to /readyz answering 200, and resident memory once idle, for
#   1. java -jar on the fat jar,
#   2. java -jar on the extracted jar (Spring Boot's tools jarmode, as the image does),
#   3. the same with a JDK 25 AOT cache trained by one full start, a few requests, and a clean stop (as the image).
# Each variant runs RUNS times (default 3); the median is reported. The database is migrated by the first run.
#   bench/startup.sh
#   SKIP_BUILD=1 RUNS=5 bench/startup.sh
source "$(dirname "$0")/common.sh"
RUNS=${RUNS:-3}
DB=allocation_bench_startup
fresh_database $DB
build_jars
EXTRACTED=bench/results/extracted
rm -rf "$EXTRACTED" && java -Djarmode=tools -jar "$API_JAR" extract --destination "$EXTRACTED" > /dev/null
THIN_JAR="$EXTRACTED/$(basename "$API_JAR")"
ARGS=(--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$DB --allocation.trade.url=http://127.0.0.1:18082)

# Prints "<seconds to ready> <idle RSS MB>" for one start of: java "$@"
one_start() {
  local start pid ready
  start=$(date +%s%N)
  java "$@" "${ARGS[@]}" > bench/results/startup-run.log 2>&1 &
  pid=$!
  ready=$(await_ready http://127.0.0.1:8089/readyz 120 "$start")
  sleep 2
  echo "$ready $(rss_mb $pid)"
  kill -TERM $pid; wait $pid 2>/dev/null || true
}

median_of() {
  local label=$1; shift
  local results=()
  for _ in $(seq "$RUNS"); do results+=("$(one_start "$@")"); done
  printf '%s\n' "${results[@]}" | sort -n | awk -v label="$label" -v n="$RUNS" \
    '{ready[NR]=$1; rss[NR]=$2} END {m=int((n+1)/2); printf "%-32s ready_seconds=%s idle_rss_mb=%s (runs: %d)\n", label, ready[m], rss[m], n}'
}

one_start -jar "$API_JAR" > /dev/null   # migrates the fresh database, so every measured start finds it ready
median_of "fat jar" -jar "$API_JAR"
median_of "extracted jar" -jar "$THIN_JAR"

java -XX:AOTCacheOutput="$EXTRACTED/app.aot" -jar "$THIN_JAR" "${ARGS[@]}" > bench/results/aot-training.log 2>&1 &
TRAINING=$!
await_ready http://127.0.0.1:8089/readyz 120 "$(date +%s%N)" > /dev/null
curl -s 'http://127.0.0.1:8089/api/v1/executions?limit=1' > /dev/null
curl -s http://127.0.0.1:8089/metrics > /dev/null
kill -TERM $TRAINING; wait $TRAINING 2>/dev/null || true
median_of "extracted jar + AOT cache" -XX:AOTCache="$EXTRACTED/app.aot" -jar "$THIN_JAR"
