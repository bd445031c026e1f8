#!/usr/bin/env bash
# Sigma evaluation cost of git revisions side by side, in one JVM (io.vigil.bench.SigmaSideBySide): each revision's
# vigil-sigma is compiled into a temporary folder, loaded in a class loader of its own, and the revisions take
# turns over the windows-evtx-json samples with the shipped rules behind logsource routing.
#
#   vigil-bench/scripts/sigma-side-by-side.sh [rounds=10] <revision>...      e.g. ... 10 bbed148 HEAD
#
# Prints CPU nanoseconds per event: decoding, routing alone, routing with every rule, and the ratio a hunt would
# see between all rules and none. Needs the benchmark jar (built if missing) and a JDK 21+ in JAVA_HOME.
set -euo pipefail
cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/../.."
rounds=${1:-10}
shift || true
(( $# > 0 )) || { echo "usage: $0 [rounds] <revision>..." >&2; exit 2; }
shared=${VIGIL_SHARED_DATA:-../shared/data}
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jar=vigil-bench/target/benchmarks.jar
[[ -f $jar ]] || mvn -B -q -pl vigil-bench -am package -DskipTests
work=$(mktemp -d /tmp/vigil-sigma-sbs.XXXXXX)
trap 'for t in "$work"/tree-*; do [[ -d $t ]] && git worktree remove --force "$t"; done; rm -rf "$work"' EXIT

classes=()
for revision in "$@"; do
    name=$(git rev-parse --short "$revision")
    git worktree add -q --detach "$work/tree-$name" "$revision"
    mvn -B -q -o -f "$work/tree-$name/pom.xml" -pl vigil-sigma compile >/dev/null
    cp -r "$work/tree-$name/vigil-sigma/target/classes" "$work/$name"
    classes+=("$work/$name")
done
"$java" -Xmx3g -cp "$jar" io.vigil.bench.SigmaSideBySide "$rounds" \
    vigil-content/src/main/resources/io/vigil/content/sigma/rules/sigmahq "$shared/log-samples/windows-evtx-json" \
    "${classes[@]}"
