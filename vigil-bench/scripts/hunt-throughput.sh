#!/usr/bin/env bash
# End-to-end `vigil hunt` throughput over realistic Windows events: with every shipped Sigma rule loaded, and the
# same run with no rules loaded, to see what the rules cost.
#
#   vigil-bench/scripts/hunt-throughput.sh [copies=100] [threads=1] [rounds=1] [passes=1]
#
# Builds a temporary NDJSON file of <copies> × the 2,623 windows-evtx-json sample events (Sysmon and Security,
# evtx_dump shape) and runs `./vigil hunt` over it <rounds> times in each mode:
#   all   every rule Vigil ships (vigil-content: SigmaHQ rules/ and rules-emerging-threats/), routed and indexed
#   none  `--no-rules`: the same reading, decoding and routing with an empty rule set
# For each run it prints wall-clock events/s and events per CPU-second of the hunt's own threads (which leaves
# out JIT, GC and time spent waiting for a core on a busy machine), then the ratio of the two modes' best runs.
#
# One-shot figures are those of a hunt as an analyst runs it: one scan in a fresh process, which pays for the JIT
# compiling the code (the first events run interpreted) and for building the candidate indexes. With passes > 1,
# each hunt scans the file <passes> times in one process (`--passes`, a hidden benchmark option) and the last scan
# gives the warm figures: the engine's steady throughput. The first scan is still reported as the one-shot figure.
# Removes the file at the end.
set -euo pipefail

cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/../.."
copies=${1:-100}
threads=${2:-1}
rounds=${3:-1}
passes=${4:-1}
shared=${VIGIL_SHARED_DATA:-../shared/data}
shipped=vigil-content/src/main/resources/io/vigil/content/sigma/rules/sigmahq
work=$(mktemp -d /tmp/vigil-hunt-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

samples=("$shared"/log-samples/windows-evtx-json/*.jsonl)
for _ in $(seq 1 "$copies"); do cat "${samples[@]}"; done > "$work/events.jsonl"
echo "events: $(wc -l < "$work/events.jsonl") in $(du -h "$work/events.jsonl" | cut -f1), threads: $threads, passes: $passes"

# Prints "<first-scan elapsed s> <first-scan cpu s> <last-scan elapsed s> <last-scan cpu s>" of one run, and its
# summary lines on stderr.
run() {
    local summary
    summary=$(./vigil hunt --quiet --threads "$threads" --passes "$passes" "$@" --output "$work/findings.jsonl" \
        "$work/events.jsonl" 2>&1 || true)
    grep -E '^  (rules|events|detections|elapsed|cpu) |warm-up pass' <<<"$summary" >&2
    local elapsed cpu first_elapsed first_cpu
    elapsed=$(sed -nE 's/^  elapsed +([0-9.]+) s.*/\1/p' <<<"$summary")
    cpu=$(sed -nE 's/^  cpu +([0-9.]+) s.*/\1/p' <<<"$summary")
    first_elapsed=$(sed -nE 's/.*warm-up pass 1:.* elapsed ([0-9.]+) s.*/\1/p' <<<"$summary")
    first_cpu=$(sed -nE 's/.*warm-up pass 1:.* cpu ([0-9.]+) s.*/\1/p' <<<"$summary")
    if ((passes > 1)) && [[ -z $first_cpu ]]; then
        printf 'no warm-up pass in the output of this run:\n%s\n' "$summary" >&2
    fi
    echo "${first_elapsed:-${elapsed:-0}} ${first_cpu:-${cpu:-0}} ${elapsed:-0} ${cpu:-0}"
}

min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b < a ? b : a) }'; }

declare -A best=()
for key in all_wall all_cpu none_wall none_cpu warm_all_wall warm_all_cpu warm_none_wall warm_none_cpu; do
    best[$key]=999999
done
for round in $(seq 1 "$rounds"); do
    for mode in all none; do
        if [[ $mode == all ]]; then
            echo "== round $round: all shipped rules ($shipped)" >&2
            read -r wall cpu warm_wall warm_cpu < <(run --rules "$shipped")
        else
            echo "== round $round: no rules" >&2
            read -r wall cpu warm_wall warm_cpu < <(run --no-rules)
        fi
        best[${mode}_wall]=$(min "${best[${mode}_wall]}" "$wall")
        best[${mode}_cpu]=$(min "${best[${mode}_cpu]}" "$cpu")
        best[warm_${mode}_wall]=$(min "${best[warm_${mode}_wall]}" "$warm_wall")
        best[warm_${mode}_cpu]=$(min "${best[warm_${mode}_cpu]}" "$warm_cpu")
    done
done
events=$(wc -l < "$work/events.jsonl")
report() { # <label> <all wall> <all cpu> <none wall> <none cpu>
    awk -v label="$1" -v n="$events" -v aw="$2" -v ac="$3" -v nw="$4" -v nc="$5" -v t="$threads" 'BEGIN {
        printf "%s threads=%d events=%d all_wall_s=%.2f all_events_per_s=%.0f all_events_per_cpu_s=%.0f ", label, t, n, aw, n / aw, n / ac
        printf "none_wall_s=%.2f none_events_per_s=%.0f none_events_per_cpu_s=%.0f ", nw, n / nw, n / nc
        printf "ratio_wall=%.2f ratio_cpu=%.2f\n", aw / nw, ac / nc
    }'
}
report summary "${best[all_wall]}" "${best[all_cpu]}" "${best[none_wall]}" "${best[none_cpu]}"
if ((passes > 1)); then
    report "warm (scan $passes of $passes)" "${best[warm_all_wall]}" "${best[warm_all_cpu]}" "${best[warm_none_wall]}" \
        "${best[warm_none_cpu]}"
fi
