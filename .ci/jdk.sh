# shellcheck shell=bash
# JDK discovery for the Vigil launcher (./vigil) and CI (.ci/run). Source this file, then:
#
#   JAVA_HOME=$(vigil_find_jdk) || exit 1
#
# vigil_find_jdk prints the home of the first JDK (java AND javac) whose major version is >= 21,
# looking in this order:
#   1. $JAVA_HOME
#   2. `java` on PATH (symlinks resolved with readlink -f, e.g. /usr/bin/java -> /etc/alternatives/...)
#   3. every directory in ${VIGIL_JVM_ROOT:-/usr/lib/jvm}/*, the highest version winning
# If none qualifies it explains on stderr what it searched and found, and returns 1.
#
# vigil_command_java_opts prints the JVM options the launcher adds for one command (see below).
#
# Only bash builtins and readlink are used, so it is cheap and works under `set -euo pipefail`.

VIGIL_MIN_JAVA=${VIGIL_MIN_JAVA:-21}

# vigil_java_major JAVA_BINARY: prints the major version (8, 17, 21, 25, ...) or nothing.
vigil_java_major() {
    local java=$1 out line ver=""
    [[ -x $java && ! -d $java ]] || return 1
    # java.specification.version is "1.8" on Java 8 and "17", "21", "25" later on.
    out=$("$java" -XshowSettings:properties -version 2>&1 </dev/null) || true
    while IFS= read -r line; do
        if [[ $line =~ ^[[:space:]]*java\.specification\.version[[:space:]]*=[[:space:]]*([0-9][0-9.]*) ]]; then
            ver=${BASH_REMATCH[1]}
            break
        fi
    done <<<"$out"
    if [[ -z $ver ]]; then
        # Fallback: `java -version` prints e.g. openjdk version "17.0.15" / "21" / "25-ea" / "1.8.0_392".
        out=$("$java" -version 2>&1 </dev/null) || true
        while IFS= read -r line; do
            if [[ $line =~ version[[:space:]]+\"([0-9][0-9.]*) ]]; then
                ver=${BASH_REMATCH[1]}
                break
            fi
        done <<<"$out"
    fi
    [[ -n $ver ]] || return 1
    if [[ $ver == 1.* ]]; then ver=${ver#1.}; fi   # 1.8 -> 8
    ver=${ver%%.*}
    [[ $ver =~ ^[0-9]+$ ]] || return 1
    printf '%s\n' "$((10#$ver))"
}

# _vigil_jdk_check HOME: returns 0 when HOME is a full JDK (java and javac) of version >= VIGIL_MIN_JAVA.
# Sets _vigil_major to its major version (or -1) and appends a description of HOME to the array
# _vigil_seen; both are locals of vigil_find_jdk (bash's dynamic scoping), so call it directly,
# not in $(...).
_vigil_jdk_check() {
    local home=$1 major
    _vigil_major=-1
    if [[ ! -x $home/bin/java || -d $home/bin/java ]]; then
        _vigil_seen+=("$home (no bin/java)")
        return 1
    fi
    if ! major=$(vigil_java_major "$home/bin/java"); then
        _vigil_seen+=("$home (version not recognised)")
        return 1
    fi
    if [[ ! -x $home/bin/javac ]]; then
        _vigil_seen+=("$home (Java $major, a JRE: no javac)")
        return 1
    fi
    _vigil_seen+=("$home (Java $major)")
    _vigil_major=$major
    ((major >= VIGIL_MIN_JAVA))
}

vigil_find_jdk() {
    local root=${VIGIL_JVM_ROOT:-/usr/lib/jvm}
    local java_on_path="" home="" resolved="" best="" best_major=-1 dir real _vigil_major=-1
    local checked=$'\n'   # resolved homes already looked at, one per line
    local -a _vigil_seen=() searched=()

    # 1. JAVA_HOME
    if [[ -n ${JAVA_HOME:-} ]]; then
        searched+=("JAVA_HOME=$JAVA_HOME")
        home=${JAVA_HOME%/}
        if _vigil_jdk_check "$home"; then
            printf '%s\n' "$home"
            return 0
        fi
        real=$(readlink -f -- "$home" 2>/dev/null) || real=$home
        checked+="$real"$'\n'
    else
        searched+=("JAVA_HOME (not set)")
    fi

    # 2. java on PATH
    java_on_path=$(type -P java 2>/dev/null) || java_on_path=""
    if [[ -n $java_on_path ]]; then
        resolved=$(readlink -f -- "$java_on_path" 2>/dev/null) || resolved=$java_on_path
        home=${resolved%/*}   # .../bin
        home=${home%/*}       # the JDK home
        # Java 8 layout: <jdk>/jre/bin/java; javac lives in <jdk>/bin.
        if [[ ${home##*/} == jre && -x ${home%/*}/bin/javac ]]; then
            home=${home%/*}
        fi
        searched+=("java on PATH ($java_on_path -> $resolved)")
        real=$(readlink -f -- "$home" 2>/dev/null) || real=$home
        if [[ $checked != *$'\n'"$real"$'\n'* ]]; then
            checked+="$real"$'\n'
            if _vigil_jdk_check "$home"; then
                printf '%s\n' "$home"
                return 0
            fi
        fi
    else
        searched+=("java on PATH (none)")
    fi

    # 3. ${VIGIL_JVM_ROOT:-/usr/lib/jvm}/*: the highest version wins.
    searched+=("$root/*")
    if [[ -d $root ]]; then
        for dir in "$root"/*; do
            [[ -d $dir ]] || continue
            real=$(readlink -f -- "$dir" 2>/dev/null) || real=$dir
            # skip aliases, e.g. java-1.17.0-openjdk-amd64 -> java-17-openjdk-amd64
            [[ $checked != *$'\n'"$real"$'\n'* ]] || continue
            checked+="$real"$'\n'
            if _vigil_jdk_check "$dir" && ((_vigil_major > best_major)); then
                best=$dir
                best_major=$_vigil_major
            fi
        done
    fi
    if [[ -n $best ]]; then
        printf '%s\n' "$best"
        return 0
    fi

    {
        printf 'vigil: no JDK %s or newer found (a full JDK is needed: java and javac).\n' "$VIGIL_MIN_JAVA"
        printf '  searched, in order:\n'
        printf '    - %s\n' "${searched[@]}"
        if ((${#_vigil_seen[@]} > 0)); then
            printf '  found:\n'
            printf '    - %s\n' "${_vigil_seen[@]}"
        else
            printf '  found: no Java installation at all\n'
        fi
        printf '  fix: install a JDK %s or newer, for example\n' "$VIGIL_MIN_JAVA"
        printf '         sudo apt-get install openjdk-21-jdk      (Debian/Ubuntu)\n'
        printf '       or Eclipse Temurin 21+ from https://adoptium.net/ ,\n'
        printf '       then, if it is not found automatically, point JAVA_HOME at it:\n'
        printf '         export JAVA_HOME=/path/to/jdk-21\n'
    } >&2
    return 1
}

# vigil_command_java_opts COMMAND JAVA_MAJOR CPUS [USER_OPTS]: prints, one per line, the JVM options the launcher
# puts before the user's own (VIGIL_JAVA_OPTS, USER_OPTS here) for COMMAND, the CLI's first argument. Only
# `hunt`, a batch job that decodes and drops a few hundred thousand small objects a second, has any:
#   - compact object headers (JDK 25+): smaller objects, less to allocate and to keep in the caches;
#   - on at most two processors, the serial collector: its write barrier is the cheapest, and with so few
#     processors a concurrent collector only competes with the hunt for them.
# An option the user sets in USER_OPTS is left to the user: any `Use...GC` there, or compact headers either way.
vigil_command_java_opts() {
    local command=$1 major=$2 cpus=$3 user=${4:-}
    [[ $command == hunt ]] || return 0
    if ((major >= 25)) && [[ $user != *UseCompactObjectHeaders* ]]; then
        printf '%s\n' -XX:+UseCompactObjectHeaders
    fi
    if ((cpus <= 2)) && [[ ! $user =~ -XX:[+-]Use[A-Za-z0-9]*GC([[:space:]]|$) ]]; then
        printf '%s\n' -XX:+UseSerialGC
    fi
}
