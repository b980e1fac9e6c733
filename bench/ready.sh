#!/usr/bin/env bash
# Ready time of builds already measured by bench/warmup.sh, compared start by start: each round starts every given
# run's build the image's way (its extracted jar and AOT cache, the ENTRYPOINT's options) and as a fat jar
# (java -jar), one after the other, until /readyz answers 200, with the warm-up before readiness on as in warmup.sh.
# Interleaving the starts keeps a noisy machine from favouring one build. Prints each start, then per build and
# way the median ready time, its range and the RSS at ready.
#   bench/ready.sh bench/results/warmup-before bench/results/warmup-after
#   bench/ready.sh /tmp/other-checkout/bench/results/warmup-b0 bench/results/warmup-v1   # a git worktree's run, in
#     place: a copied run directory is refused by its AOT cache (the jar's timestamp changed; the script warns)
# Settings (environment): ROUNDS (8), MEMORY (1g, as in warmup.sh), API_PORT (18190), TRADE_PORT (18184).
source "$(dirname "$0")/common.sh"
ROUNDS=${ROUNDS:-8}
MEMORY=${MEMORY:-1g}
API_PORT=${API_PORT:-18190}
TRADE_PORT=${TRADE_PORT:-18184}
OUT=bench/results/ready
DB=allocation_bench_ready
rm -rf "$OUT" && mkdir -p "$OUT/files"
build_jars
ARGS=(--server.port=$API_PORT --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$DB
  --allocation.trade.url=http://127.0.0.1:$TRADE_PORT --allocation.files.dir="$OUT/files"
  --allocation.cli.mode=exec --allocation.cli.command=true --logging.level.root=WARN --allocation.warmup.enabled=true)

java -cp "$STANDINS_JAR" org.kasbench.globeco.allocation.standins.TradeServiceStandIn $TRADE_PORT 0 > "$OUT/trade-standin.log" 2>&1 &
STANDIN=$!
trap 'kill $STANDIN 2> /dev/null || true' EXIT

# One start: prints "<label> <seconds to ready> <RSS MB at ready>"; $1 label, then the java arguments.
one_start() {
  local label=$1 start pid ready
  shift
  start=$(date +%s%N)
  java "$@" "${ARGS[@]}" > "$OUT/$label.log" 2>&1 &
  pid=$!
  ready=$(await_ready "http://127.0.0.1:$API_PORT/readyz" 120 "$start")
  echo "$label $ready $(rss_mb $pid)"
  kill -TERM $pid; wait $pid 2> /dev/null || true
  # A cache whose jar was copied or touched since training is refused, and the start is then an uncached one.
  if grep -q '\[error *\]\[aot\]' "$OUT/$label.log"; then echo "WARNING: $label ran without its AOT cache: $OUT/$label.log" >&2; fi
}

fresh_database $DB
one_start migrate -jar "$1/app.jar" > /dev/null
for _ in $(seq "$ROUNDS"); do
  for run in "$@"; do
    # shellcheck disable=SC2046
    one_start "$(basename "$run")-image" $(image_java_flags) -XX:MaxRAM="$MEMORY" -XX:AOTCache="$run/app/app.aot" \
      -jar "$run/app/app.jar"
    one_start "$(basename "$run")-fatjar" -jar "$run/app.jar"
  done
done | tee "$OUT/starts.txt"
echo "== median ready (range), RSS at ready (range), $ROUNDS starts each"
sort -k1,1 -k2,2n "$OUT/starts.txt" | awk '
  { n[$1]++; t[$1, n[$1]] = $2; if (!($1 in lo) || $3 < lo[$1]) lo[$1] = $3; if ($3 > hi[$1]) hi[$1] = $3 }
  END { for (k in n) { c = n[k]; m = (c % 2) ? t[k, (c + 1) / 2] : (t[k, c / 2] + t[k, c / 2 + 1]) / 2
          printf "%-32s ready %.2f s (%s-%s) rss %d-%d MB\n", k, m, t[k, 1], t[k, c], lo[k], hi[k] } }' | sort
