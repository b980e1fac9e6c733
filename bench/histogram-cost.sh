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
API_PID=
trap 'kill $STANDIN $API_PID 2> /dev/null || true' EXIT
WITHOUT_BUCKETS=(--management.metrics.distribution.slo.http.server.requests=
  --management.metrics.distribution.slo.http.client.requests=
  --management.metrics.distribution.slo.allocation.trade.lookup=)

for round in $(seq 1 "$ROUNDS"); do
  cpu_per_post_run "$OUT/api.jar" "buckets-$round"
  cpu_per_post_run "$OUT/api.jar" "no-buckets-$round" "${WITHOUT_BUCKETS[@]}"
done
