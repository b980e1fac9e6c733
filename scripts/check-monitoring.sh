#!/usr/bin/env bash
# The monitoring kit (monitoring/, docs/runbook.md) against real Prometheus tools: the rules pass `promtool check
# rules` and their unit tests (`promtool test rules`), then Debian's Prometheus scrapes a running API
# (scripts/prometheus-scrape-check.sh). Needs the `prometheus` package and the built jars; .ci/run runs it after
# the build. About a minute and a half.
set -euo pipefail
cd "$(dirname "$0")/.."
promtool check rules monitoring/prometheus/allocation-rules.yml
promtool test rules monitoring/prometheus/allocation-rules-test.yml
scripts/prometheus-scrape-check.sh
