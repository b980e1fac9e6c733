#!/usr/bin/env bash
# Time to capacity: how soon a freshly started API serves at full speed. Starts the API the way the image does
# (the jar extracted as Dockerfile.api extracts it, an AOT cache made by Dockerfile.api's training run, the
# ENTRYPOINT's JVM options, all read from Dockerfile.api), then prints:
#   - ready: seconds from launching the JVM to /readyz answering 200, and RSS at that moment;
#   - the warm-up curve: requests/s of consecutive 5 s windows of single-element posts (the Confirmation Service's
#     pattern) at 16 connections, Trade Service stand-in at 0 ms, from the moment /readyz answers until
#     CURVE_SECONDS after the JVM was launched, with the API's CPU (cores) and p99 of each window (curve.dat;
#     bench/hpa-sim.py reads it);
#   - steady state: after STEADY_WARMUP more of the same load, STEADY_DURATION measured at 16 connections
#     (requests/s, latency percentiles), the CPU the API, PostgreSQL and the stand-in used meanwhile (in cores, and
#     the API's and PostgreSQL's in ms per post: less noisy than the rate when comparing two builds),
#     and RSS under load (sampled mid-run) and its peak (VmHWM);
#   - the 100-element post at 10 ms Trade Service latency, 1 connection (median, p99).
# Before the run it waits (up to 10 minutes) for the machine to be quiet: 1-minute load below 0.7.
#   bench/warmup.sh                         # build, then measure (about 6 minutes)
#   SKIP_BUILD=1 START=fatjar bench/warmup.sh    # java -jar on the fat jar instead of the image's way
#   SKIP_BUILD=1 JAVA_OPTS=-XX:TieredStopAtLevel=1 bench/warmup.sh   # extra options, appended as the image does
# Settings (environment): START=image|fatjar, JAVA_OPTS (appended, like the image's JAVA_OPTS), MEMORY (1g: the
# pod's memory limit, passed as -XX:MaxRAM so the heap is sized as in the pod), CONNECTIONS (16),
# WARMUP (true: the warm-up before readiness, as the ConfigMap sets it), CURVE_SECONDS (70), STEADY_WARMUP (150s), STEADY_DURATION (30s), HUNDRED_DURATION (20s), TRAINING (dockerfile:
# train the AOT cache exactly as Dockerfile.api does, AOT_TRAINING_SECONDS overriding its length; refresh: the
# same run stopped once the context has refreshed, before any traffic, as the image did before; none: no cache),
# PROFILE (1: record JFR's execution samples during steady state, steady.jfr, and print the API's CPU by layer with
# bench/cpu-by-layer.sh; the recording costs a little of the rate), API_PORT (18189), TRADE_PORT (18183), DB (allocation_bench_warmup: give
# concurrent runs on one machine their own DB and ports, since each run drops and recreates its database), LABEL (the run's name: results and logs go to
# bench/results/warmup-$LABEL/, default warmup-$START; bench/plot-warmup.sh plots several). Only 127.0.0.1 is used.
source "$(dirname "$0")/common.sh"
command -v wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }
START=${START:-image}
TRAINING=${TRAINING:-dockerfile}
MEMORY=${MEMORY:-1g}
CONNECTIONS=${CONNECTIONS:-16}
CURVE_SECONDS=${CURVE_SECONDS:-70}
STEADY_WARMUP=${STEADY_WARMUP:-150s}
STEADY_DURATION=${STEADY_DURATION:-30s}
HUNDRED_DURATION=${HUNDRED_DURATION:-20s}
API_PORT=${API_PORT:-18189}
TRADE_PORT=${TRADE_PORT:-18183}
API=http://127.0.0.1:$API_PORT
OUT=bench/results/warmup-${LABEL:-$START}
DB=${DB:-allocation_bench_warmup}
rm -rf "$OUT" && mkdir -p "$OUT/files"
build_jars

ARGS=(--server.port=$API_PORT --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$DB
  --allocation.trade.url=http://127.0.0.1:$TRADE_PORT --allocation.files.dir="$OUT/files"
  --allocation.cli.mode=exec --allocation.cli.command=true --logging.level.root=WARN
  # As the Kubernetes ConfigMap sets it (off by default for a plain java -jar); WARMUP=false measures without it.
  --allocation.warmup.enabled=${WARMUP:-true})

