package io.vigil.ingest.syslog;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.ingest.journal.JournalConfig;
import io.vigil.ingest.journal.SegmentedJournal;
import io.vigil.ingest.tls.CertificateAuthority;
import io.vigil.ingest.tls.CollectorIdentity;
import io.vigil.ingest.tls.TlsContexts;
import io.vigil.testkit.InMemoryFailureStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A syslog TLS receiver in its own JVM, for {@link SyslogCrashIT} to {@code kill -9}: the real listener over
 * a real {@link SegmentedJournal}. Arguments: data directory (holding {@code ca/}), TLS port (0 = any),
 * file to write the bound port to (and, next to it, {@code .progress}: the highest test sequence number journaled).
 */
final class SyslogReceiverMain {

    private SyslogReceiverMain() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        CertificateAuthority ca = CertificateAuthority.openOrCreate(data.resolve("ca"), "Test MSSP CA", Clock.systemUTC());
        CollectorVerifier verifier = certificate -> CollectorIdentity.of(certificate)
                .<CollectorVerifier.Verdict>map(id -> new CollectorVerifier.Verdict.Accepted(new Sender(id.tenant(), id.collector(), "syslog")))
                .orElse(new CollectorVerifier.Verdict.Refused("no identity"));
        SegmentedJournal journal = SegmentedJournal.open(JournalConfig.in(data.resolve("journal")), Clock.systemUTC());
        SyslogConfig config = new SyslogConfig("127.0.0.1", null, null, Integer.parseInt(args[1]), null, null, null, null, null, null, null);
        SyslogServer server = new SyslogServer(config, journal, SourceNetworkTable.EMPTY,
                TlsContexts.syslogServer(ca.issueServer(List.of("127.0.0.1"), Duration.ofDays(1)), ca.certificate(), verifier),
                verifier, new InMemoryFailureStore(), new SimpleMeterRegistry(), Clock.systemUTC());
        server.start();
        Path portFile = Path.of(args[2]);
        Files.writeString(portFile.resolveSibling(portFile.getFileName() + ".tmp"), server.port(SyslogServer.INPUT_TLS).orElseThrow().toString());
        Files.move(portFile.resolveSibling(portFile.getFileName() + ".tmp"), portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        // Reports the highest test sequence number readable from the journal, i.e. journaled.
        Path progress = portFile.resolveSibling(portFile.getFileName() + ".progress");
        try (var reader = journal.reader("progress")) {
            long highest = -1;
            while (true) {
                for (var entry : reader.poll(10_000, Duration.ofMillis(50))) {
                    var matcher = java.util.regex.Pattern.compile("crash-test seq=(\\d+)")
                            .matcher(new String(entry.event().bytes(), java.nio.charset.StandardCharsets.UTF_8));
                    if (matcher.find()) {
                        highest = Math.max(highest, Long.parseLong(matcher.group(1)));
                    }
                }
                Path temporary = progress.resolveSibling(progress.getFileName() + ".tmp");
                Files.writeString(temporary, Long.toString(highest));
                Files.move(temporary, progress, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }
}
