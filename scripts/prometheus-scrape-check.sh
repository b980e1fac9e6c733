#!/usr/bin/env bash
# Debian's own Prometheus (the `prometheus` package, 2.42 on Debian 12) scrapes a running API under traced load:
# the target must stay up for at least MIN_SCRAPES scrapes in a row in the OpenMetrics format it asks for first
# (exemplars included and stored), the text format must pass `promtool check metrics`, and every query of the
# Grafana dashboard and every recording rule must answer. About a minute after the jars are built.
#   scripts/prometheus-scrape-check.sh          # uses the built jars (./mvnw -B -ntp package or verify first)
#   EXTRA_API_ARGS='--management.prometheus.metrics.export.properties[io.prometheus.exporter.exemplarsOnAllMetricTypes]=true' \
#     scripts/prometheus-scrape-check.sh        # Micrometer's default: exemplars on _count lines; 2.42 drops the target
# .ci/run runs it after the build (scripts/check-monitoring.sh). Output and logs: a temporary directory, kept
# and named on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
scripts/ensure-postgres.sh
command -v prometheus > /dev/null || { echo "prometheus is not installed (apt-get install prometheus)" >&2; exit 1; }

MIN_SCRAPES=${MIN_SCRAPES:-10}
JOB=globeco-allocation-service
WORK=$(mktemp -d /tmp/prometheus-scrape-check.XXXXXX)
DB="scrape_check_$$"
API_JAR=$(ls allocation-api/target/allocation-api-*.jar | grep -v plain | head -1)
STANDINS_JAR=$(ls allocation-standins/target/allocation-standins-*.jar | head -1)
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
API_PORT=$(free_port)
TRADE_PORT=$(free_port)
PROM_PORT=$(free_port)
API="http://127.0.0.1:$API_PORT"
PROM="http://127.0.0.1:$PROM_PORT"
PIDS=()
ok=false
finish() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2> /dev/null || true; done
  wait 2> /dev/null || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" > /dev/null 2>&1 || true
  if $ok; then rm -rf "$WORK"; else echo "FAILED; logs in $WORK" >&2; fi
}
trap finish EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# Waits for a command to succeed, at most $1 seconds.
await() {
  local deadline=$((SECONDS + $1)); shift
  until "$@"; do
    (( SECONDS < deadline )) || return 1
    sleep 1
  done
}

psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB"
java -cp "$STANDINS_JAR" org.kasbench.globeco.allocation.standins.TradeServiceStandIn "$TRADE_PORT" 0 \
  > "$WORK/trade-standin.log" 2>&1 &
PIDS+=($!)
# Every request traced (sampled), so the scrapes carry exemplars; spans are logged, not exported.
# shellcheck disable=SC2086
java -jar "$API_JAR" --server.port="$API_PORT" \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$DB" --allocation.trade.url="http://127.0.0.1:$TRADE_PORT" \
  --allocation.files.dir="$WORK/files" --allocation.cli.mode=exec \
  --allocation.cli.command="java -cp $PWD/$STANDINS_JAR org.kasbench.globeco.allocation.standins.PortfolioAccountingCliStandIn process --file {file} --output-dir {dir}" \
  --management.tracing.sampling.probability=1.0 ${EXTRA_API_ARGS:-} > "$WORK/api.log" 2>&1 &
PIDS+=($!)

cat > "$WORK/prometheus.yml" << YAML
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files:
  - $PWD/monitoring/prometheus/allocation-rules.yml
scrape_configs:
  - job_name: $JOB
    metrics_path: /metrics
    static_configs:
      - targets: ["127.0.0.1:$API_PORT"]
YAML
prometheus --config.file="$WORK/prometheus.yml" --storage.tsdb.path="$WORK/tsdb" \
  --web.listen-address="127.0.0.1:$PROM_PORT" --enable-feature=exemplar-storage > "$WORK/prometheus.log" 2>&1 &
PIDS+=($!)
echo "$(prometheus --version 2>&1 | head -1); API on $API; Prometheus on $PROM"

await 180 curl -sf "$API/readyz" -o /dev/null || fail "the API did not become ready (see $WORK/api.log)"