java -cp "$STANDINS_JAR" org.kasbench.globeco.allocation.standins.TradeServiceStandIn $TRADE_PORT 0 > "$OUT/trade-standin.log" 2>&1 &
STANDIN=$!
PID=
trap 'kill $STANDIN $PID 2> /dev/null || true' EXIT

# The image's way: the fat jar copied to app.jar and extracted (a thin app.jar and lib/), as Dockerfile.api does.
if [[ "$START" == image ]]; then
  IMAGE=$OUT/app && cp "$API_JAR" "$OUT/app.jar"
  java -Djarmode=tools -jar "$OUT/app.jar" extract --destination "$IMAGE" > /dev/null
  if [[ "$TRAINING" != none ]]; then
    # shellcheck disable=SC2046
    java $(training_java_flags) $([[ "$TRAINING" == refresh ]] && echo "-Dspring.context.exit=onRefresh") \
      -XX:AOTCacheOutput="$IMAGE/app.aot" $(dockerfile_arg AOT_TRAINING_OPTS) \
      -jar "$IMAGE/app.jar" > "$OUT/aot-training.log" 2>&1 || echo "AOT training failed: see $OUT/aot-training.log"
  fi
  # shellcheck disable=SC2046
  COMMAND=(java $(image_java_flags) -XX:MaxRAM="$MEMORY" $([[ -f "$IMAGE/app.aot" ]] && echo "-XX:AOTCache=$IMAGE/app.aot")
    ${JAVA_OPTS:-} -jar "$IMAGE/app.jar")
else
  # shellcheck disable=SC2206
  COMMAND=(java ${JAVA_OPTS:-} -jar "$API_JAR")
fi

# A fresh, migrated database: one start and stop before the measured one, so Flyway's work is not measured.
fresh_database $DB
"${COMMAND[@]}" "${ARGS[@]}" > "$OUT/migrate.log" 2>&1 &
PID=$!
await_ready "$API/readyz" 120 "$(date +%s%N)" > /dev/null
kill -TERM $PID; wait $PID 2> /dev/null || true
# The stand-in is a JVM too: warm it, so the curve shows only the API's warm-up.
wrk -t1 -c4 -d5s "http://127.0.0.1:$TRADE_PORT/api/v2/executions?executionServiceId=1" > /dev/null

echo "start=$START training=$TRAINING memory=$MEMORY connections=$CONNECTIONS commit=$(git rev-parse --short HEAD)$(git diff --quiet || echo '+changes')"
echo "command: ${COMMAND[*]}"
await_quiet

# requests/s of one wrk run: $1 duration, $2 connections, $3 id base, $4 elements per post, $5 output file
load() {
  wrk -t2 -c"$2" -d"$1" --latency -s bench/ingest.lua "$API" -- "$3" "$4" > "$5"
  if grep -q "unexpected status" "$5"; then echo "WARNING: non-201 answers in $5" >&2; fi
  awk '/^Requests\/sec:/ {print $2}' "$5"
}
percentile() { awk -v p="$1" '$1 == p"%" {print $2}' "$2"; }
# CPU time so far (clock ticks) of the API, all PostgreSQL processes, the stand-in, and the whole machine (busy).
ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2> /dev/null || echo 0; }
cpu_split() {
  local pg=0 p
  for p in $(pgrep -x postgres); do pg=$((pg + $(ticks "$p"))); done
  echo "$(ticks $PID) $pg $(ticks $STANDIN) $(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat)"
}

start=$(date +%s%N)
"${COMMAND[@]}" "${ARGS[@]}" > "$OUT/api.log" 2>&1 &
PID=$!
ready=$(await_ready "$API/readyz" 120 "$start")
echo "$ready" > "$OUT/ready.value"
echo "ready_seconds=$ready rss_at_ready_mb=$(rss_mb $PID)"

