#!/usr/bin/env bash
# End-to-end throughput of a running server's pipeline: HTTP ingest → journal → decode → normalise →
# recent-events view (H2 by default, or whatever vigil.database.url the server is given).
#
#   vigil-bench/scripts/pipeline-throughput.sh [batches=200] [parallel=4]
#
# Starts ./vigil serve on ports 19080/19088 over a temporary data directory, posts <batches> batches
# of 500 demo events with <parallel> concurrent curl senders, and reports how long ingest and the
# pipeline took. Stops the server and removes its data at the end. Talks to 127.0.0.1 only.
set -euo pipefail

cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/../.."
batches=${1:-200}
parallel=${2:-4}
token=vga_pipeline-benchmark-token-0123456789abcdef
data=$(mktemp -d /tmp/vigil-pipeline-bench.XXXXXX)
body=$data/body.ndjson
demo=vigil-content/src/main/resources/io/vigil/content/demo

cleanup() {
    [[ -n ${server:-} ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
    rm -rf "$data"
}
trap cleanup EXIT

VIGIL_SERVER_BOOTSTRAPTOKEN=$token ./vigil serve --data-dir "$data/var" --port 19080 --ingest-port 19088 \
    > "$data/server.log" 2>&1 &
server=$!
for _ in $(seq 1 180); do
    curl -sf http://127.0.0.1:19080/actuator/health/readiness > /dev/null && break
    sleep 1
done

api() { curl -sf -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }
api -d '{"slug":"bench","displayName":"Bench","timezone":"UTC"}' http://127.0.0.1:19080/api/v1/platform/tenants > /dev/null
key=$(api -d '{"label":"load"}' http://127.0.0.1:19080/api/v1/tenants/bench/ingest-keys |
    sed -E 's/.*"secret":"([^"]+)".*/\1/')
(find "$demo" -name '*.ndjson' ! -name 'malformed.ndjson' -exec cat {} + 2>/dev/null || true) | head -500 > "$body"

processed() {
    curl -s -H "Authorization: Bearer $token" http://127.0.0.1:19080/actuator/prometheus |
        awk '/^vigil_pipeline_events_out_total\{.*phase="output"/ {sum += $2} END {printf "%d", sum}'
}

expected=$((batches * 500))
start=$(date +%s.%N)
seq 1 "$batches" | xargs -P "$parallel" -I{} curl -s -o /dev/null -w '%{http_code}\n' \
    -H "Authorization: Bearer $key" -H 'Content-Type: application/x-ndjson' --data-binary @"$body" \
    http://127.0.0.1:19088/ingest/v1/events | sort | uniq -c | sed 's/^/  HTTP answers: /'
acked=$(date +%s.%N)
deadline=$((SECONDS + 600))
until (($(processed) >= expected)) || ((SECONDS > deadline)); do sleep 0.2; done
finished=$(date +%s.%N)
done_count=$(processed)

awk -v s="$start" -v a="$acked" -v f="$finished" -v n="$done_count" -v e="$expected" 'BEGIN {
    printf "  events      : %d sent, %d processed\n", e, n
    printf "  ingest      : %.2f s (%.0f events/s acknowledged)\n", a - s, e / (a - s)
    printf "  pipeline    : %.2f s from first send to last event stored (%.0f events/s end to end)\n", f - s, n / (f - s)
}'
