package io.vigil.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.journal.JournalEntry;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.core.pipeline.Decoder;
import io.vigil.core.source.SourceKey;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.decode.DecoderDefinitions;
import io.vigil.ingest.decode.DecoderLimits;
import io.vigil.ingest.decode.Decoders;
import io.vigil.ingest.decode.SourceFormats;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Decoding a batch on several threads gives, entry by entry, what one thread gives, including for {@code auto}
 * whose results depend on what it learned from the same source's earlier events.
 */
class BatchDecoderTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-01T12:00:00Z");
    private static final DecoderDefinitions CONTENT = DecoderDefinitions.fromClasspath(BatchDecoderTest.class.getClassLoader());
    private static final String[][] LINES = {
        {"syslog", "<134>1 2026-11-22T10:00:00.000Z fw-hq.example.net filterlog 4242 - - action=pass src=10.1.0.1 dst=192.0.2.7"},
        {"syslog", "<38>Nov  1 11:59:01 bastion sshd[811]: Failed password for root from 203.0.113.9 port 50022 ssh2"},
        {"syslog", "<166>Nov 01 2026 11:58:00: %ASA-6-302013: Built outbound TCP connection 1 for outside:198.51.100.1/443 (198.51.100.1/443) to inside:10.0.0.5/51000 (10.0.0.5/51000)"},
        {"syslog", "CEF:0|Vendor|Product|1.0|100|Blocked|5|src=10.0.0.1 dst=10.0.0.2"},
        {"kv", "date=2026-11-01 time=11:58:00 devname=fw1 logid=0000000013 type=traffic srcip=10.0.0.1 dstip=8.8.8.8"},
        {"json", "{\"user\":\"alice\",\"n\":[1,2,3]}"},
        {"json", "{not json"},
        {"auditd", "type=SYSCALL msg=audit(1300385209.456:8846): syscall=59 success=yes uid=0 exe=\"/bin/ls\"\n"
                + "type=UNKNOWN[1329] msg=?\ntype=EXECVE msg=audit(1300385209.456:8846): argc=1 a0=\"ls\""},
        {"nosuch", "whatever"},
        {"syslog", "   "},
        {"auto", "{\"a\":1}"},
        {"auto", "<13>Nov  1 11:59:01 host app: plain text"},
        {"auto", "CEF:0|V|P|1|1|n|1|src=1.2.3.4"},
        {"auto", "{\"b\":2}"},
    };

    /** Per-source learned formats, as the source registry keeps them. */
    private static final class LearnedFormats implements SourceFormats {
        final Map<SourceKey, String> detected = new ConcurrentHashMap<>();

        @Override
        public String pinned(TenantId tenant, SourceRef source) {
            return source.name().equals("pinned-kv") ? "kv" : null;
        }

        @Override
        public String detected(TenantId tenant, SourceRef source) {
            return detected.get(SourceKey.of(tenant, source));
        }

        @Override
        public void detect(TenantId tenant, SourceRef source, String format) {
            detected.put(SourceKey.of(tenant, source), format);
        }
    }

    private static List<JournalEntry> batch(long seed, int size) {
        Random random = new Random(seed);
        TenantId[] tenants = {TenantId.random(), TenantId.random()};
        List<JournalEntry> entries = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            if (i % 97 == 5) {
                entries.add(JournalEntry.corrupt(i, "checksum mismatch", new byte[] {1, 2}));
                continue;
            }
            String[] line = LINES[random.nextInt(LINES.length)];
            String name = line[0].equals("auto") ? "src-" + random.nextInt(5) : random.nextInt(10) == 0 ? "pinned-kv" : "s";
            entries.add(JournalEntry.of(i, new RawEvent(tenants[random.nextInt(2)], new SourceRef("syslog", name, line[0]),
                    RECEIVED, line[1].getBytes(StandardCharsets.UTF_8))));
        }
        return entries;
    }

    /** An outcome as comparable text: codec, result kind, fields and rejected parts with their bytes. */
    private static List<String> describe(List<BatchDecoder.Outcome> outcomes) {
        List<String> out = new ArrayList<>();
        for (BatchDecoder.Outcome o : outcomes) {
            if (o == null) {
                out.add("corrupt");
                continue;
            }
            String result = switch (o.result()) {
                case DecodeResult.Decoded d -> "decoded " + d.events() + " rejected " + d.rejected().stream()
                        .map(r -> r.reason() + Arrays.toString(r.bytes())).toList();
                case DecodeResult.Failed f -> "failed " + f.reason();
                case DecodeResult.Skipped s -> "skipped";
            };
            out.add(o.codec() + " " + o.decoderFound() + " " + result);
        }
        return out;
    }

    private static List<String> decode(int threads, List<List<JournalEntry>> batches, LearnedFormats learned)
            throws InterruptedException {
        Decoders decoders = Decoders.standard(DecoderLimits.DEFAULTS, CONTENT).withSourceFormats(learned);
        List<String> all = new ArrayList<>();
        try (BatchDecoder decoding = new BatchDecoder(decoders, threads)) {
            for (List<JournalEntry> batch : batches) {
                List<BatchDecoder.Outcome> outcomes = decoding.decode(batch);
                assertThat(outcomes).hasSameSizeAs(batch);
                all.addAll(describe(outcomes));
            }
        }
        return all;
    }

    @Test
    void givesWhatOneThreadGivesInEntryOrder() throws InterruptedException {
        List<List<JournalEntry>> batches = List.of(batch(1, 500), batch(2, 7), batch(3, 1000), batch(4, 40));
        LearnedFormats alone = new LearnedFormats();
        List<String> expected = decode(1, batches, alone);
        assertThat(expected).anyMatch(s -> s.startsWith("auto true decoded"))
                .anyMatch(s -> s.startsWith("kv true decoded")) // pinned
                .anyMatch(s -> s.startsWith("nosuch false failed no decoder for codec 'nosuch'"))
                .anyMatch(s -> s.startsWith("json true failed"))
                .anyMatch(s -> s.contains("rejected [") && !s.contains("rejected []"))
                .contains("corrupt");
        for (int threads : new int[] {2, 3, 8}) {
            LearnedFormats shared = new LearnedFormats();
            assertThat(decode(threads, batches, shared)).as("%d threads", threads).isEqualTo(expected);
            assertThat(shared.detected).as("learned with %d threads", threads).isEqualTo(alone.detected);
        }
    }

    @Test
    void learningFromASourceFollowsItsOrder() throws InterruptedException {
        // A source learned as syslog decodes JSON as a syslog message; learned as json, JSON stays JSON: each
        // event's result depends on the events of its source before it.
        List<JournalEntry> entries = batch(5, 600);
        List<String> one = decode(1, List.of(entries), new LearnedFormats());
        assertThat(one).anyMatch(s -> s.startsWith("auto true decoded [{a=1}]"))
                .anyMatch(s -> s.startsWith("auto true decoded") && s.contains("message={\"a\":1}"));
        assertThat(decode(4, List.of(entries), new LearnedFormats())).isEqualTo(one);
    }

    @Test
    void aDecoderThatThrowsFailsItsEventAndAnErrorReachesTheCaller() throws InterruptedException {
        Decoder throwing = new Decoder() {
            @Override
            public String codec() {
                return "bad";
            }

            @Override
            public DecodeResult decode(RawEvent raw) {
                if (raw.bytes()[0] == 'E') {
                    throw new StackOverflowError("deep");
                }
                throw new IllegalStateException("broken");
            }
        };
        Decoders decoders = new Decoders(List.of(throwing));
        List<JournalEntry> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            entries.add(JournalEntry.of(i, new RawEvent(TenantId.random(), new SourceRef("t", "n", "bad"), RECEIVED,
                    "x".getBytes(StandardCharsets.UTF_8))));
        }
        try (BatchDecoder decoding = new BatchDecoder(decoders, 3)) {
            assertThat(decoding.decode(entries)).allSatisfy(o -> assertThat(o.result())
                    .isEqualTo(new DecodeResult.Failed("decoder bad threw java.lang.IllegalStateException: broken")));
            entries.set(77, JournalEntry.of(77, new RawEvent(TenantId.random(), new SourceRef("t", "n", "bad"), RECEIVED,
                    "E".getBytes(StandardCharsets.UTF_8))));
            assertThatThrownBy(() -> decoding.decode(entries)).isInstanceOf(StackOverflowError.class).hasMessage("deep");
            entries.remove(77);
            assertThat(decoding.decode(entries)).hasSize(99); // the pool survives
        }
    }

    @Test
    void rejectsThreadCountsOutOfRange() {
        Decoders decoders = Decoders.standard(DecoderLimits.DEFAULTS);
        assertThatThrownBy(() -> new BatchDecoder(decoders, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchDecoder(decoders, 65)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PipelineConfig(null, null, null, null, 3).decodeParallelism()).isEqualTo(3);
        assertThat(PipelineConfig.DEFAULTS.decodeParallelism())
                .isEqualTo(Math.min(Runtime.getRuntime().availableProcessors(), 4));
        assertThatThrownBy(() -> new PipelineConfig(null, null, null, null, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
