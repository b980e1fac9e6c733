#!/usr/bin/env bash
# What the latency histograms cost per post: the API started alternately with its histogram buckets (as shipped)
# and without them (the request, Trade Service and HTTP client timers back to count, sum and max), ROUNDS times
# each, interleaved so that a machine's changing load hits both alike. Each run: WARM of single-element posts at
# CONNECTIONS connections (wrk, Trade Service stand-in at 0 ms), then DURATION measured: requests/s and the API's
# CPU milliseconds per post (less noisy than the rate on a shared machine). About 1.5 minutes a run.
#   SKIP_BUILD=1 ROUNDS=3 bench/histogram-cost.sh
# Its own database (allocation_bench_histograms) and ports (API_PORT 18589, TRADE_PORT 18583); loopback only.
source "$(dirname "$0")/common.sh"
command -v wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }
ROUNDS=${ROUNDS:-3}
WARM=${WARM:-30s}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-8}
API_PORT=${API_PORT:-18589}
TRADE_PORT=${TRADE_PORT:-18583}
DB=allocation_bench_histograms
OUT=bench/results/histogram-cost
rm -rf "$OUT" && mkdir -p "$OUT/files"
build_jars
# A copy, so that a build meanwhile cannot change the jar under the runs.
cp "$API_JAR" "$OUT/api.jar"
fresh_database $DB

java -cp "$STANDINS_JAR" org.kasbench.globeco.allocation.standins.TradeServiceStandIn "$TRADE_PORT" 0 \
  > "$OUT/trade-standin.log" 2>&1 &
STANDIN=$!
API=
trap 'kill $STANDIN $API 2> /dev/null || true' EXIT
WITHOUT_BUCKETS=(--management.metrics.distribution.slo.http.server.requests=
  --management.metrics.distribution.slo.http.client.requests=
  --management.metrics.distribution.slo.allocation.trade.lookup=)

# One run: $1 the label, then the API's extra arguments.
run() {
  local label=$1 id_base=$(( (RANDOM * 32768 + RANDOM) * 100 ))
  shift
  java -jar "$OUT/api.jar" --server.port="$API_PORT" --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" \
    --allocation.trade.url="http://127.0.0.1:$TRADE_PORT" --allocation.files.dir="$OUT/files" \
    --allocation.cli.mode=exec --allocation.cli.command=true --logging.level.root=WARN "$@" > "$OUT/api-$label.log" 2>&1 &
  API=$!
  await_ready "http://127.0.0.1:$API_PORT/readyz" 180 "$(date +%s%N)" > /dev/null
  local buckets
  buckets=$(curl -s "http://127.0.0.1:$API_PORT/metrics" | grep -c '^http_server_requests_seconds_bucket' || true)
  wrk -t2 -c"$CONNECTIONS" -d"$WARM" -s bench/ingest.lua "http://127.0.0.1:$API_PORT" -- "$id_base" 1 > /dev/null
  local before after
  before=$(awk '{print $14 + $15}' "/proc/$API/stat")
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -s bench/ingest.lua "http://127.0.0.1:$API_PORT" -- $((id_base + 50000000)) 1 \
    > "$OUT/wrk-$label.txt"
  after=$(awk '{print $14 + $15}' "/proc/$API/stat")
  kill -TERM $API; wait $API 2> /dev/null || true
  awk -v l="$label" -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v b="$buckets" -v loadavg="$(cut -d' ' -f1 /proc/loadavg)" '
    /Requests\/sec/ { rps = $2 } /requests in/ { n = $1 }
    END { printf "%-18s requests_per_s=%8.1f api_cpu_ms_per_post=%.3f bucket_lines=%d load_1min=%s\n", l, rps, t / hz * 1000 / n, b, loadavg }' \
    "$OUT/wrk-$label.txt"
}

for round in $(seq 1 "$ROUNDS"); do
  run "buckets-$round"
  run "no-buckets-$round" "${WITHOUT_BUCKETS[@]}"
done
