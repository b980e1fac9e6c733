#!/usr/bin/env bash
# Plots the warm-up curves of bench/warmup.sh runs: requests/s of each 5 s window against seconds since the JVM
# was launched, one line per run, and the first run's steady state (dashed) with its 70 % mark (dotted).
#   bench/plot-warmup.sh docs/performance-warmup.png image:"image (this commit)" fatjar:"java -jar fat jar"
# Each argument is LABEL:TITLE, LABEL being the run's LABEL (bench/results/warmup-LABEL). Needs gnuplot
# (apt-get install gnuplot-nox).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v gnuplot > /dev/null || { apt-get update -qq && apt-get install -y -qq gnuplot-nox > /dev/null; }
png=$1; shift
steady=$(cat "bench/results/warmup-${1%%:*}/steady.value")
plots=()
for run in "$@"; do
  plots+=("'bench/results/warmup-${run%%:*}/curve.dat' using (\$1+\$2)/2:3 with linespoints title '${run#*:}'")
done
gnuplot <<GNUPLOT
set terminal pngcairo size 900,500 font ",10"
set output '$png'
set title 'Single-element posts, 16 connections, 5 s windows from /readyz (one run each, 2-core machine)'
set xlabel 'seconds since the JVM was launched (window midpoint)'
set ylabel 'requests/s'
set yrange [0:*]
set key bottom right
set grid
plot $(IFS=,; echo "${plots[*]}"), $steady with lines dashtype 2 lc rgb 'gray40' title 'steady state (first run)', \
  0.7*$steady with lines dashtype 3 lc rgb 'gray60' title '70 % of steady state'
GNUPLOT
echo "wrote $png"
