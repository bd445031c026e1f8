#!/usr/bin/env bash
# Sustained syslog over TLS (RFC 5425, mutual TLS), side by side: Vigil's TLS listener into its journal,
# then rsyslog (imtcp + GnuTLS) into a file, driven by the same Java client with the same load. Prints
# both rates and their ratio. Needs rsyslog and rsyslog-gnutls (see .ci/run) and a JDK 21+ in JAVA_HOME.
#   vigil-bench/syslog-tls-bench.sh [seconds=15] [connections=4] [vigil receiver options...]
# Receiver options: --engine auto|boringssl|jdk (TLS engine, default auto) and --decode (count only records
# read back from the journal and decoded by the syslog decoder, as the pipeline decodes: --decode-threads N
# overrides its default of min(cores, 4) threads).
set -euo pipefail
cd -- "$(dirname -- "$(readlink -f -- "${BASH_SOURCE[0]}")")/.."

duration=${1:-15}
connections=${2:-4}
shift $(( $# < 2 ? $# : 2 ))
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jar=vigil-bench/target/benchmarks.jar
[[ -f $jar ]] || mvn -B -q -pl vigil-bench -am package -DskipTests

work=$(mktemp -d)
tick=$(getconf CLK_TCK)
# CPU seconds (user + system) a process has used so far
cpu_seconds() {
    awk -v tick="$tick" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / tick }' "/proc/$1/stat"
}
rsyslog_pid=
cleanup() {
    [[ -n $rsyslog_pid ]] && kill "$rsyslog_pid" 2>/dev/null && wait "$rsyslog_pid" 2>/dev/null
    rm -rf -- "$work"
}
trap cleanup EXIT

"$java" -cp "$jar" io.vigil.bench.SyslogTlsLoad --write-certs "$work/certs"

echo "== Vigil: SyslogServer TLS -> SegmentedJournal (fsync group commit), own JVM, ${connections} connections, ${duration} s"
"$java" -cp "$jar" io.vigil.bench.SyslogTlsLoad "$@" --serve-vigil "$work/certs" > "$work/vigil.out" 2>&1 &
vigil_pid=$!
for _ in $(seq 1 600); do [[ -f $work/certs/vigil.port ]] && break; sleep 0.1; done
grep '^TLS engine' "$work/vigil.out" || true
vigil_cpu0=$(cpu_seconds "$vigil_pid")
vigil=$("$java" -cp "$jar" io.vigil.bench.SyslogTlsLoad --target external --port "$(cat "$work/certs/vigil.port")" \
    --certs "$work/certs" --count-number "$work/certs/vigil.count" --connections "$connections" --seconds "$duration")
vigil_cpu=$(awk -v a="$(cpu_seconds "$vigil_pid")" -v b="$vigil_cpu0" 'BEGIN { printf "%.2f", a - b }')
kill "$vigil_pid"; wait "$vigil_pid" 2>/dev/null || true
echo "$vigil" | grep -v '^RESULT'

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$work/rsyslog.conf" <<EOF
global(workDirectory="$work" maxMessageSize="64k"
       defaultNetstreamDriver="gtls" defaultNetstreamDriverCAFile="$work/certs/ca.crt"
       defaultNetstreamDriverCertFile="$work/certs/server.crt" defaultNetstreamDriverKeyFile="$work/certs/server.key")
module(load="imtcp" streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="x509/certvalid" maxSessions="100")
input(type="imtcp" address="127.0.0.1" port="$port" ruleset="out")
template(name="raw" type="string" string="%rawmsg%\n")
ruleset(name="out") {
  action(type="omfile" file="$work/out.log" template="raw" asyncWriting="on" ioBufferSize="256k" flushOnTXEnd="off")
}
EOF
/usr/sbin/rsyslogd -n -f "$work/rsyslog.conf" -i "$work/rsyslogd.pid" > "$work/rsyslogd.out" 2>&1 &
rsyslog_pid=$!
for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.1
done

echo "== rsyslog $(/usr/sbin/rsyslogd -v | head -1 | awk '{print $2}'): imtcp GnuTLS -> omfile (no fsync), ${connections} connections, ${duration} s"
other_cpu0=$(cpu_seconds "$rsyslog_pid")
other=$("$java" -cp "$jar" io.vigil.bench.SyslogTlsLoad --target external --port "$port" --certs "$work/certs" \
    --count-file "$work/out.log" --connections "$connections" --seconds "$duration")
other_cpu=$(awk -v a="$(cpu_seconds "$rsyslog_pid")" -v b="$other_cpu0" 'BEGIN { printf "%.2f", a - b }')
echo "$other" | grep -v '^RESULT'

read -r _ vigil_n vigil_s <<<"$(echo "$vigil" | grep '^RESULT')"
read -r _ other_n other_s <<<"$(echo "$other" | grep '^RESULT')"
python3 - "$vigil_n" "$vigil_s" "$other_n" "$other_s" "$vigil_cpu" "$other_cpu" <<'PY'
import sys
vn, vs, on, os_, vc, oc = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
v, o = vn / vs, on / os_
print(f"== Vigil {v:,.0f} msg/s, rsyslog {o:,.0f} msg/s, ratio Vigil/rsyslog = {v / o:.2f}")
print(f"== receiver CPU: Vigil {vc:.1f} s ({vn / vc:,.0f} msg per CPU-second), "
      f"rsyslog {oc:.1f} s ({on / oc:,.0f} msg per CPU-second), ratio = {(vn / vc) / (on / oc):.2f}")
PY
