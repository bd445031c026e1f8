#!/usr/bin/env bash
# Self-contained test of the JDK discovery in .ci/jdk.sh. Builds fake JDKs (shell scripts named
# java/javac printing version banners) in a temporary directory and runs vigil_find_jdk against them
# with an isolated PATH, JAVA_HOME and VIGIL_JVM_ROOT. Prints "N passed, M failed" last; exits
# non-zero on any failure. Needs only bash and coreutils; takes well under a second or two.
set -euo pipefail

HERE=$(cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")" && pwd)
JDK_SH="$HERE/jdk.sh"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/vigil-test-jdk.XXXXXX")
trap 'rm -rf -- "$TMP"' EXIT

passed=0
failed=0

ok() {
    passed=$((passed + 1))
    printf 'ok   %s\n' "$1"
}

not_ok() {
    failed=$((failed + 1))
    printf 'FAIL %s\n' "$1"
    shift
    local line
    for line in "$@"; do
        printf '       %s\n' "$line"
    done
}

# fake_jdk HOME VERSION [SPEC|-] [jre]
#   VERSION: what `java -version` shows ("17.0.15", "21", "25-ea", "1.8.0_392").
#   SPEC: java.specification.version shown by -XshowSettings:properties; "-" = option unsupported
#         (the fake then prints only the -version banner, exercising the fallback).
#   jre: leave out javac.
fake_jdk() {
    local home=$1 version=$2 spec=${3:-} kind=${4:-jdk}
    if [[ -z $spec ]]; then
        spec=${version%%[!0-9.]*}
        if [[ $spec == 1.* ]]; then spec=${spec%.*}; spec=${spec%%_*}; else spec=${spec%%.*}; fi
    fi
    mkdir -p "$home/bin"
    {
        printf '#!/bin/sh\n'
        if [[ $spec != - ]]; then
            printf 'for a in "$@"; do\n'
            printf '  if [ "$a" = "-XshowSettings:properties" ]; then\n'
            printf '    printf "Property settings:\\n    file.encoding = UTF-8\\n    java.home = %s\\n" >&2\n' "$home"
            printf '    printf "    java.specification.name = Java Platform API Specification\\n" >&2\n'
            printf '    printf "    java.specification.version = %s\\n" >&2\n' "$spec"
            printf '    printf "    java.vm.specification.version = %s\\n\\n" >&2\n' "$spec"
            printf '  fi\n'
            printf 'done\n'
        fi
        printf 'printf "openjdk version \\"%s\\" 2024-01-16\\nOpenJDK Runtime Environment (build %s)\\n" >&2\n' \
            "$version" "$version"
    } >"$home/bin/java"
    chmod +x "$home/bin/java"
    if [[ $kind != jre ]]; then
        printf '#!/bin/sh\nprintf "javac %s\\n"\n' "$version" >"$home/bin/javac"
        chmod +x "$home/bin/javac"
    fi
}

# A PATH directory holding only the tools jdk.sh needs, so the real /usr/bin/java cannot leak in.
SYSBIN="$TMP/sysbin"
mkdir -p "$SYSBIN"
for tool in readlink sh; do
    ln -s "$(type -P "$tool")" "$SYSBIN/$tool"
done

# run_find NAME JAVA_HOME PATH_JAVA JVM_ROOT: runs vigil_find_jdk; sets out, err, rc.
#   JAVA_HOME "" = unset; PATH_JAVA "" = no java on PATH, else the java to expose (symlinked).
run_find() {
    local name=$1 jh=$2 path_java=$3 root=$4
    local pathdir="$TMP/path-$name"
    mkdir -p "$pathdir"
    if [[ -n $path_java ]]; then
        ln -sf "$path_java" "$pathdir/java"
    fi
    rc=0
    (
        unset JAVA_HOME
        if [[ -n $jh ]]; then export JAVA_HOME=$jh; fi
        export PATH="$pathdir:$SYSBIN"
        export VIGIL_JVM_ROOT=$root
        set -euo pipefail
        # shellcheck source=jdk.sh
        . "$JDK_SH"
        vigil_find_jdk
    ) >"$TMP/out" 2>"$TMP/err" || rc=$?
    out=$(<"$TMP/out")
    err=$(<"$TMP/err")
}

expect_found() {
    local name=$1 want=$2
    if [[ $rc == 0 && $out == "$want" ]]; then
        ok "$name"
    else
        not_ok "$name" "expected rc=0 and '$want'" "got rc=$rc out='$out'" "stderr: $err"
    fi
}

# --- fakes ---
H="$TMP/homes"
fake_jdk "$H/jdk-17" "17.0.15"
fake_jdk "$H/jdk-21" "21"
fake_jdk "$H/jdk-22" "22.0.1"
fake_jdk "$H/jre-23" "23.0.1" "" jre
fake_jdk "$H/jdk-11-old" "11.0.2" -          # no -XshowSettings support: -version fallback

ROOT="$TMP/jvm"                               # a /usr/lib/jvm look-alike
fake_jdk "$ROOT/java-8-openjdk-amd64" "1.8.0_392"
fake_jdk "$ROOT/java-17-openjdk-amd64" "17.0.15"
ln -s java-17-openjdk-amd64 "$ROOT/java-1.17.0-openjdk-amd64"
fake_jdk "$ROOT/java-21-openjdk-amd64" "21.0.8"
fake_jdk "$ROOT/temurin-25-jdk-amd64" "25.0.3"
fake_jdk "$ROOT/zulu-21-jdk" "21.0.4"         # sorts after temurin-25: "highest", not "last", must win
fake_jdk "$ROOT/jdk-26-jre" "26" "" jre       # newest, but no javac: must not win
fake_jdk "$ROOT/jdk-24-ea" "24-ea" -          # early-access banner, fallback parsing
mkdir -p "$ROOT/openjdk-17"                   # a directory without bin/java (Debian has one)

