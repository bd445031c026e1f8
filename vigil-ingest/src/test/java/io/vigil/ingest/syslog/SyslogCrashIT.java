package io.vigil.ingest.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.journal.JournalEntry;
import io.vigil.core.journal.JournalReader;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.journal.JournalConfig;
import io.vigil.ingest.journal.SegmentedJournal;
import io.vigil.ingest.tls.CertificateAuthority;
import io.vigil.ingest.tls.IssuedCertificate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the receiver while rsyslog sends over TLS. Whatever the journal held survives the
 * crash; rsyslog reconnects to the restarted receiver and everything logged after the restart arrives.
 * What was in flight at the crash may be lost (syslog has no acknowledgement): the test prints the count,
 * which docs/collection.md ("Loss window") explains.
 */
class SyslogCrashIT {

    private static final Pattern SEQ = Pattern.compile("crash-test seq=(\\d+)");
    private static final int BATCHES = 40;
    private static final int PER_BATCH = 50;

    @TempDir
    Path dir;

    @Test
    void journalSurvivesKillAndRsyslogResumesAfterRestart() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        CertificateAuthority ca = CertificateAuthority.openOrCreate(data.resolve("ca"), "Test MSSP CA", Clock.systemUTC());
        IssuedCertificate client = ca.issueCollector(TenantId.random(), "fw-crash", Duration.ofDays(1));
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Files.writeString(certs.resolve("ca.crt"), client.caCertificatePem());
        Files.writeString(certs.resolve("c.crt"), client.certificatePem());
        Files.writeString(certs.resolve("c.key"), client.privateKeyPem());

        Process receiver = receiver(data, 0, dir.resolve("port1"));
        int port = Integer.parseInt(awaitFile(dir.resolve("port1")));
        int killedAfter = BATCHES / 2 * PER_BATCH;
        long journaledBeforeKill = -1;
        try (Rsyslog rsyslog = Rsyslog.forwardingTls(dir.resolve("rsyslog"), port, certs.resolve("ca.crt"),
                certs.resolve("c.crt"), certs.resolve("c.key"))) {
            for (int batch = 0; batch < BATCHES; batch++) {
                if (batch == BATCHES / 2) {
                    // Kill while messages are flowing, once the receiver has journaled some of them.
                    Path progress = dir.resolve("port1.progress");
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (!Files.exists(progress) || Long.parseLong(Files.readString(progress).strip()) < PER_BATCH) {
                        assertThat(System.nanoTime()).as("the first receiver journaled nothing; rsyslog:\n%s", rsyslog.output())
                                .isLessThan(deadline);
                        Thread.sleep(20);
                    }
                    receiver.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL
                    journaledBeforeKill = Long.parseLong(Files.readString(progress).strip());
                    receiver = receiver(data, port, dir.resolve("port2"));
                    awaitFile(dir.resolve("port2"));
                }
                String[] lines = new String[PER_BATCH];
                for (int i = 0; i < PER_BATCH; i++) {
                    lines[i] = "crash-test seq=" + (batch * PER_BATCH + i);
                }
                rsyslog.log(lines);
                Thread.sleep(50); // a steady sender, not one burst
            }
            TreeSet<Integer> seen = awaitJournal(data, BATCHES * PER_BATCH, receiver);
            int lost = BATCHES * PER_BATCH - seen.size();
            System.out.printf("kill -9 during TLS syslog: %d of %d messages lost (%s); the receiver had journaled up to seq %d%n",
                    lost, BATCHES * PER_BATCH, lost == 0 ? "none" : "seq " + missing(seen, BATCHES * PER_BATCH), journaledBeforeKill);
            // What the killed receiver had journaled survives.
            for (int seq = 0; seq <= journaledBeforeKill; seq++) {
                assertThat(seen).as("seq %d, journaled before the kill", seq).contains(seq);
            }
            // Everything logged once the restarted receiver was up arrives; losses are confined to the crash.
            for (int seq = killedAfter + PER_BATCH * 2; seq < BATCHES * PER_BATCH; seq++) {
                assertThat(seen).as("seq %d, logged well after the restart", seq).contains(seq);
            }
        } finally {
            receiver.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process receiver(Path data, int port, Path portFile) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), SyslogReceiverMain.class.getName(),
                data.toString(), Integer.toString(port), portFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(portFile.getFileName() + ".log").toFile()).start();
    }

    /** Stops the receiver (kill -9 again: there is no clean path) once its journal stops growing, then reads it. */
    private TreeSet<Integer> awaitJournal(Path data, int expected, Process receiver) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long lastSize = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long size;
            try (var files = Files.walk(data.resolve("journal"))) {
                size = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
            if (size != lastSize) {
                lastSize = size;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > Duration.ofSeconds(3).toNanos()) {
                break;
            }
            Thread.sleep(100);
        }
        receiver.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        TreeSet<Integer> seen = new TreeSet<>();
        try (SegmentedJournal journal = SegmentedJournal.open(JournalConfig.in(data.resolve("journal")), Clock.systemUTC());
             JournalReader reader = journal.reader("crash-check")) {
            List<JournalEntry> entries;
            while (!(entries = reader.poll(10_000, Duration.ofMillis(200))).isEmpty()) {
                for (JournalEntry entry : entries) {
                    assertThat(entry.isCorrupt()).isFalse();
                    Matcher matcher = SEQ.matcher(new String(entry.event().bytes(), StandardCharsets.UTF_8));
                    if (matcher.find()) {
                        seen.add(Integer.parseInt(matcher.group(1)));
                    }
                }
            }
        }
        assertThat(seen.size()).isLessThanOrEqualTo(expected);
        return seen;
    }

    private static String missing(TreeSet<Integer> seen, int total) {
        StringBuilder out = new StringBuilder();
        for (int seq = 0; seq < total && out.length() < 200; seq++) {
            if (!seen.contains(seq)) {
                out.append(seq).append(' ');
            }
        }
        return out.toString().strip();
    }

    private static String awaitFile(Path file) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the receiver did not start: " + file);
            }
            Thread.sleep(50);
        }
        return Files.readString(file).strip();
    }
}
