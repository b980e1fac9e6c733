#!/usr/bin/env bash
# Send benchmark: 1,000,000 stored executions sent in one batch by the send worker capped at -Xmx256m (WORKER_HEAP), with the
# Portfolio Accounting CLI stand-in (exec mode) processing the file.
#   bench/send.sh                 # build, load the rows, send them (about 2 minutes)
#   SKIP_BUILD=1 ROWS=200000 bench/send.sh
#   SKIP_BUILD=1 WORKER_HEAP=123m bench/send.sh   # the heap of the API image at 1Gi (12 %), which runs the same job
#   SKIP_BUILD=1 CLI_MODE=unreachable WORKER_HEAP=64m bench/send.sh   # every row in the errors file: the verdict's memory
#   DB=allocation_send_bench_mine bench/send.sh   # another database name, next to someone else's run
source "$(dirname "$0")/common.sh"
ROWS=${ROWS:-1000000}
DB=${DB:-allocation_send_bench}
FILES="$(pwd)/bench/results/send-files"
fresh_database $DB
build_jars
rm -rf "$FILES" && mkdir -p "$FILES"
[[ -n "${CLI_MODE:-}" ]] && echo "$CLI_MODE" > "$FILES/.cli-standin-mode"   # a mode of the CLI stand-in

WORKER=(java -Xmx"${WORKER_HEAP:-256m}" -jar "$JOB_JAR" --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/$DB
  --allocation.files.dir="$FILES" --allocation.cli.mode=exec --allocation.cli.timeout=10m
  --allocation.cli.command="$JAVA_HOME/bin/java -cp $STANDINS_JAR org.kasbench.globeco.allocation.standins.PortfolioAccountingCliStandIn process --file {file} --output-dir {dir}"
  --logging.level.root=WARN --management.tracing.sampling.probability=0)

"${WORKER[@]}" > bench/results/send-migrate.log 2>&1   # migrates the fresh database; nothing to send yet
load_executions $DB "$ROWS"

echo "Sending..."
start=$(date +%s%N)
"${WORKER[@]}" > bench/results/send.log 2>&1 &
pid=$!
peak=0
while kill -0 $pid 2> /dev/null; do   # the worker's own peak resident memory (the CLI is a separate process)
  now=$(awk '/VmHWM/ {print int($2 / 1024)}' /proc/$pid/status 2> /dev/null || true)
  [[ -n "$now" ]] && peak=$now
  sleep 0.2
done
wait $pid || echo "worker exit code $? (non-zero when rows are left to send, as with CLI_MODE=unreachable)"
echo "worker process (JVM start to exit): wall_seconds=$(echo "scale=2; ($(date +%s%N) - $start) / 1000000000" | bc) peak_rss_mb=$peak"
psql -h 127.0.0.1 -U postgres -d $DB -P pager=off <<'SQL'
SELECT id, status, processed_count, accepted_count, rejected_count, file_name,
       round(extract(epoch FROM finished_at - start_time)::numeric, 2) AS batch_seconds,
       round(extract(epoch FROM cli_finished_at - cli_started_at)::numeric, 2) AS cli_seconds
FROM batch_history ORDER BY id DESC LIMIT 1;
SELECT s.step_name, round(extract(epoch FROM s.end_time - s.start_time)::numeric, 2) AS seconds, s.read_count, s.write_count, s.commit_count
FROM batch_step_execution s ORDER BY s.step_execution_id;
SELECT round(extract(epoch FROM end_time - start_time)::numeric, 2) AS job_seconds FROM batch_job_execution ORDER BY job_execution_id DESC LIMIT 1;
SQL
file=$(ls "$FILES"/allocation-batch-*.csv | grep -v errors | head -1)
echo "file=$(basename "$file") lines=$(wc -l < "$file") bytes=$(stat -c %s "$file")"
