#!/usr/bin/env bash
# Requests served in the first 60 s from launch, the service against the floor (../shared/bench/BareIngest.java: the
# same ingest without a framework), started alternately ROUNDS times each on one database and Trade Service stand-in
# (0 ms): each is launched, loaded with single-element posts at CONNECTIONS connections from the moment it answers
# /readyz until 60 s after its launch, and stopped. The service starts the image's way from a bench/warmup.sh run
# (its extracted jar and AOT cache, the ENTRYPOINT's options, the warm-up on as in the ConfigMap), or with
# START=fatjar as java -jar. Prints each start (ready seconds, requests served by 60 s) and the median ratio.
#   SKIP_BUILD=1 bench/first-minute.sh bench/results/warmup-final
# Settings (environment): ROUNDS (2), CONNECTIONS (16), START (image|fatjar), JAVA_OPTS (the service's extra
# options), API_PORT (18789), FLOOR_PORT (18790), TRADE_PORT (18783), DB (allocation_bench_first_minute).
source "$(dirname "$0")/common.sh"
command -v wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }
ROUNDS=${ROUNDS:-2}
CONNECTIONS=${CONNECTIONS:-16}
API_PORT=${API_PORT:-18789}
FLOOR_PORT=${FLOOR_PORT:-18790}
TRADE_PORT=${TRADE_PORT:-18783}
DB=${DB:-allocation_bench_first_minute}
FLOOR=${FLOOR:-../shared/bench/BareIngest.java}
OUT=bench/results/first-minute
rm -rf "$OUT" && mkdir -p "$OUT/files"
build_jars
# The floor's libraries, the newest of each in the local Maven repository (Jackson 2 and the PostgreSQL driver).
newest() { ls ~/.m2/repository/"$1"/*/*.jar | grep -v -- '-sources\|-javadoc' | sort -V | tail -1; }
FLOOR_CP=$(newest com/fasterxml/jackson/core/jackson-databind):$(newest com/fasterxml/jackson/core/jackson-core)
FLOOR_CP=$FLOOR_CP:$(newest com/fasterxml/jackson/core/jackson-annotations):$(newest org/postgresql/postgresql)
DB_URL=jdbc:postgresql://127.0.0.1:5432/$DB
ARGS=(--server.port=$API_PORT --spring.datasource.url=$DB_URL --allocation.trade.url=http://127.0.0.1:$TRADE_PORT
  --allocation.files.dir="$OUT/files" --allocation.cli.mode=exec --allocation.cli.command=true
  --logging.level.root=WARN)
if [[ "${START:-image}" == image ]]; then
  # shellcheck disable=SC2206
  SERVICE=(java $(image_java_flags) -XX:MaxRAM=1g -XX:AOTCache="$1/app/app.aot" ${JAVA_OPTS:-} -jar "$1/app/app.jar")
else
  # shellcheck disable=SC2206
  SERVICE=(java ${JAVA_OPTS:-} -jar "$API_JAR")
fi

java -cp "$STANDINS_JAR" org.kasbench.globeco.allocation.standins.TradeServiceStandIn $TRADE_PORT 0 > "$OUT/trade-standin.log" 2>&1 &
STANDIN=$!
PID=
trap 'kill $STANDIN $PID 2> /dev/null || true' EXIT

# One start: $1 label, $2 port, then the command. Prints (and appends to $OUT/starts.txt) "<label> ready_s=<s> served_60s=<requests> p99=<p99>".
first_minute() {
  local label=$1 port=$2 start ready left
  shift 2
  start=$(date +%s%N)
  "$@" > "$OUT/$label.log" 2>&1 &
  PID=$!
  ready=$(await_ready "http://127.0.0.1:$port/readyz" 120 "$start")
  left=$(echo "60 - ($(date +%s%N) - $start) / 1000000000" | bc)
  wrk -t2 -c"$CONNECTIONS" -d"${left}s" --latency -s bench/ingest.lua "http://127.0.0.1:$port" \
    -- $(( (RUN = ${RUN:-0} + 1) * 50000000 )) 1 > "$OUT/wrk-$label.txt"
  kill -TERM $PID; wait $PID 2> /dev/null || true
  awk -v l="$label" -v r="$ready" -v loadavg="$(cut -d' ' -f1 /proc/loadavg)" '/requests in/ { n = $1 } $1 == "99%" { p99 = $2 }
    END { printf "%s ready_s=%s served_60s=%d p99=%s load_1min=%s\n", l, r, n, p99, loadavg }' "$OUT/wrk-$label.txt" \
    | tee -a "$OUT/starts.txt"
}

fresh_database "$DB"
"${SERVICE[@]}" "${ARGS[@]}" > "$OUT/migrate.log" 2>&1 &
PID=$!
await_ready "http://127.0.0.1:$API_PORT/readyz" 120 "$(date +%s%N)" > /dev/null
kill -TERM $PID; wait $PID 2> /dev/null || true
for round in $(seq "$ROUNDS"); do
  first_minute "service-$round" "$API_PORT" "${SERVICE[@]}" "${ARGS[@]}" --allocation.warmup.enabled=true
  first_minute "floor-$round" "$FLOOR_PORT" java -cp "$FLOOR_CP" "$FLOOR" "$FLOOR_PORT" "$DB_URL" "http://127.0.0.1:$TRADE_PORT"
done
awk '{ split($3, s, "="); split($1, w, "-"); n[w[1]]++; v[w[1], n[w[1]]] = s[2] }
  END { for (i = 1; i <= n["service"]; i++) r[i] = v["service", i] / v["floor", i]
        for (i = 1; i <= n["service"]; i++) for (j = i + 1; j <= n["service"]; j++) if (r[j] < r[i]) { t = r[i]; r[i] = r[j]; r[j] = t }
        c = n["service"]; printf "service/floor, requests served in the first 60 s: median %.2f (%.2f-%.2f)\n",
          (c % 2) ? r[(c + 1) / 2] : (r[c / 2] + r[c / 2 + 1]) / 2, r[1], r[c] }' "$OUT/starts.txt"
