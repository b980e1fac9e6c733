#!/usr/bin/env bash
# The API's CPU per single-element post at steady state, two builds compared: each round starts build A's fat jar,
# then build B's (java -jar, the histograms on as shipped), each for WARM of load and DURATION measured at
# CONNECTIONS connections (wrk, Trade Service stand-in at 0 ms), so that a machine's changing load hits both alike.
# Prints each run (requests/s, p99, the API's CPU ms per post, the 1-minute load), then each build's median and
# range of the CPU per post and B's median over A's.
#   bench/cpu-per-post.sh /tmp/base/allocation-api/target/allocation-api-1.0.0-SNAPSHOT.jar   # A: that jar, B: this tree's
#   SKIP_BUILD=1 ROUNDS=4 PROFILE=1 bench/cpu-per-post.sh A.jar B.jar   # PROFILE=1: a JFR recording of each measured part
#   SKIP_BUILD=1 B_ARGS="--management.tracing.enabled=false" bench/cpu-per-post.sh A.jar A.jar   # one jar, B with settings
# Settings (environment): ROUNDS (3), WARM (90s: the JIT needs tens of seconds), DURATION (30s), CONNECTIONS (16),
# API_PORT (18689), TRADE_PORT (18683), DB (allocation_bench_cpu_per_post), A_ARGS and B_ARGS (more arguments of
# each build's start, split on spaces). Results in bench/results/cpu-per-post/.
source "$(dirname "$0")/common.sh"
command -v wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }
ROUNDS=${ROUNDS:-3}
WARM=${WARM:-90s}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-16}
API_PORT=${API_PORT:-18689}
TRADE_PORT=${TRADE_PORT:-18683}
DB=${DB:-allocation_bench_cpu_per_post}
OUT=bench/results/cpu-per-post
rm -rf "$OUT" && mkdir -p "$OUT/files"
build_jars
# Copies, so that a build meanwhile cannot change a jar under the runs.
cp "$1" "$OUT/a.jar"
cp "${2:-$API_JAR}" "$OUT/b.jar"
fresh_database "$DB"

java -cp "$STANDINS_JAR" org.kasbench.globeco.allocation.standins.TradeServiceStandIn "$TRADE_PORT" 0 \
  > "$OUT/trade-standin.log" 2>&1 &
STANDIN=$!
API_PID=
trap 'kill $STANDIN $API_PID 2> /dev/null || true' EXIT

for round in $(seq 1 "$ROUNDS"); do
  # shellcheck disable=SC2086 # split on purpose
  cpu_per_post_run "$OUT/a.jar" "a-$round" ${A_ARGS:-}
  # shellcheck disable=SC2086
  cpu_per_post_run "$OUT/b.jar" "b-$round" ${B_ARGS:-}
done
echo "== API CPU ms per post: median (range) of $ROUNDS runs each"
sed -n 's/^\([ab]\)-[0-9]* .*api_cpu_ms_per_post=\([0-9.]*\).*/\1 \2/p' "$OUT/runs.txt" | sort -k1,1 -k2,2n | awk '
  { n[$1]++; v[$1, n[$1]] = $2 }
  END { for (k in n) { c = n[k]; m[k] = (c % 2) ? v[k, (c + 1) / 2] : (v[k, c / 2] + v[k, c / 2 + 1]) / 2
          printf "%s median %.3f (%.3f-%.3f)\n", k, m[k], v[k, 1], v[k, c] }
        if (m["a"] > 0) printf "b/a %.2f\n", m["b"] / m["a"] }' | sort
