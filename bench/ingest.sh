#!/usr/bin/env bash
# Ingest benchmark: start-up time, single-element posts (the Confirmation Service's pattern) at zero Trade
# Service latency, and 100-element posts with 10 ms Trade Service latency. Uses wrk on loopback only.
#   bench/ingest.sh              # build, then measure (about 2 minutes)
#   SKIP_BUILD=1 DURATION=30s bench/ingest.sh
# Another jar and extra JVM options for the API can be given, e.g. the extracted jar and AOT cache that
# bench/startup.sh leaves behind:
#   SKIP_BUILD=1 BENCH_API_JAR=bench/results/extracted/allocation-api-1.0.0-SNAPSHOT.jar \
#     API_JAVA_OPTS=-XX:AOTCache=bench/results/extracted/app.aot bench/ingest.sh
source "$(dirname "$0")/common.sh"
command -v wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }
DURATION=${DURATION:-20s}
DB=allocation_bench
fresh_database $DB
build_jars
API_JAR=${BENCH_API_JAR:-$API_JAR}

java -cp "$STANDINS_JAR" org.kasbench.globeco.allocation.standins.TradeServiceStandIn 18082 0 > bench/results/trade-standin.log 2>&1 &
STANDIN=$!
trap 'kill $STANDIN $API 2>/dev/null || true' EXIT

start=$(date +%s%N)
# shellcheck disable=SC2086
java ${API_JAVA_OPTS:-} -jar "$API_JAR" \
  --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$DB --allocation.trade.url=http://127.0.0.1:18082 \
  --allocation.files.dir=bench/results/files --logging.level.root=WARN > bench/results/api.log 2>&1 &
API=$!
ready=$(await_ready http://127.0.0.1:8089/readyz 120 "$start")
sleep 2 # let start-up work settle before reading idle memory
echo "ready_seconds=$ready idle_rss_mb=$(rss_mb $API)"

# Warm-up: JIT and connection pools, not measured.
wrk -t2 -c16 -d10s -s bench/ingest.lua http://127.0.0.1:8089 -- 100000000 1 > /dev/null

echo "== single-element posts, Trade Service latency 0 ms ($DURATION, 2 threads, 32 connections)"
wrk -t2 -c32 -d"$DURATION" --latency -s bench/ingest.lua http://127.0.0.1:8089 -- 200000000 1 | tee bench/results/single.txt
echo "loaded_rss_mb=$(rss_mb $API)"
echo "== single-element posts, Trade Service latency 0 ms ($DURATION, 1 thread, 4 connections: latency at moderate load)"
wrk -t1 -c4 -d"$DURATION" --latency -s bench/ingest.lua http://127.0.0.1:8089 -- 250000000 1 | tee bench/results/single-4.txt

curl -s -X POST 'http://127.0.0.1:18082/_standin/latency?ms=10' > /dev/null
echo "== 100-element posts, Trade Service latency 10 ms ($DURATION, 1 connection)"
wrk -t1 -c1 -d"$DURATION" --latency -s bench/ingest.lua http://127.0.0.1:8089 -- 300000000 100 | tee bench/results/hundred.txt
echo "== 100-element posts, Trade Service latency 10 ms ($DURATION, 4 connections)"
wrk -t2 -c4 -d"$DURATION" --latency -s bench/ingest.lua http://127.0.0.1:8089 -- 400000000 100 | tee bench/results/hundred-4.txt
echo "rows_stored=$(psql -h 127.0.0.1 -U postgres -d $DB -tAc 'SELECT count(*) FROM execution')"
