#!/usr/bin/env bash
# An in-process send in the API's heap while it serves ingest: the API started with the image's JVM options
# (read from Dockerfile.api) at -XX:MaxRAM=1g, ROWS (1,000,000) executions stored beforehand, single-element posts
# at 16 connections for LOAD_SECONDS (100), and POST /api/v1/executions/send after SEND_AFTER seconds (40) of it,
# with the Portfolio Accounting CLI stand-in in exec mode. Prints the send's answer and time, the ingest rate,
# RSS and the collector's full collections. Checks that the heap the image gives the API is enough for a send.
#   bench/send-under-load.sh
#   SKIP_BUILD=1 JAVA_OPTS=-Xmx100m bench/send-under-load.sh   # another heap (appended, as the image does)
source "$(dirname "$0")/common.sh"
command -v wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }
ROWS=${ROWS:-1000000}
LOAD_SECONDS=${LOAD_SECONDS:-100}
SEND_AFTER=${SEND_AFTER:-40}
API_PORT=${API_PORT:-18389}
TRADE_PORT=${TRADE_PORT:-18383}
API=http://127.0.0.1:$API_PORT
OUT=bench/results/send-under-load
DB=allocation_bench_send_under_load
rm -rf "$OUT" && mkdir -p "$OUT/files"
build_jars
fresh_database $DB

java -cp "$STANDINS_JAR" org.kasbench.globeco.allocation.standins.TradeServiceStandIn $TRADE_PORT 0 > "$OUT/trade-standin.log" 2>&1 &
STANDIN=$!
PID=
trap 'kill $STANDIN $PID 2> /dev/null || true' EXIT
# shellcheck disable=SC2046,SC2206
COMMAND=(java $(image_java_flags) -XX:MaxRAM=1g -Xlog:gc:file="$OUT/gc.log" ${JAVA_OPTS:-} -jar "$API_JAR"
  --server.port=$API_PORT --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$DB
  --allocation.trade.url=http://127.0.0.1:$TRADE_PORT --allocation.files.dir="$OUT/files" --logging.level.root=WARN
  --allocation.cli.mode=exec --allocation.cli.timeout=10m
  "--allocation.cli.command=$JAVA_HOME/bin/java -cp $STANDINS_JAR org.kasbench.globeco.allocation.standins.PortfolioAccountingCliStandIn process --file {file} --output-dir {dir}")

"${COMMAND[@]}" > "$OUT/migrate.log" 2>&1 &   # migrates the fresh database
PID=$!
await_ready "$API/readyz" 120 "$(date +%s%N)" > /dev/null
kill -TERM $PID; wait $PID 2> /dev/null || true
load_executions $DB "$ROWS"

echo "command: ${COMMAND[*]:0:8} ..."
"${COMMAND[@]}" > "$OUT/api.log" 2>&1 &
PID=$!
await_ready "$API/readyz" 120 "$(date +%s%N)" > /dev/null
wrk -t2 -c16 -d"${LOAD_SECONDS}s" -s bench/ingest.lua "$API" -- 50000000 1 > "$OUT/wrk.txt" &
WRK=$!
sleep "$SEND_AFTER"
start=$(date +%s%N)
status=$(curl -s -m 600 -X POST -H 'Content-Type: application/json' "$API/api/v1/executions/send" -d '{}' \
  -o "$OUT/send.json" -w '%{http_code}')
echo "send: http=$status seconds=$(echo "scale=1; ($(date +%s%N) - $start) / 1000000000" | bc) $(head -c 160 "$OUT/send.json")"
echo "rss_mb=$(rss_mb $PID) peak_rss_mb=$(awk '/VmHWM/ {print int($2 / 1024)}' /proc/$PID/status)"
wait $WRK
echo "ingest meanwhile: $(awk '/^Requests\/sec:/ {print $2}' "$OUT/wrk.txt") requests/s; non-201 answers: $(grep -c 'unexpected status' "$OUT/wrk.txt" || true)"
echo "full collections: $(grep -c 'Pause Full' "$OUT/gc.log" || true); OutOfMemoryError in the log: $(grep -c OutOfMemoryError "$OUT/api.log" || true)"
grep 'Pause Full (Allocation Failure)' "$OUT/gc.log" | tail -2 || true
