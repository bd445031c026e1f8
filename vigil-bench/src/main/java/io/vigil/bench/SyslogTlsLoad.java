package io.vigil.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.decode.DecoderDefinitions;
import io.vigil.ingest.decode.DecoderLimits;
import io.vigil.ingest.decode.Decoders;
import io.vigil.ingest.journal.JournalConfig;
import io.vigil.ingest.journal.SegmentedJournal;
import io.vigil.ingest.pipeline.BatchDecoder;
import io.vigil.ingest.pipeline.PipelineConfig;
import io.vigil.ingest.syslog.CollectorVerifier;
import io.vigil.ingest.syslog.Sender;
import io.vigil.ingest.syslog.SourceNetworkTable;
import io.vigil.ingest.syslog.SyslogConfig;
import io.vigil.ingest.syslog.SyslogServer;
import io.vigil.ingest.tls.CertificateAuthority;
import io.vigil.ingest.tls.CollectorIdentity;
import io.vigil.ingest.tls.IssuedCertificate;
import io.vigil.ingest.tls.ServerCredentials;
import io.vigil.ingest.tls.TlsContexts;
import io.vigil.ingest.tls.TlsEngine;
import io.vigil.testkit.InMemoryFailureStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Sustained syslog over TLS (RFC 5425 octet counting, mutual TLS): N connections write pre-built messages
 * as fast as the receiver takes them for a fixed time; the receiver's count over the time until it has
 * everything is the rate. Targets:
 *
 * <ul>
 *   <li>{@code vigil}: the real {@code SyslogServer} TLS listener on 127.0.0.1 into a real
 *       {@code SegmentedJournal} (fsync group commit) in a temporary directory, drained by a reader;</li>
 *   <li>{@code external}: any RFC 5425 receiver at {@code --port} (the script runs rsyslog writing to a
 *       file given as {@code --count-file}, whose lines are counted).</li>
 * </ul>
 *
 * {@code --write-certs DIR} writes a CA, a server certificate for 127.0.0.1 and a client certificate for
 * the external receiver. The client is the same in both cases, so its cost is the same.
 */
public final class SyslogTlsLoad {

    private SyslogTlsLoad() {
    }

