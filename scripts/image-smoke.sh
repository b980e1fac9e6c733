#!/usr/bin/env bash
# Builds both images and proves they work as built:
#   - the API image, against PostgreSQL, on a read-only root with a tmpfs /tmp, at 1 CPU / 1 GiB: ready, an
#     execution posted and read back, a send (exec mode, the CLI stand-in mounted into the container), a graceful stop;
#   - the send-worker image: with nothing to send (exit 0, one job execution, no FAILED Spring Batch row), with rows to
#     send (exit 0, file written, batch and job execution COMPLETED), and misconfigured (exit 2, one-line reason).
# Prints the build times, image sizes and the ready time in the container.
#
# Needs: a Docker engine with BuildKit, the base images (scripts/make-lookalike-base-images.sh makes look-alikes where
# none can be pulled), a JDK 21+ (for the Trade Service stand-in on the host), psql, and PostgreSQL reachable from the
# host network (SMOKE_DB_HOST / SMOKE_DB_PORT / SMOKE_DB_USER / SMOKE_DB_PASSWORD; default 127.0.0.1:5432 postgres).
# The containers use the host network. Settings: DOCKER (client, default docker), SMOKE_API_PORT (18189),
# SMOKE_TRADE_PORT (18190), SMOKE_TAG (smoke), SMOKE_NO_CACHE=1 (cold build), SMOKE_BUILD_ARGS (more build options).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-home.sh

DOCKER="${DOCKER:-docker}"
export DOCKER_BUILDKIT=1
TAG="${SMOKE_TAG:-smoke}"
API_IMAGE="globeco-allocation-service:$TAG"
JOB_IMAGE="globeco-allocation-send-job:$TAG"
API_PORT="${SMOKE_API_PORT:-18189}"
TRADE_PORT="${SMOKE_TRADE_PORT:-18190}"
DB_HOST="${SMOKE_DB_HOST:-127.0.0.1}"
DB_PORT="${SMOKE_DB_PORT:-5432}"
DB_USER="${SMOKE_DB_USER:-postgres}"
export PGPASSWORD="${SMOKE_DB_PASSWORD:-}"
DB="allocation_smoke_$(date +%s)_$$"
API="http://127.0.0.1:$API_PORT"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/image-smoke.XXXXXX")"
FILES="$WORK/files"
API_CONTAINER="allocation-smoke-api-$$"
TRADE_PID=""

