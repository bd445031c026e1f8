#!/usr/bin/env bash
# Sigma evaluation cost of git revisions, measured in turns (io.vigil.bench.SigmaPhases): each revision's vigil-sigma
# is compiled into a temporary folder, and the revisions take turns, each in a JVM of its own, <reps> times over,
# over the windows-evtx-json samples with the shipped rules behind logsource routing. Taking turns spreads the load
# of a shared machine over all revisions; separate JVMs keep one revision's code from shaping how the JIT compiles
# another's (in one JVM, whichever revision runs first measures faster).
#
#   vigil-bench/scripts/sigma-side-by-side.sh [reps=3] <revision>...      e.g. ... 3 bbed148 HEAD
#
# Prints CPU nanoseconds per event: decoding, routing alone, routing with every rule (without decoding), and the
# ratio a hunt would see between all rules and none (reading and writing aside); then each revision's mean.
set -euo pipefail
cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/../.."
reps=${1:-3}
shift || true
(( $# > 0 )) || { echo "usage: $0 [reps] <revision>..." >&2; exit 2; }
shared=${VIGIL_SHARED_DATA:-../shared/data}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jar=vigil-bench/target/benchmarks.jar
[[ -f $jar ]] || mvn -B -q -pl vigil-bench -am package -DskipTests
work=$(mktemp -d /tmp/vigil-sigma-sbs.XXXXXX)
trap 'for t in "$work"/tree-*; do [[ -d $t ]] && git worktree remove --force "$t"; done; rm -rf "$work"' EXIT

names=()
for revision in "$@"; do
    name=$(git rev-parse --short "$revision")
    git worktree add -q --detach "$work/tree-$name" "$revision"
    mvn -B -q -o -f "$work/tree-$name/pom.xml" -pl vigil-sigma compile >/dev/null
    cp -r "$work/tree-$name/vigil-sigma/target/classes" "$work/$name"
    names+=("$name")
done
for rep in $(seq 1 "$reps"); do
    for name in "${names[@]}"; do
        # The revision's classes come before the benchmark jar, which carries its own copy of vigil-sigma.
        line=$("$java" -Xmx2g -cp "$work/$name:$jar" io.vigil.bench.SigmaPhases \
            vigil-content/src/main/resources/io/vigil/content/sigma/rules/sigmahq \
            "$shared/log-samples/windows-evtx-json" 10 | grep '^mean')
        echo "rep $rep $name $line" | tee -a "$work/results"
    done
done
echo "== mean over $reps reps (CPU ns per event)"
for name in "${names[@]}"; do
    awk -v n="$name" '$3 == n { d += $6; r += $8; a += $10; k++ }
        END { printf "%s decode %.0f route %.0f all %.0f rules %.0f ratio %.2f\n", n, d/k, r/k, a/k, (a-r)/k, (d+a)/(d+r) }' \
        "$work/results"
done