    public static void main(String[] args) throws Exception {
        String target = "vigil";
        int connections = 4;
        int seconds = 15;
        int port = 0;
        int messageBytes = 200;
        Path certs = null;
        Path countFile = null;
        Path countNumber = null;
        Path serve = null;
        TlsEngine engine = TlsEngine.AUTO;
        boolean decode = false;
        Integer decodeThreads = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--target" -> target = args[++i];
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--message-bytes" -> messageBytes = Integer.parseInt(args[++i]);
                case "--certs" -> certs = Path.of(args[++i]);
                case "--count-file" -> countFile = Path.of(args[++i]);
                case "--count-number" -> countNumber = Path.of(args[++i]);
                case "--serve-vigil" -> serve = Path.of(args[++i]);
                case "--engine" -> engine = TlsEngine.valueOf(args[++i].toUpperCase(Locale.ROOT));
                case "--decode" -> decode = true;
                case "--decode-threads" -> decodeThreads = Integer.parseInt(args[++i]);
                case "--write-certs" -> {
                    writeCerts(Path.of(args[++i]));
                    return;
                }
                default -> {
                    System.err.println("usage: SyslogTlsLoad [--target vigil|external --port P --certs DIR --count-file F]"
                            + " [--connections 4] [--seconds 15] [--message-bytes 200] | --write-certs DIR");
                    System.exit(2);
                }
            }
        }
        if (serve != null) {
            serveVigil(serve, engine, decode, decodeThreads);
            return;
        }
        byte[][] messages = messages(messageBytes);
        if (target.equals("vigil")) {
            runVigil(connections, seconds, messages);
        } else {
            if (certs == null || port == 0 || (countFile == null) == (countNumber == null)) {
                throw new IllegalArgumentException("--target external needs --port, --certs and --count-file or --count-number");
            }
            runExternal(connections, seconds, messages, port, certs, countFile, countNumber);
        }
    }

    private static void runVigil(int connections, int seconds, byte[][] messages) throws Exception {
        Path dir = Files.createTempDirectory("vigil-bench-syslog-");
        CertificateAuthority ca = CertificateAuthority.openOrCreate(dir.resolve("ca"), "Bench CA", Clock.systemUTC());
        CollectorVerifier verifier = certificate -> CollectorIdentity.of(certificate)
                .<CollectorVerifier.Verdict>map(id -> new CollectorVerifier.Verdict.Accepted(new Sender(id.tenant(), id.collector(), "syslog")))
                .orElse(new CollectorVerifier.Verdict.Refused("no identity"));
        IssuedCertificate client = ca.issueCollector(TenantId.random(), "bench", Duration.ofDays(1));
        try (SegmentedJournal journal = SegmentedJournal.open(JournalConfig.in(dir.resolve("journal")), Clock.systemUTC());
             JournalDrain drain = new JournalDrain(journal)) {
            drain.start();
            SyslogConfig config = new SyslogConfig("127.0.0.1", null, null, 0, null, null, null, null, null, null, null);
            try (SyslogServer server = new SyslogServer(config, journal, SourceNetworkTable.EMPTY,
                    TlsContexts.syslogServer(ca.issueServer(List.of("127.0.0.1"), Duration.ofDays(1)), ca.certificate(), verifier),
                    verifier, new InMemoryFailureStore(), new SimpleMeterRegistry(), Clock.systemUTC())) {
                server.start();
                SSLContext context = clientContext(client.privateKey(), client.certificate(), ca.certificate());
                long start = System.nanoTime();
                long sent = send(context, server.port(SyslogServer.INPUT_TLS).orElseThrow(), connections, seconds, messages);
                long received = awaitStable(() -> journal.stats().nextPosition());
                report("vigil (SyslogServer TLS → SegmentedJournal)", sent, received, start, lastGrowth);
            }
        } finally {
            deleteTree(dir);
        }
    }

    private static void runExternal(int connections, int seconds, byte[][] messages, int port, Path certs, Path countFile,
                                    Path countNumber) throws Exception {
        SSLContext context = clientContext(CertificateAuthority.readKey(Files.readString(certs.resolve("client.key"))),
                CertificateAuthority.readCertificate(Files.readString(certs.resolve("client.crt"))),
                CertificateAuthority.readCertificate(Files.readString(certs.resolve("ca.crt"))));
        long start = System.nanoTime();
        long sent = send(context, port, connections, seconds, messages);
        if (countNumber != null) {
            long received = awaitStable(() -> numberIn(countNumber));
            report("receiver on port " + port + " (count in " + countNumber + ")", sent, received, start, lastGrowth);
            return;
        }
        awaitStable(() -> sizeOf(countFile));
        long received;
        try (var lines = Files.lines(countFile, StandardCharsets.ISO_8859_1)) {
            received = lines.count();
        }
        report("external receiver on port " + port + " (lines in " + countFile + ")", sent, received, start, lastGrowth);
    }

    private static volatile long lastGrowth;

    /** Polls a growing count until it has not moved for a second; remembers when it last grew. */
    private static long awaitStable(java.util.function.LongSupplier count) throws InterruptedException {
        long value = count.getAsLong();
        lastGrowth = System.nanoTime();
        while (System.nanoTime() - lastGrowth < Duration.ofSeconds(1).toNanos()) {
            Thread.sleep(20);
            long now = count.getAsLong();
            if (now != value) {
                value = now;
                lastGrowth = System.nanoTime();
            }
        }
        return value;
    }

    private static void report(String what, long sent, long received, long start, long end) {
        double elapsed = (end - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s%n  sent %,d messages, received %,d in %.2f s: %,.0f msg/s%n",
                what, sent, received, elapsed, received / elapsed);
        System.out.printf(Locale.ROOT, "RESULT %d %.3f%n", received, elapsed);
    }

    private static long send(SSLContext context, int port, int connections, int seconds, byte[][] messages) throws Exception {
        AtomicLong sent = new AtomicLong();
        long stopAt = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int c = 0; c < connections; c++) {
            int offset = c;
            Thread thread = new Thread(() -> {
                try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
                    socket.startHandshake();
                    OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
                    long count = 0;
                    int i = offset;
                    while ((count & 1023) != 0 || System.nanoTime() < stopAt) {
                        out.write(messages[i++ % messages.length]);
                        count++;
                    }
                    out.flush();
                    sent.addAndGet(count);
                } catch (IOException | RuntimeException e) {
                    failures.add(e);
                }
            }, "bench-sender-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a sender failed", failures.getFirst());
        }
        return sent.get();
    }

    /** Octet-counted RFC 5424 messages of about {@code size} bytes, varied so nothing compresses to a pattern. */
    private static byte[][] messages(int size) {
        byte[][] messages = new byte[1024][];
        for (int i = 0; i < messages.length; i++) {
            StringBuilder text = new StringBuilder("<134>1 2026-11-22T10:00:00.000Z fw-hq.example.net filterlog 4242 - - ")
                    .append("action=pass src=10.1.").append(i % 256).append('.').append((i * 7) % 256)
                    .append(" dst=192.0.2.").append(i % 200).append(" proto=tcp seq=").append(i).append(' ');
            while (text.length() < size) {
                text.append((char) ('a' + (text.length() * 31 + i) % 26));
            }
            byte[] body = text.toString().getBytes(StandardCharsets.US_ASCII);
            byte[] prefix = (body.length + " ").getBytes(StandardCharsets.US_ASCII);
            byte[] frame = new byte[prefix.length + body.length];
            System.arraycopy(prefix, 0, frame, 0, prefix.length);
            System.arraycopy(body, 0, frame, prefix.length, body.length);
            messages[i] = frame;
        }
        return messages;
    }

    private static SSLContext clientContext(java.security.PrivateKey key, java.security.cert.X509Certificate certificate,
                                            java.security.cert.X509Certificate ca) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("c", key, "p".toCharArray(), new Certificate[] {certificate, ca});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "p".toCharArray());
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", ca);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(anchors);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static void writeCerts(Path dir) throws IOException {
        Files.createDirectories(dir);
        CertificateAuthority ca = CertificateAuthority.openOrCreate(dir.resolve("ca"), "Bench CA", Clock.systemUTC());
        ServerCredentials server = ca.issueServer(List.of("127.0.0.1", "localhost"), Duration.ofDays(2));
        IssuedCertificate client = ca.issueCollector(TenantId.random(), "bench", Duration.ofDays(2));
        Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
        Files.writeString(dir.resolve("server.crt"), CertificateAuthority.pem(server.chain().getFirst()));
        Files.writeString(dir.resolve("server.key"), CertificateAuthority.pemOf(server));
        Files.writeString(dir.resolve("client.crt"), client.certificatePem());
        Files.writeString(dir.resolve("client.key"), client.privateKeyPem());
    }

    /**
     * Vigil's TLS listener into a journal in {@code certs/journal}, in a JVM of its own (as rsyslog is a process
     * of its own): server key and CA from {@code --write-certs}; writes {@code vigil.port}, then every 20 ms until
     * killed the journal's record count to {@code vigil.count} or, with {@code --decode}, the number of records
     * read back and decoded by the syslog decoder, in batches on as many threads as the pipeline's
     * {@code vigil.pipeline.decode-threads} ({@code decodeThreads}, null for its default) would give.
     */
    private static void serveVigil(Path certs, TlsEngine engine, boolean decode, Integer decodeThreads) throws Exception {
        CollectorVerifier verifier = certificate -> CollectorIdentity.of(certificate)
                .<CollectorVerifier.Verdict>map(id -> new CollectorVerifier.Verdict.Accepted(new Sender(id.tenant(), id.collector(), "syslog")))
                .orElse(new CollectorVerifier.Verdict.Refused("no identity"));
        ServerCredentials server = new ServerCredentials(CertificateAuthority.readKey(Files.readString(certs.resolve("server.key"))),
                List.of(CertificateAuthority.readCertificate(Files.readString(certs.resolve("server.crt")))));
        var ca = CertificateAuthority.readCertificate(Files.readString(certs.resolve("ca.crt")));
        SegmentedJournal journal = SegmentedJournal.open(JournalConfig.in(certs.resolve("journal")), Clock.systemUTC());
        BatchDecoder decoding = decode ? new BatchDecoder(Decoders.standard(DecoderLimits.DEFAULTS,
                DecoderDefinitions.fromClasspath(SyslogTlsLoad.class.getClassLoader())),
                new PipelineConfig(null, null, null, null, decodeThreads).decodeParallelism()) : null;
        JournalDrain drain = new JournalDrain(journal, decoding);
        drain.start();
        System.out.printf("TLS engine %s (%s), %s%n", engine.provider(), engine, decode
                ? "every record decoded by the syslog decoder on " + decoding.threads() + " pipeline decode threads"
                : "no decoding");
        SyslogConfig config = new SyslogConfig("127.0.0.1", null, null, 0, null, null, null, null, null, null, null);
        SyslogServer syslog = new SyslogServer(config, journal, SourceNetworkTable.EMPTY, TlsContexts.syslogServer(server, ca, verifier, engine),
                verifier, new InMemoryFailureStore(), new SimpleMeterRegistry(), Clock.systemUTC());
        syslog.start();
        Files.writeString(certs.resolve("vigil.port.tmp"), syslog.port(SyslogServer.INPUT_TLS).orElseThrow().toString());
        Files.move(certs.resolve("vigil.port.tmp"), certs.resolve("vigil.port"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        while (true) {
            long count = decode ? drain.read() - drain.undecoded() : journal.stats().nextPosition();
            Files.writeString(certs.resolve("vigil.count.tmp"), Long.toString(count));
            Files.move(certs.resolve("vigil.count.tmp"), certs.resolve("vigil.count"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Thread.sleep(20);
        }
    }

    private static long numberIn(Path file) {
        try {
            return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