say() { printf '\n== %s\n' "$*"; }
fail() { echo "SMOKE FAILED: $*" >&2; exit 1; }
sql() { psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$DB" -tAqc "$1"; }
now_ms() { date +%s%3N; }
cleanup() {
  set +e
  "$DOCKER" rm -f "$API_CONTAINER" > /dev/null 2>&1
  [[ -n "$TRADE_PID" ]] && kill "$TRADE_PID" 2> /dev/null && wait "$TRADE_PID" 2> /dev/null
  psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" > /dev/null 2>&1
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---- build
build() { # dockerfile image
  local start=$SECONDS
  # shellcheck disable=SC2086
  "$DOCKER" build ${SMOKE_NO_CACHE:+--no-cache} --progress=plain -f "$1" -t "$2" \
    --build-arg AOT_TRAINING_REQUIRED=true --build-arg REVISION="$(git rev-parse --short HEAD 2> /dev/null || echo unknown)" \
    ${SMOKE_BUILD_ARGS:-} . > "$WORK/build-$1.log" 2>&1 || { tail -60 "$WORK/build-$1.log"; fail "$1 does not build"; }
  echo "$1: built $2 in $((SECONDS - start)) s"
}
say "Building the images"
build Dockerfile.api "$API_IMAGE"
build Dockerfile.job "$JOB_IMAGE"
for image in "$API_IMAGE" "$JOB_IMAGE"; do
  size=$("$DOCKER" image inspect -f '{{.Size}}' "$image")
  aot=$("$DOCKER" run --rm --entrypoint /bin/sh "$image" -c 'stat -c %s /app/app.aot 2>/dev/null || echo 0')
  [[ "$aot" -gt 0 ]] || fail "$image has no AOT cache"
  user=$("$DOCKER" image inspect -f '{{.Config.User}}' "$image")
  [[ "$user" == "10001:10001" ]] || fail "$image runs as '$user', not 10001:10001"
  if "$DOCKER" run --rm --entrypoint /bin/sh "$image" -c 'ls /app/lib /app 2>/dev/null' | grep -qi standins; then
    fail "$image contains the stand-ins"
  fi
  echo "$image: $((size / 1000000)) MB, AOT cache $((aot / 1000000)) MB, user $user, no stand-ins"
done

# ---- what the containers need on the host: a database, the Trade Service stand-in, the CLI stand-in's jar
say "PostgreSQL database $DB, Trade Service stand-in on :$TRADE_PORT"
psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -qc "CREATE DATABASE $DB" > /dev/null
./mvnw -q -B -ntp -pl allocation-standins -DskipTests package
STANDINS_JAR="$(ls "$(pwd)"/allocation-standins/target/allocation-standins-*.jar | head -1)"
java -cp "$STANDINS_JAR" org.kasbench.globeco.allocation.standins.TradeServiceStandIn "$TRADE_PORT" 0 > "$WORK/trade.log" 2>&1 &
TRADE_PID=$!
mkdir -p "$FILES"
chmod 0777 "$FILES"   # the containers run as uid 10001
COMMON_ENV=(
  -e "SPRING_DATASOURCE_URL=jdbc:postgresql://$DB_HOST:$DB_PORT/$DB" -e "SPRING_DATASOURCE_USERNAME=$DB_USER"
  -e "SPRING_DATASOURCE_PASSWORD=$PGPASSWORD" -e "ALLOCATION_TRADE_URL=http://127.0.0.1:$TRADE_PORT"
  -e ALLOCATION_CLI_MODE=exec -e ALLOCATION_CLI_TIMEOUT=2m
  -e "ALLOCATION_CLI_COMMAND=java -cp /standins/standins.jar org.kasbench.globeco.allocation.standins.PortfolioAccountingCliStandIn process --file {file} --output-dir {dir}"
  -e LOGGING_STRUCTURED_FORMAT_CONSOLE=logstash
)
RUN_OPTS=(--network host --read-only --tmpfs /tmp --cpus 1 --memory 1g
  -v "$FILES:/usr/local/share/files" -v "$STANDINS_JAR:/standins/standins.jar:ro")

# ---- the API image
say "API image: start (read-only root, tmpfs /tmp, 1 CPU, 1 GiB) until /readyz answers"
start=$(now_ms)
"$DOCKER" run -d --name "$API_CONTAINER" "${RUN_OPTS[@]}" "${COMMON_ENV[@]}" -e "SERVER_PORT=$API_PORT" "$API_IMAGE" > /dev/null
deadline=$((SECONDS + 120))
until curl -sf "$API/readyz" > /dev/null; do
  if [[ "$("$DOCKER" inspect -f '{{.State.Running}}' "$API_CONTAINER")" != "true" ]] || (( SECONDS > deadline )); then
    "$DOCKER" logs "$API_CONTAINER" 2>&1 | tail -40
    fail "the API container did not become ready"
  fi
  sleep 0.2
done
READY_MS=$(( $(now_ms) - start ))
STARTED=$("$DOCKER" logs "$API_CONTAINER" 2>&1 | grep -o 'Started AllocationApiApplication in [0-9.]* seconds' | head -1 || true)
echo "ready after $READY_MS ms from docker run ($STARTED)"
"$DOCKER" logs "$API_CONTAINER" 2>&1 | grep -q 'app.aot' && echo "warning: the AOT cache was mentioned in the log" || true

id=$(( $(date +%s) % 100000000 + 100000 ))
execution() {
  cat <<JSON
{"executionServiceId":$1,"isOpen":false,"executionStatus":"FULL","tradeType":"BUY","destination":"ML",
 "securityId":"68336002fe95851f0a2aeda9","ticker":"IBM","quantity":100,"limitPrice":null,
 "receivedTimestamp":"2025-05-27T14:39:27.509362Z","sentTimestamp":"2025-05-27T14:39:27.512467Z",
 "lastFillTimestamp":"2025-05-27T14:41:44.1602714Z","quantityFilled":100,"totalAmount":19040.96,"averagePrice":190.4096}
JSON
}
say "API image: post an execution, read it back, send"
code=$(curl -s -o "$WORK/post.json" -w '%{http_code}' -X POST "$API/api/v1/executions" -H 'Content-Type: application/json' \
  -d "[$(execution $id)]")
[[ "$code" == 201 ]] || { cat "$WORK/post.json"; fail "POST /api/v1/executions answered $code"; }
stored=$(grep -o '"execution":{"id":[0-9]*' "$WORK/post.json" | grep -o '[0-9]*$')
curl -sf "$API/api/v1/executions/$stored" | grep -q "\"executionServiceId\":$id" || fail "execution $stored not read back"
echo "posted execution $id, stored as $stored, read back"
code=$(curl -s -o "$WORK/send.json" -w '%{http_code}' -X POST "$API/api/v1/executions/send")
[[ "$code" == 200 ]] && grep -q '"status":"COMPLETED"' "$WORK/send.json" || { cat "$WORK/send.json"; fail "send answered $code"; }
file=$(grep -o '"fileName":"[^"]*"' "$WORK/send.json" | cut -d'"' -f4)
grep -q "AC$stored," "$FILES/$file" || fail "the file $file does not hold execution $stored"
echo "send COMPLETED: $file written"

# ---- the send-worker image
run_job() { # extra docker options...; prints the exit code
  local status=0
  "$DOCKER" run --rm "${RUN_OPTS[@]}" "${COMMON_ENV[@]}" "$@" "$JOB_IMAGE" > "$WORK/job.log" 2>&1 || status=$?
  echo "$status"
}
say "Send-worker image: nothing to send"
before=$(sql "SELECT count(*) FROM batch_job_execution")
status=$(run_job)
[[ "$status" == 0 ]] || { tail -30 "$WORK/job.log"; fail "the worker exited $status with nothing to send"; }
after=$(sql "SELECT count(*) FROM batch_job_execution")
failed=$(sql "SELECT count(*) FROM batch_job_execution WHERE status <> 'COMPLETED'")
[[ "$after" == $((before + 1)) && "$failed" == 0 ]] || fail "job executions $before -> $after, $failed not COMPLETED"
echo "exit 0, one job execution, none FAILED"

say "Send-worker image: rows to send"
for n in 1 2 3; do
  curl -sf -o /dev/null -X POST "$API/api/v1/executions" -H 'Content-Type: application/json' -d "[$(execution $((id + n)))]"
done
start=$(now_ms)
status=$(run_job)
JOB_MS=$(( $(now_ms) - start ))
[[ "$status" == 0 ]] || { tail -30 "$WORK/job.log"; fail "the worker exited $status"; }
read -r batch batch_status job_file < <(sql "SELECT id, status, file_name FROM batch_history ORDER BY id DESC LIMIT 1" | tr '|' ' ')
job_status=$(sql "SELECT status FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1")
[[ "$batch_status" == COMPLETED && "$job_status" == COMPLETED ]] || fail "batch $batch $batch_status, job execution $job_status"
[[ $(grep -c '^[0-9a-f]\{24\},' "$FILES/$job_file") == 3 ]] || fail "$job_file does not hold the 3 rows"
echo "exit 0 after $JOB_MS ms: batch $batch COMPLETED, $job_file with 3 rows, job execution COMPLETED"

say "Send-worker image: misconfigured (the image's default docker mode, no docker client)"
status=0
"$DOCKER" run --rm --network host --read-only --tmpfs /tmp -e "SPRING_DATASOURCE_URL=jdbc:postgresql://$DB_HOST:$DB_PORT/$DB" \
  "$JOB_IMAGE" > "$WORK/bad.log" 2>&1 || status=$?
reason=$(grep -o "Invalid configuration: allocation.cli.mode=docker[^\"]*" "$WORK/bad.log" | head -1 || true)
[[ "$status" == 2 && -n "$reason" ]] || { tail -20 "$WORK/bad.log"; fail "misconfigured worker exited $status"; }
echo "exit 2: $reason"

say "API image: graceful stop"
start=$(now_ms)
"$DOCKER" stop -t 30 "$API_CONTAINER" > /dev/null
STOP_MS=$(( $(now_ms) - start ))
exit_code=$("$DOCKER" inspect -f '{{.State.ExitCode}}' "$API_CONTAINER")
[[ "$exit_code" == 0 || "$exit_code" == 143 ]] || fail "the API exited $exit_code on SIGTERM"
echo "stopped in $STOP_MS ms (exit $exit_code)"

say "SMOKE PASSED"
echo "api image ready in container: $READY_MS ms ($STARTED); worker run with 3 rows: $JOB_MS ms; stop: $STOP_MS ms"