post() {
  curl -s -o /dev/null -w '%{http_code}' -X POST "$API$1" -H 'Content-Type: application/json' \
    -H "traceparent: 00-$(printf '%08x' $SRANDOM $SRANDOM $SRANDOM $SRANDOM)-$(printf '%08x' $SRANDOM $SRANDOM)-01" -d "$2"
}
execution() {
  printf '{"executionServiceId":%d,"isOpen":false,"executionStatus":"FULL","tradeType":"BUY","destination":"ML",%s' "$1" \
    '"securityId":"68336002fe95851f0a2aeda9","ticker":"IBM","quantity":10,"limitPrice":null,"receivedTimestamp":"2025-05-27T14:39:27.509362Z","sentTimestamp":"2025-05-27T14:39:27.512467Z","lastFillTimestamp":"2025-05-27T14:41:44.1602714Z","quantityFilled":10,"totalAmount":1904.1,"averagePrice":190.41}'
}
# Traced load until the script ends: posts of one element, a query, and a send now and then.
(
  id=$(( $(date +%s) % 100000 * 1000 ))
  while :; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      id=$((id + 1)); post /api/v1/executions "[$(execution $id)]" > /dev/null
    done
    curl -s -o /dev/null "$API/api/v1/executions?limit=5"
    post /api/v1/executions/send '{}' > /dev/null
  done
) &
PIDS+=($!)

query() { curl -sf --get "$PROM/api/v1/query" --data-urlencode "query=$1"; }
# The value of the first sample of a query's answer (empty when it has none).
value_of() { query "$1" | python3 -c 'import json, sys; r = json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if r else "")'; }
scrapes_up_in_a_row() {
  # Scrapes over the last 30 s (at 1 s) and the lowest "up" among them: all up means none failed.
  local n min
  n=$(value_of "count_over_time(up{job=\"$JOB\"}[30s])")
  min=$(value_of "min_over_time(up{job=\"$JOB\"}[30s])")
  [[ -n "$n" && "$min" == 1 ]] && (( n >= MIN_SCRAPES ))
}
if ! await 90 scrapes_up_in_a_row; then
  curl -s "$PROM/api/v1/targets" | python3 -c 'import json, sys; [print("target", t["health"], t["lastError"]) for t in json.load(sys.stdin)["data"]["activeTargets"]]' >&2 || true
  fail "the target was not up for $MIN_SCRAPES scrapes in a row"
fi
echo "OK   target up for $(value_of "count_over_time(up{job=\"$JOB\"}[30s])") scrapes in a row (OpenMetrics, as Prometheus asks first)"
curl -s "$PROM/api/v1/targets" | python3 -c '
import json, sys
for t in json.load(sys.stdin)["data"]["activeTargets"]:
    if t["health"] != "up" or t["lastError"]:
        sys.exit("target " + t["health"] + ": " + t["lastError"])'

exemplars=$(curl -sf --get "$PROM/api/v1/query_exemplars" --data-urlencode 'query=http_server_requests_seconds_bucket' \
  | python3 -c 'import json, sys; print(sum(len(s["exemplars"]) for s in json.load(sys.stdin)["data"]))')
(( exemplars > 0 )) || fail "no exemplar was stored from the traced requests"
echo "OK   $exemplars exemplars of traced requests stored by Prometheus"

curl -sf -H 'Accept: text/plain;version=0.0.4' "$API/metrics" > "$WORK/metrics.txt"
grep -q '^http_server_requests_seconds_bucket{' "$WORK/metrics.txt" || fail "no histogram in the text format"
# promtool also lints names (Micrometer's empty help texts, "_ms" in a JVM metric); only a parse error fails here.
promtool check metrics < "$WORK/metrics.txt" > "$WORK/promtool-check-metrics.txt" 2>&1 || true
if grep -q -i 'error' "$WORK/promtool-check-metrics.txt"; then
  fail "promtool check metrics: $(grep -i error "$WORK/promtool-check-metrics.txt")"
fi
echo "OK   text format 0.0.4 parsed by promtool check metrics ($(wc -l < "$WORK/promtool-check-metrics.txt") lint remarks on names and help texts)"

# Every dashboard query and every recording rule, over what Prometheus scraped, must answer with at least one series.
python3 - "$PWD" > "$WORK/queries.txt" << 'PY'
import json, sys, re
root = sys.argv[1]
dashboard = json.load(open(root + "/monitoring/grafana/allocation-service.json"))
for panel in dashboard["panels"]:
    for target in panel.get("targets", []):
        print(target["expr"].replace("$job", "globeco-allocation-service").replace("$__rate_interval", "1m"))
for line in open(root + "/monitoring/prometheus/allocation-rules.yml"):
    m = re.match(r"\s*- record: (\S+)", line)
    if m:
        print(m.group(1))
PY
# Rules need one evaluation over data; the rates over 1m need two scrapes of each series after the first send.
answering() {
  local missing=0 q
  rm -f "$WORK/silent.txt"
  while IFS= read -r q; do
    [[ -n "$(value_of "$q")" ]] || { missing=$((missing + 1)); echo "$q" >> "$WORK/silent.txt"; }
  done < "$WORK/queries.txt"
  (( missing == 0 ))
}
if ! await 60 answering; then
  fail "queries without an answer: $(sort -u "$WORK/silent.txt")"
fi
echo "OK   all $(wc -l < "$WORK/queries.txt") dashboard queries and recording rules answer"
ok=true