ROOT17="$TMP/jvm17"
fake_jdk "$ROOT17/java-17-openjdk-amd64" "17.0.15"

EMPTY="$TMP/empty-jvm"
mkdir -p "$EMPTY"

# --- version parsing ---
(
    . "$JDK_SH"
    for pair in "$ROOT/java-8-openjdk-amd64:8" "$H/jdk-17:17" "$H/jdk-21:21" "$ROOT/temurin-25-jdk-amd64:25" \
        "$H/jdk-11-old:11" "$ROOT/jdk-24-ea:24"; do
        home=${pair%:*} want=${pair##*:}
        got=$(vigil_java_major "$home/bin/java") || got="(failed)"
        if [[ $got == "$want" ]]; then echo "PASS major $want"; else echo "FAIL major of ${home##*/}: want $want, got $got"; fi
    done
    if vigil_java_major "$TMP/does-not-exist/java" >/dev/null; then echo "FAIL major of missing java"; else echo "PASS missing java"; fi
) >"$TMP/parse" 2>&1
while IFS= read -r line; do
    case $line in
        PASS*) ok "vigil_java_major: ${line#PASS }" ;;
        *) not_ok "vigil_java_major" "$line" ;;
    esac
done <"$TMP/parse"

# --- discovery ---
run_find jh21 "$H/jdk-21" "$H/jdk-17/bin/java" "$ROOT"
expect_found "JAVA_HOME >= 21 is used first" "$H/jdk-21"

run_find jh21slash "$H/jdk-21/" "" "$EMPTY"
expect_found "JAVA_HOME with a trailing slash" "$H/jdk-21"

run_find pathjava "" "$H/jdk-22/bin/java" "$ROOT"
expect_found "java on PATH >= 21 is used (symlink resolved to its home)" "$H/jdk-22"

run_find skip17 "$H/jdk-17" "$H/jdk-17/bin/java" "$ROOT"
expect_found "JAVA_HOME 17 and PATH java 17 skipped; highest JDK in the jvm root wins" "$ROOT/temurin-25-jdk-amd64"

run_find jre "$H/jre-23" "" "$ROOT17"
if [[ $rc != 0 && $err == *"no javac"* ]]; then
    ok "a JRE (java without javac) in JAVA_HOME is not accepted"
else
    not_ok "a JRE (java without javac) in JAVA_HOME is not accepted" "rc=$rc out='$out'" "stderr: $err"
fi

run_find missingjh "$TMP/nope" "" "$ROOT"
expect_found "a JAVA_HOME that does not exist is skipped" "$ROOT/temurin-25-jdk-amd64"

run_find only17 "$H/jdk-17" "$H/jdk-17/bin/java" "$ROOT17"
missing=()
[[ $rc == 1 ]] || missing+=("exit status 1 (got $rc)")
[[ -z $out ]] || missing+=("nothing on stdout (got '$out')")
for want in "no JDK 21 or newer" "JAVA_HOME=$H/jdk-17" "java on PATH" "$ROOT17/*" "Java 17" \
    "apt-get install openjdk-21-jdk" "Temurin" "export JAVA_HOME="; do
    [[ $err == *"$want"* ]] || missing+=("stderr mentions '$want'")
done
if ((${#missing[@]} == 0)); then
    ok "only Java 17 available: fails with a clear message"
else
    not_ok "only Java 17 available: fails with a clear message" "${missing[@]}" "stderr was:" "$err"
fi

run_find nojava "" "" "$EMPTY"
if [[ $rc == 1 && $err == *"no Java installation at all"* ]]; then
    ok "no Java at all: fails and says so"
else
    not_ok "no Java at all: fails and says so" "rc=$rc" "stderr: $err"
fi

# --- JVM options per command ---
# expect_opts NAME WANT COMMAND MAJOR CPUS [USER_OPTS]: WANT is the options printed, space-separated.
expect_opts() {
    local name=$1 want=$2 got
    shift 2
    got=$(. "$JDK_SH" && vigil_command_java_opts "$@" | tr '\n' ' ')
    got=${got% }
    if [[ $got == "$want" ]]; then ok "java opts: $name"; else not_ok "java opts: $name" "want '$want'" "got  '$got'"; fi
}
expect_opts "hunt on JDK 25, two processors" "-XX:+UseCompactObjectHeaders -XX:+UseSerialGC" hunt 25 2
expect_opts "hunt on JDK 21: no compact headers" "-XX:+UseSerialGC" hunt 21 1
expect_opts "hunt on eight processors keeps the JVM's collector" "-XX:+UseCompactObjectHeaders" hunt 25 8
expect_opts "a collector of the user's is left alone" "-XX:+UseCompactObjectHeaders" hunt 25 2 "-Xmx1g -XX:+UseG1GC"
expect_opts "compact headers switched off by the user" "-XX:+UseSerialGC" hunt 26 2 "-XX:-UseCompactObjectHeaders"
expect_opts "other commands get nothing" "" serve 25 2
expect_opts "no command gets nothing" "" "" 25 2

printf '%d passed, %d failed\n' "$passed" "$failed"
((failed == 0))
