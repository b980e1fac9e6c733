#!/usr/bin/env bash
# Runs the Allocation Service on this machine with everything it needs: the local PostgreSQL, the built-in
# Trade Service stand-in (the `local` profile, started by the test-scope LocalAllocationService) and the Portfolio Accounting CLI stand-in (exec mode).
# It posts the Confirmation Service's sample executions, sends them, shows the CSV and the CLI's verdict,
# then leaves the service running on http://localhost:8089 until Ctrl-C (or exits at once with --demo-only).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh
scripts/ensure-postgres.sh

# SERVER_PORT and ALLOCATION_LOCAL_TRADESTANDINPORT move the service (8089) and the Trade Service stand-in (18082).
PORT="${SERVER_PORT:-8089}"
BASE="http://localhost:$PORT"
DB=allocation_local
psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $DB"

echo "Building (tests skipped; run ./mvnw verify for those)..."
# package, not install: nothing goes to ~/.m2. The local run is a test-scope application (the stand-ins are not in
# the production jar), so it runs from the API module's test classpath, which Maven writes out here.
./mvnw -q -B -ntp -DskipTests -pl allocation-api -am package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt

mkdir -p local-run/files
FILES="$(pwd)/local-run/files"
STANDINS_JAR="$(ls "$(pwd)"/allocation-standins/target/allocation-standins-*.jar | head -1)"
CLASSPATH_FILE=allocation-api/target/test-classpath.txt
export ALLOCATION_FILES_DIR="$FILES"
export ALLOCATION_CLI_MODE=exec
export ALLOCATION_CLI_COMMAND="$JAVA_HOME/bin/java -cp $STANDINS_JAR org.kasbench.globeco.allocation.standins.PortfolioAccountingCliStandIn process --file {file} --output-dir {dir}"

java -cp "allocation-api/target/test-classes:allocation-api/target/classes:$(cat "$CLASSPATH_FILE")" \
  org.kasbench.globeco.allocation.api.local.LocalAllocationService > local-run/api.log 2>&1 &
API_PID=$!
trap 'kill $API_PID 2>/dev/null; wait $API_PID 2>/dev/null || true' EXIT
deadline=$((SECONDS + 90))
until curl -sf $BASE/readyz > /dev/null; do
  if ! kill -0 $API_PID 2>/dev/null || (( SECONDS > deadline )); then
    echo "The service did not start; see local-run/api.log" >&2; exit 1
  fi
  sleep 0.5
done
echo "Service ready on $BASE (Swagger UI: /swagger-ui.html, logs: local-run/api.log)"

base=$(( $(date +%s) % 1000000 * 100 ))
sample() {
  cat <<JSON
{"executionServiceId":$1,"isOpen":false,"executionStatus":"FULL","tradeType":"$2","destination":"ML",
 "securityId":"68336002fe95851f0a2aeda9","ticker":"IBM","quantity":$3,"limitPrice":null,
 "receivedTimestamp":"2025-05-27T14:39:27.509362Z","sentTimestamp":"2025-05-27T14:39:27.512467Z",
 "lastFillTimestamp":"2025-05-27T14:41:44.1602714Z","quantityFilled":$3,"totalAmount":190409.6,"averagePrice":190.4096}
JSON
}
echo
echo "== POST /api/v1/executions (three closed executions, as the Confirmation Service sends them)"
curl -s -X POST $BASE/api/v1/executions -H 'Content-Type: application/json' \
  -d "[$(sample $((base + 1)) BUY 1000),$(sample $((base + 2)) SELL 250),$(sample $((base + 3)) BUY 75)]" \
  -w '\nHTTP %{http_code}\n'
echo
echo "== POST /api/v1/executions/send"
curl -s -X POST $BASE/api/v1/executions/send -H 'Content-Type: application/json' -d '{}' -w '\nHTTP %{http_code}\n'
latest=$(ls -t "$FILES"/allocation-batch-*.csv 2>/dev/null | grep -v errors | head -1 || true)
if [[ -n "$latest" ]]; then
  echo
  echo "== The CSV handed to the Portfolio Accounting CLI: $latest"
  cat "$latest"
fi
echo
echo "== GET /api/v1/batches?limit=1"
curl -s "$BASE/api/v1/batches?limit=1" -w '\n'

if [[ "${1:-}" == "--demo-only" ]]; then exit 0; fi
echo
echo "The service keeps running; try the commands above or the Swagger UI. Ctrl-C stops it."
wait $API_PID
