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

# Stores $2 closed executions (ids 1..$2, BUY and SELL, prices and amounts varying) in database $1, unsent.
load_executions() {
  echo "Loading $2 executions..."
  psql -h 127.0.0.1 -U postgres -d "$1" -q <<SQL
INSERT INTO execution (execution_service_id, is_open, execution_status, trade_type, destination, trade_date, security_id,
    ticker, portfolio_id, order_id, quantity, received_timestamp, sent_timestamp, quantity_filled, total_amount, average_price)
SELECT g, false, 'FULL', CASE WHEN g % 2 = 0 THEN 'BUY' ELSE 'SELL' END, 'ML', DATE '2025-05-27',
       '68336002fe95851f0a2aeda9', 'IBM', lpad(to_hex(g), 24, '0'), g, (g % 5000) + 1, now(), now(), (g % 5000) + 1,
       ((g % 5000) + 1) * (((g % 100000) + 1) / 1000.0), ((g % 100000) + 1) / 1000.0
FROM generate_series(1, $2) AS g;
ANALYZE execution;
SQL
}

rss_mb() {
  echo $(( $(ps -o rss= -p "$1") / 1024 ))
}

# Waits until the 1-minute load average is below $QUIET_LOAD (0.7), polling every 10 s for at most
# $QUIET_WAIT_SECONDS (600); prints what it found either way, so a noisy measurement is visible as such.
await_quiet() {
  local limit=${QUIET_LOAD:-0.7} deadline=$((SECONDS + ${QUIET_WAIT_SECONDS:-600})) load
  while :; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$load" -v m="$limit" 'BEGIN { exit !(l < m) }'; then
      echo "load_1min=$load (quiet: below $limit)"; return 0
    fi
    if (( SECONDS > deadline )); then
      echo "load_1min=$load (NOT quiet: still at or above $limit after ${QUIET_WAIT_SECONDS:-600} s of waiting)"; return 0
    fi
    sleep 10
  done
}

# The image's JVM options and its AOT training run, read from Dockerfile.api so the benchmarks start the API
# exactly as the image does: image_java_flags (before the AOT cache flag in the ENTRYPOINT), training_java_flags
# (the training RUN's java options) and dockerfile_arg NAME (an ARG's default value).
joined_dockerfile() {
  sed -e ':a' -e '/\\$/N; s/\\\n//; ta' Dockerfile.api
}
dockerfile_arg() {
  joined_dockerfile | sed -n "s/^ARG $1=\"\{0,1\}\([^\"]*\)\"\{0,1\}\$/\1/p" | tr -s ' '
}
image_java_flags() {
  joined_dockerfile | sed -n 's/^ENTRYPOINT.*exec java \([^$]*\)\$(.*/\1/p'
}
# AOT_TRAINING_SECONDS in the environment overrides the Dockerfile's default, as --build-arg would.
training_java_flags() {
  joined_dockerfile | sed -n 's/^RUN java \(.*\)-jar \/app\/app.jar.*/\1/p' \
    | sed "s/-XX:AOTCacheOutput=[^ ]*//; s/\\\$AOT_TRAINING_OPTS//; s/\\\${AOT_TRAINING_SECONDS}/${AOT_TRAINING_SECONDS:-$(dockerfile_arg AOT_TRAINING_SECONDS)}/"
}

# One measured run of single-element posts against a fat jar started with java -jar (Trade Service stand-in at 0 ms
# on $TRADE_PORT, database $DB, files under $OUT): WARM of load (not measured), then DURATION measured at
# CONNECTIONS connections; prints requests/s, p99, the API's CPU ms per post (its process CPU over the requests
# served: steadier than the rate on a shared machine) and the 1-minute load, also appended to $OUT/runs.txt. With PROFILE=1 the measured part is
# recorded with JFR ($OUT/LABEL.jfr). $1 the jar, $2 the label, then the API's extra arguments. Sets API_PID (for
# the caller's EXIT trap) while the API runs.
# Each run of one script posts its own ids, 50,000,000 apart, all below 2^31 (the ids are int): at most 42 runs.
cpu_per_post_run() {
  CPU_PER_POST_RUNS=$(( ${CPU_PER_POST_RUNS:-0} + 1 ))
  local jar=$1 label=$2 id_base=$(( CPU_PER_POST_RUNS * 50000000 )) api
  shift 2
  java -jar "$jar" --server.port="$API_PORT" --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" \
    --allocation.trade.url="http://127.0.0.1:$TRADE_PORT" --allocation.files.dir="$OUT/files" \
    --allocation.cli.mode=exec --allocation.cli.command=true --logging.level.root=WARN "$@" > "$OUT/api-$label.log" 2>&1 &
  api=$!
  API_PID=$api
  await_ready "http://127.0.0.1:$API_PORT/readyz" 300 "$(date +%s%N)" > /dev/null
  local buckets
  buckets=$(curl -s "http://127.0.0.1:$API_PORT/metrics" | grep -c '^http_server_requests_seconds_bucket' || true)
  wrk -t2 -c"$CONNECTIONS" -d"$WARM" -s bench/ingest.lua "http://127.0.0.1:$API_PORT" -- "$id_base" 1 > /dev/null
  [[ "${PROFILE:-}" == 1 ]] && jcmd $api JFR.start name=steady settings=profile filename="$OUT/$label.jfr" > /dev/null
  local before after
  before=$(awk '{print $14 + $15}' "/proc/$api/stat")
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/ingest.lua "http://127.0.0.1:$API_PORT" \
    -- $((id_base + 30000000)) 1 > "$OUT/wrk-$label.txt"
  after=$(awk '{print $14 + $15}' "/proc/$api/stat")
  [[ "${PROFILE:-}" == 1 ]] && jcmd $api JFR.stop name=steady > /dev/null
  kill -TERM $api; wait $api 2> /dev/null || true
  if grep -q "unexpected status" "$OUT/wrk-$label.txt"; then echo "WARNING: non-201 answers in $OUT/wrk-$label.txt" >&2; fi
  awk -v l="$label" -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v b="$buckets" -v loadavg="$(cut -d' ' -f1 /proc/loadavg)" '
    /Requests\/sec/ { rps = $2 } /requests in/ { n = $1 } $1 == "99%" { p99 = $2 }
    END { printf "%-18s requests_per_s=%8.1f p99=%s api_cpu_ms_per_post=%.3f bucket_lines=%d load_1min=%s\n",
          l, rps, p99, t / hz * 1000 / n, b, loadavg }' "$OUT/wrk-$label.txt" | tee -a "$OUT/runs.txt"
}
