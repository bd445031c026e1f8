#!/bin/sh
# Verifies this Vigil audit export with standard tools only: sh, jq, sha256sum, base64, openssl (1.1.1 or newer).
# Run it in the export directory: sh verify.sh. Exit status 0: intact; 1: the first bad entry is printed.
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "BROKEN: $*"; exit 1; }

# 1. The hash chain. Each line of entries.jsonl is an entry's canonical form; its hash is the SHA-256 of the line's
#    bytes (without the newline); each entry's prev_hash is the previous entry's hash, 64 zeros for entry 1.
jq -r '"\(.seq) \(.prev_hash)"' entries.jsonl > "$work/links"
prev=0000000000000000000000000000000000000000000000000000000000000000
expected=1
while IFS= read -r line <&3 && read -r seq link <&4; do
    [ "$seq" = "$expected" ] || fail "entry $expected: missing or out of order (found seq $seq)"
    [ "$link" = "$prev" ] || fail "entry $((seq - 1)): modified (it hashes to $prev, entry $seq links to $link)"
    prev=$(printf '%s' "$line" | sha256sum | cut -d' ' -f1)
    echo "$seq $prev" >> "$work/hashes"
    expected=$((expected + 1))
done 3< entries.jsonl 4< "$work/links"
last=$((expected - 1))

# 2. The checkpoints. Each signs four lines (format, seq, head hash, time) with Ed25519; the head must be the hash
#    the chain computes for that seq.
jq -r '"\(.seq) \(.head) \(.at) \(.signature)"' checkpoints.jsonl > "$work/checkpoints"
signed=0
while read -r seq head at signature; do
    printf 'vigil-audit-checkpoint v1\nseq %s\nhead %s\nat %s\n' "$seq" "$head" "$at" > "$work/message"
    printf '%s' "$signature" | base64 -d > "$work/signature"
    openssl pkeyutl -verify -pubin -inkey audit-public.pem -rawin -in "$work/message" -sigfile "$work/signature" \
        > /dev/null 2>&1 || fail "checkpoint at entry $seq: bad signature"
    [ "$seq" -le "$last" ] || fail "entry $((last + 1)): truncated (the log ends at $last, a checkpoint covers $seq)"
    computed=$(awk -v s="$seq" '$1 == s { print $2 }' "$work/hashes")
    [ "$computed" = "$head" ] || fail "entries up to $seq: rewritten (chain hash $computed, signed $head)"
    signed=$seq
done < "$work/checkpoints"

echo "intact: $last entries; checkpoints verified up to entry $signed"
