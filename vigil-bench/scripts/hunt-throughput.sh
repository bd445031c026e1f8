#!/usr/bin/env bash
# End-to-end `vigil hunt` throughput over realistic Windows events: with every shipped Sigma rule loaded, and the
# same run with no rules loaded, to see what the rules cost.
#
#   vigil-bench/scripts/hunt-throughput.sh [copies=100] [threads=1] [rounds=1]
#
# Builds a temporary NDJSON file of <copies> × the 2,623 windows-evtx-json sample events (Sysmon and Security,
# evtx_dump shape) and runs `./vigil hunt` over it <rounds> times in each mode:
#   all   every rule Vigil ships (vigil-content: SigmaHQ rules/ and rules-emerging-threats/), routed and indexed
#   none  `--no-rules`: the same reading, decoding and routing with an empty rule set
# For each run it prints wall-clock events/s and events per CPU-second of the hunt's own threads (which leaves
# out JIT, GC and time spent waiting for a core on a busy machine), then the ratio of the two modes' best runs.
# Removes the file at the end.
set -euo pipefail

cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/../.."
copies=${1:-100}
threads=${2:-1}
rounds=${3:-1}
shared=${VIGIL_SHARED_DATA:-../shared/data}
shipped=vigil-content/src/main/resources/io/vigil/content/sigma/rules/sigmahq
work=$(mktemp -d /tmp/vigil-hunt-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

samples=("$shared"/log-samples/windows-evtx-json/*.jsonl)
for _ in $(seq 1 "$copies"); do cat "${samples[@]}"; done > "$work/events.jsonl"
echo "events: $(wc -l < "$work/events.jsonl") in $(du -h "$work/events.jsonl" | cut -f1), threads: $threads"

# Prints "<elapsed s> <cpu s>" of one run and its summary lines on stderr.
run() {
    local summary
    summary=$(./vigil hunt --quiet --threads "$threads" "$@" --output "$work/findings.jsonl" "$work/events.jsonl" 2>&1 ||
        true)
    grep -E '^  (rules|events|detections|elapsed|cpu) ' <<<"$summary" >&2
    local elapsed cpu
    elapsed=$(sed -nE 's/^  elapsed +([0-9.]+) s.*/\1/p' <<<"$summary")
    cpu=$(sed -nE 's/^  cpu +([0-9.]+) s.*/\1/p' <<<"$summary")
    echo "${elapsed:-0} ${cpu:-0}"
}

best_all_wall=999999 best_all_cpu=999999 best_none_wall=999999 best_none_cpu=999999
for round in $(seq 1 "$rounds"); do
    echo "== round $round: all shipped rules ($shipped)" >&2
    read -r wall cpu < <(run --rules "$shipped")
    best_all_wall=$(awk -v a="$best_all_wall" -v b="$wall" 'BEGIN { print (b < a ? b : a) }')
    best_all_cpu=$(awk -v a="$best_all_cpu" -v b="$cpu" 'BEGIN { print (b < a ? b : a) }')
    echo "== round $round: no rules" >&2
    read -r wall cpu < <(run --no-rules)
    best_none_wall=$(awk -v a="$best_none_wall" -v b="$wall" 'BEGIN { print (b < a ? b : a) }')
    best_none_cpu=$(awk -v a="$best_none_cpu" -v b="$cpu" 'BEGIN { print (b < a ? b : a) }')
done
events=$(wc -l < "$work/events.jsonl")
awk -v n="$events" -v aw="$best_all_wall" -v ac="$best_all_cpu" -v nw="$best_none_wall" -v nc="$best_none_cpu" \
    -v t="$threads" 'BEGIN {
        printf "summary threads=%d events=%d all_wall_s=%.2f all_events_per_s=%.0f all_events_per_cpu_s=%.0f ", t, n, aw, n / aw, n / ac
        printf "none_wall_s=%.2f none_events_per_s=%.0f none_events_per_cpu_s=%.0f ", nw, n / nw, n / nc
        printf "ratio_wall=%.2f ratio_cpu=%.2f\n", aw / nw, ac / nc
    }'
