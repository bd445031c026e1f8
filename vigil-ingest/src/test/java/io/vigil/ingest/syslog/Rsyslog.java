package io.vigil.ingest.syslog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real rsyslogd (the Debian package) run as a child process with its own configuration, pid file and
 * work directory (no system socket: imuxsock is not loaded). It tails {@code in.log} (imfile) and forwards
 * every line to one action given as rsyslog configuration text.
 */
final class Rsyslog implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/rsyslogd");

    private final Path dir;
    private final Process process;

    private Rsyslog(Path dir, Process process) {
        this.dir = dir;
        this.process = process;
    }

    /** Forwards over TLS (RFC 5425 octet counting) with the given client certificate files. */
    static Rsyslog forwardingTls(Path dir, int port, Path ca, Path cert, Path key) throws IOException {
        String global = "global(workDirectory=\"" + dir + "\" maxMessageSize=\"64k\""
                + " defaultNetstreamDriverCAFile=\"" + ca + "\" defaultNetstreamDriverCertFile=\"" + cert + "\""
                + " defaultNetstreamDriverKeyFile=\"" + key + "\")\n";
        return start(dir, global, "action(type=\"omfwd\" target=\"127.0.0.1\" port=\"" + port + "\" protocol=\"tcp\""
                + " StreamDriver=\"gtls\" StreamDriverMode=\"1\" StreamDriverAuthMode=\"x509/certvalid\""
                + " TCP_Framing=\"octet-counted\" action.resumeRetryCount=\"-1\" action.resumeInterval=\"1\""
                + " queue.type=\"LinkedList\" queue.size=\"100000\")");
    }

    /** Forwards over plain TCP with LF framing. */
    static Rsyslog forwardingTcp(Path dir, int port) throws IOException {
        return start(dir, "global(workDirectory=\"" + dir + "\")\n",
                "action(type=\"omfwd\" target=\"127.0.0.1\" port=\"" + port + "\" protocol=\"tcp\""
                        + " action.resumeRetryCount=\"-1\" action.resumeInterval=\"1\" queue.type=\"LinkedList\")");
    }

    /** Forwards over UDP, one datagram per message, as rsyslog's default {@code @host:port} forwarding does. */
    static Rsyslog forwardingUdp(Path dir, int port) throws IOException {
        return start(dir, "global(workDirectory=\"" + dir + "\")\n",
                "action(type=\"omfwd\" target=\"127.0.0.1\" port=\"" + port + "\" protocol=\"udp\" queue.type=\"LinkedList\")");
    }

    private static Rsyslog start(Path dir, String global, String action) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("rsyslogd is not installed: apt-get install -y rsyslog rsyslog-gnutls (.ci/run does)");
        }
        Files.createDirectories(dir);
        Path input = dir.resolve("in.log");
        Files.writeString(input, "", StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        Path config = dir.resolve("rsyslog.conf");
        Files.writeString(config, global
                + "module(load=\"imfile\" mode=\"inotify\")\n"
                + "input(type=\"imfile\" file=\"" + input + "\" tag=\"vigiltest:\" facility=\"local0\" ruleset=\"forward\")\n"
                + "ruleset(name=\"forward\") {\n  " + action + "\n}\n", StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(List.of(BINARY.toString(), "-n", "-f", config.toString(),
                "-i", dir.resolve("rsyslogd.pid").toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("rsyslogd.out").toFile()).start();
        return new Rsyslog(dir, process);
    }

    /** Appends lines to the tailed file, as an application would log them. */
    void log(String... lines) throws IOException {
        Files.writeString(dir.resolve("in.log"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
    }

    String output() throws IOException {
        return Files.readString(dir.resolve("rsyslogd.out"));
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
