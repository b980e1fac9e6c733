#!/usr/bin/env bash
# The ten slowest tests of the last build, and the total test time of each phase, from the surefire (unit and
# integration tests) and failsafe (DockerfileBuildIT, the chaos suite) XML reports under */target.
# Usage: scripts/slowest-tests.sh [count]
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-10}"
shopt -s nullglob
reports=(*/target/surefire-reports/TEST-*.xml */target/failsafe-reports/TEST-*.xml)
if [ ${#reports[@]} -eq 0 ]; then
    echo "no test reports under */target; run the build first" >&2
    exit 1
fi
for phase in surefire failsafe; do
    files=(*/target/"$phase"-reports/TEST-*.xml)
    [ ${#files[@]} -eq 0 ] && continue
    # <testsuite ... time="12.3" ...>: the class's wall time, its context start included.
    sed -n 's/.*<testsuite [^>]*time="\([0-9.]*\)".*/\1/p' "${files[@]}" \
        | awk -v phase="$phase" '{ total += $1 } END { printf "%s: %.1f s of test time in %d classes\n", phase, total, NR }'
done
echo "slowest $count tests:"
for file in "${reports[@]}"; do
    # <testcase name="..." classname="..." time="..."> (attribute order varies with the plugin version)
    grep -o '<testcase [^>]*>' "$file" | while read -r testcase; do
        name=$(sed -n 's/.* name="\([^"]*\)".*/\1/p' <<<"$testcase")
        class=$(sed -n 's/.* classname="\([^"]*\)".*/\1/p' <<<"$testcase")
        time=$(sed -n 's/.* time="\([^"]*\)".*/\1/p' <<<"$testcase")
        printf '%s %s.%s\n' "${time:-0}" "${class##*.}" "$name"
    done
done | sort -rn | head -n "$count" | awk '{ t = $1; $1 = ""; printf "  %7.2f s %s\n", t, substr($0, 2) }'