echo "== warm-up curve: single-element posts, $CONNECTIONS connections, consecutive 5 s windows from ready"
echo "window_start_s window_end_s requests_per_s api_cpu_cores p99"
window=0
while :; do
  from_ns=$(date +%s%N)
  from=$(echo "scale=1; ($from_ns - $start) / 1000000000" | bc)
  awk -v f="$from" 'BEGIN { exit !(f < '"$CURVE_SECONDS"') }' || break
  api_ticks=$(ticks $PID)
  rps=$(load 5s "$CONNECTIONS" $((100000000 + window * 200000)) 1 "$OUT/window-$window.txt")
  to_ns=$(date +%s%N)
  to=$(echo "scale=1; ($to_ns - $start) / 1000000000" | bc)
  # The API's CPU over the window, in cores: what a CPU-based autoscaler would read of this replica.
  cores=$(awk -v t="$(( $(ticks $PID) - api_ticks ))" -v hz="$(getconf CLK_TCK)" -v ns="$((to_ns - from_ns))" \
    'BEGIN { printf "%.2f", t / hz / (ns / 1e9) }')
  echo "$from $to $rps $cores $(percentile 99 "$OUT/window-$window.txt")" | tee -a "$OUT/curve.dat"
  window=$((window + 1))
done

echo "== steady state: $STEADY_WARMUP more of the same load (not measured), then $STEADY_DURATION measured"
load "$STEADY_WARMUP" "$CONNECTIONS" 120000000 1 "$OUT/steady-warmup.txt" > /dev/null
half=$(( $(echo "$STEADY_DURATION" | tr -dc 0-9) / 2 ))
(sleep "$half"; rss_mb $PID > "$OUT/rss-under-load") &
SAMPLER=$!
[[ "${PROFILE:-}" == 1 ]] && jcmd $PID JFR.start name=steady settings=profile filename="$OUT/steady.jfr" > /dev/null
cpu_before=$(cpu_split)
steady=$(load "$STEADY_DURATION" "$CONNECTIONS" 140000000 1 "$OUT/steady.txt")
cpu_after=$(cpu_split)
[[ "${PROFILE:-}" == 1 ]] && jcmd $PID JFR.stop name=steady > /dev/null
wait $SAMPLER
echo "$steady" > "$OUT/steady.value"
echo "steady_requests_per_s=$steady p50=$(percentile 50 "$OUT/steady.txt") p90=$(percentile 90 "$OUT/steady.txt") p99=$(percentile 99 "$OUT/steady.txt")"
echo "$cpu_before $cpu_after" | awk -v s="$(echo "$STEADY_DURATION" | tr -dc 0-9)" -v hz="$(getconf CLK_TCK)" -v r="$steady" \
  '{ printf "cpu_cores_during_steady api=%.2f postgres=%.2f trade_standin=%.2f other=%.2f (wrk, the rest)\n",
     ($5-$1)/hz/s, ($6-$2)/hz/s, ($7-$3)/hz/s, (($8-$4)-($5-$1)-($6-$2)-($7-$3))/hz/s
     printf "cpu_ms_per_post api=%.3f postgres=%.3f\n", ($5-$1)/hz/s*1000/r, ($6-$2)/hz/s*1000/r }' | tee "$OUT/steady-cpu.txt"
if [[ "${PROFILE:-}" == 1 ]]; then
  echo "== the API's CPU during steady state by layer (JFR execution samples, $OUT/steady.jfr)"
  bench/cpu-by-layer.sh "$OUT/steady.jfr"
fi
echo "rss_under_load_mb=$(cat "$OUT/rss-under-load") peak_rss_mb=$(awk '/VmHWM/ {print int($2 / 1024)}' /proc/$PID/status)"

curl -s -X POST "http://127.0.0.1:$TRADE_PORT/_standin/latency?ms=10" > /dev/null
hundred=$(wrk -t1 -c1 -d"$HUNDRED_DURATION" --latency -s bench/ingest.lua "$API" -- 160000000 100 | tee "$OUT/hundred.txt" \
  | awk '/^Requests\/sec:/ {print $2}')
echo "hundred_element_posts_10ms: requests_per_s=$hundred median=$(percentile 50 "$OUT/hundred.txt") p99=$(percentile 99 "$OUT/hundred.txt")"
sleep 3
echo "rss_idle_after_load_mb=$(rss_mb $PID)"

# The verdict against the targets: every window that starts at or after 10 s at >= 70 % of steady state.
awk -v s="$steady" '$1 >= 10 && $3 < 0.7 * s { low++ } $1 >= 10 { n++ }
  END { printf "windows_from_10s=%d below_70pct_of_steady=%d\n", n, low }' "$OUT/curve.dat"
echo "rows_stored=$(psql -h 127.0.0.1 -U postgres -d $DB -tAc 'SELECT count(*) FROM execution')"
