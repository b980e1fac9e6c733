#!/usr/bin/env bash
# Chooses the warm-up before readiness from measurements: bench/warmup.sh (the image's way) once per candidate
# setting of allocation.warmup.* and round, the candidates' order reversed every other round so that neither the
# machine's drift nor a position favours one. Then per candidate, median and range over the rounds of: ready time,
# requests served in the first 60 s from launch (the windows' requests/s times their length, cut at 60 s), and the
# p99 of the first two 5 s windows after ready.
#   SKIP_BUILD=1 ROUNDS=2 bench/warmup-candidates.sh
# Settings (environment): ROUNDS (2), CANDIDATES (name=JAVA_OPTS pairs, one per line; below), and warmup.sh's own
# (API_PORT, TRADE_PORT, DB, ...). Each run is about 2.5 minutes; results in bench/results/warmup-cand-*/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-2}
CANDIDATES=${CANDIDATES:-"fixed1s=-Dallocation.warmup.until-settled=false -Dallocation.warmup.duration=1s
settled2s=-Dallocation.warmup.duration=2s
settled3s=-Dallocation.warmup.duration=3s
settled5s=-Dallocation.warmup.duration=5s"}
mapfile -t CANDIDATE_LINES <<< "$CANDIDATES"
SUMMARY=bench/results/warmup-candidates.txt
mkdir -p bench/results && : > "$SUMMARY"

for round in $(seq 1 "$ROUNDS"); do
  order=("${CANDIDATE_LINES[@]}")
  if (( round % 2 == 0 )); then mapfile -t order < <(printf '%s\n' "${CANDIDATE_LINES[@]}" | tac); fi
  for line in "${order[@]}"; do
    name=${line%%=*}
    label=cand-$name-$round
    SKIP_BUILD=1 QUIET_WAIT_SECONDS=${QUIET_WAIT_SECONDS:-0} CURVE_SECONDS=60 STEADY_WARMUP=5s STEADY_DURATION=5s \
      HUNDRED_DURATION=1s LABEL=$label JAVA_OPTS="${line#*=}" bench/warmup.sh > "bench/results/$label.log" 2>&1 \
      || { echo "$label failed: bench/results/$label.log" >&2; continue; }
    dir=bench/results/warmup-$label
    awk -v name="$name" -v round="$round" -v ready="$(cat "$dir/ready.value")" \
      -v loadavg="$(cut -d' ' -f1 /proc/loadavg)" '
      $1 < 60 { to = ($2 < 60) ? $2 : 60; served += $3 * (to - $1) }
      NR <= 2 { p99 = p99 (p99 == "" ? "" : "/") $5 }
      END { printf "%s %d ready_s=%s served_60s=%d first_windows_p99=%s load_1min=%s\n", name, round, ready, served, p99, loadavg }' \
      "$dir/curve.dat" | tee -a "$SUMMARY"
  done
done

echo "== per candidate: median (range) over $ROUNDS rounds"
awk '{ split($3, r, "="); split($4, s, "="); print $1, r[2], s[2] }' "$SUMMARY" | sort -k1,1 | awk '
  function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
  function flush() { if (name == "") return; printf "%-10s ready %.2f s (%.2f-%.2f)  served in 60 s %d (%d-%d)\n", name,
      median(r, n), r[1], r[n], median(s, n), s[1], s[n] }
  $1 != name { flush(); name = $1; n = 0; delete r; delete s }
  { n++; r[n] = $2 + 0; s[n] = $3 + 0 }
  END { flush() }'
