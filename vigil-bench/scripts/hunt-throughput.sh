#!/usr/bin/env bash
# End-to-end `vigil hunt` throughput over realistic Windows events, with every SigmaHQ rule loaded and
# with a single rule, to see what the rules cost.
#
#   vigil-bench/scripts/hunt-throughput.sh [copies=100] [threads=1]
#
# Builds a temporary NDJSON file of <copies> × the 2,623 windows-evtx-json sample events (Sysmon and
# Security, evtx_dump shape), runs `./vigil hunt` over it with all rules under ../shared/data/sigma/rules
# and then with one rule, and prints both summaries. Removes the file at the end.
set -euo pipefail

cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/../.."
copies=${1:-100}
threads=${2:-1}
shared=${VIGIL_SHARED_DATA:-../shared/data}
work=$(mktemp -d /tmp/vigil-hunt-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

samples=("$shared"/log-samples/windows-evtx-json/*.jsonl)
for _ in $(seq 1 "$copies"); do cat "${samples[@]}"; done > "$work/events.jsonl"
mkdir -p "$work/one-rule"
cp "$shared/sigma/rules/windows/process_creation/proc_creation_win_renamed_whoami.yml" "$work/one-rule/"
echo "events: $(wc -l < "$work/events.jsonl") in $(du -h "$work/events.jsonl" | cut -f1)"

for rules in "$shared/sigma/rules" "$work/one-rule"; do
    echo "== rules: $rules"
    ./vigil hunt --quiet --threads "$threads" --rules "$rules" --output "$work/findings.jsonl" "$work/events.jsonl" 2>&1 |
        grep -E 'rules|events|detections|elapsed|events/s' || true
done
