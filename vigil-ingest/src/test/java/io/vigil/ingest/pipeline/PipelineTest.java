package io.vigil.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.core.error.TemporaryException;
import io.vigil.core.event.Event;
import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.journal.JournalEntry;
import io.vigil.core.pipeline.EventStage;
import io.vigil.core.pipeline.Failure;
import io.vigil.core.pipeline.Phase;
import io.vigil.core.pipeline.StageResult;
import io.vigil.core.tenant.TenantId;
import io.vigil.ingest.decode.DecoderDefinitions;
import io.vigil.ingest.decode.DecoderLimits;
import io.vigil.ingest.decode.Decoders;
import io.vigil.ingest.normalize.CommonFieldsNormalizer;
import io.vigil.testkit.CollectingOutput;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.InMemoryFailureStore;
import io.vigil.testkit.InMemoryJournal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {

    private final TenantId tenant = TenantId.random();
    private final InMemoryJournal journal = new InMemoryJournal();
    private final CollectingOutput output = new CollectingOutput();
    private final InMemoryFailureStore failures = new InMemoryFailureStore();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakeClock clock = FakeClock.at("2026-11-01T12:00:00Z");

    private Pipeline pipeline(EventStage... stages) {
        return new Pipeline(new PipelineConfig(100, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ZERO, null), journal,
                Decoders.standard(DecoderLimits.DEFAULTS, DecoderDefinitions.fromClasspath(getClass().getClassLoader())),
                List.of(stages), List.of(output), failures, new StageMetrics(registry), clock);
    }

    private void append(String... lines) {
        List<RawEvent> events = java.util.Arrays.stream(lines)
                .map(line -> new RawEvent(tenant, new SourceRef("http", "test", "json"), clock.instant(),
                        line.getBytes(StandardCharsets.UTF_8)))
                .toList();
        journal.append(events).join();
    }

    private List<JournalEntry> all() throws InterruptedException {
        return journal.reader("inspect").poll(1000, Duration.ZERO);
    }

    @Test
    void decodesNormalizesAndWritesEventsThenCommits() throws Exception {
        append("{\"@timestamp\":\"2026-10-31T10:00:00Z\",\"host\":\"web1\"}", "{\"msg\":\"two\"}");
        Pipeline pipeline = pipeline(CommonFieldsNormalizer.fromMapping(getClass().getClassLoader()
                .getResourceAsStream("io/vigil/content/normalize/common-fields.json")));
        pipeline.runOnce();
        assertThat(output.events()).hasSize(2);
        Event first = output.events().getFirst();
        assertThat(first.tenant()).isEqualTo(tenant);
        assertThat(first.time()).isEqualTo(Instant.parse("2026-10-31T10:00:00Z"));
        assertThat(first.common()).containsEntry("device.hostname", "web1");
        assertThat(journal.reader(Pipeline.CONSUMER).committed()).isEqualTo(2);
        assertThat(registry.get("vigil.pipeline.events.out").tag("phase", "output").tag("tenant", tenant.toString())
                .counter().count()).isEqualTo(2.0);
    }

    @Test
    void sendsUndecodableInputToTheFailureStoreWithItsBytes() throws Exception {
        append("{\"ok\":1}", "not json at all", "[1,2]");
        Pipeline pipeline = pipeline();
        pipeline.runOnce();
        assertThat(output.events()).hasSize(1);
        assertThat(failures.failures()).hasSize(2);
        Failure failure = failures.failures().getFirst();
        assertThat(failure.tenant()).isEqualTo(tenant);
        assertThat(failure.phase()).isEqualTo(Phase.DECODE);
        assertThat(failure.stage()).isEqualTo("json");
        assertThat(new String(failure.raw(), StandardCharsets.UTF_8)).isEqualTo("not json at all");
        assertThat(failures.failures().get(1).reason()).isEqualTo("expected a JSON object, found an array");
        assertThat(registry.get("vigil.pipeline.events.failed").tag("phase", "decode").counter().count()).isEqualTo(2.0);
    }

    @Test
    void keepsALineThatIsNotARecordInTheFailureStoreWhileTheRecordsAroundItDecode() throws Exception {
        String file = "type=USER_LOGIN msg=audit(1791756855.100:41): pid=9 uid=0 auid=1000 res=success\n"
                + "type=UNKNOWN[1329] msg=?\n"
                + "type=USER_LOGOUT msg=audit(1791756856.200:42): pid=9 uid=0 auid=1000 res=success\n";
        journal.append(List.of(new RawEvent(tenant, new SourceRef("http", "audit", "auditd"), clock.instant(),
                file.getBytes(StandardCharsets.UTF_8)))).join();
        pipeline().runOnce();
        assertThat(output.events()).extracting(e -> e.fields().get("type")).containsExactly("USER_LOGIN", "USER_LOGOUT");
        assertThat(failures.failures()).singleElement().satisfies(f -> {
            assertThat(f.phase()).isEqualTo(Phase.DECODE);
            assertThat(f.stage()).isEqualTo("auditd");
            assertThat(f.reason()).startsWith("line 2 is not an audit record");
            assertThat(new String(f.raw(), StandardCharsets.UTF_8)).isEqualTo("type=UNKNOWN[1329] msg=?");
        });
        assertThat(registry.get("vigil.pipeline.events.failed").tag("phase", "decode").counter().count()).isEqualTo(1.0);
    }

    @Test
    void sendsAHeaderLineWithoutRowsToTheFailureStore() throws Exception {
        String header = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end "
                + "action log-status";
        journal.append(List.of(new RawEvent(tenant, new SourceRef("http", "flows", "csv.aws-vpcflow"), clock.instant(),
                header.getBytes(StandardCharsets.UTF_8)))).join();
        pipeline().runOnce();
        assertThat(output.events()).isEmpty();
        assertThat(failures.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("no data row in csv.aws-vpcflow input: 1 header and 0 comment line(s) only");
            assertThat(new String(f.raw(), StandardCharsets.UTF_8)).isEqualTo(header);
        });
    }

    @Test
    void stageThatThrowsFailsOnlyThatEvent() throws Exception {
        append("{\"boom\":true}", "{\"fine\":true}");
        EventStage exploding = new EventStage() {
            @Override
            public String name() {
                return "exploding";
            }

            @Override
            public Phase phase() {
                return Phase.ENRICH;
            }

            @Override
            public StageResult process(Event event) {
                if (event.fields().containsKey("boom")) {
                    throw new IllegalStateException("kaboom");
                }
                return new StageResult.Continue(event);
            }
        };
        Pipeline pipeline = pipeline(exploding);
        pipeline.runOnce();
        assertThat(output.events()).extracting(e -> e.fields().keySet()).containsExactly(java.util.Set.of("fine"));
        assertThat(failures.failures()).singleElement().satisfies(f -> {
            assertThat(f.stage()).isEqualTo("exploding");
            assertThat(f.phase()).isEqualTo(Phase.ENRICH);
            assertThat(f.reason()).contains("kaboom");
        });
    }

    @Test
    void retriesAFailingOutputUntilItRecoversAndOnlyThenCommits() throws Exception {
        append("{\"n\":1}");
        output.failNextWrites(3, new TemporaryException("database restarting", Duration.ofMillis(1)));
        Pipeline pipeline = pipeline();
        pipeline.runOnce();
        assertThat(output.writes()).isEqualTo(4);
        assertThat(output.events()).hasSize(1);
        assertThat(pipeline.health().failingSince()).isNull();
        assertThat(journal.reader(Pipeline.CONSUMER).committed()).isEqualTo(1);
    }

    @Test
    void anEventAnOutputRefusesForGoodGoesToTheFailureStoreAndTheRestIsWritten() throws Exception {
        append("{\"n\":1}", "{\"poison\":true}", "{\"n\":3}");
        io.vigil.core.pipeline.Output picky = new io.vigil.core.pipeline.Output() {
            @Override
            public String name() {
                return "picky";
            }

            @Override
            public void write(List<Event> batch) {
                if (batch.stream().anyMatch(e -> e.fields().containsKey("poison"))) {
                    throw new io.vigil.core.error.PermanentException("cannot store this one");
                }
                output.write(batch);
            }
        };
        Pipeline pipeline = new Pipeline(new PipelineConfig(100, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ZERO, null), journal,
                Decoders.standard(DecoderLimits.DEFAULTS), List.of(), List.of(picky), failures, new StageMetrics(registry), clock);
        pipeline.runOnce();
        assertThat(output.events()).extracting(e -> e.fields().get("n")).containsExactly(1L, 3L);
        assertThat(failures.failures()).singleElement().satisfies(f -> {
            assertThat(f.phase()).isEqualTo(Phase.OUTPUT);
            assertThat(f.stage()).isEqualTo("picky");
            assertThat(f.reason()).contains("cannot store this one");
        });
        assertThat(journal.reader(Pipeline.CONSUMER).committed()).isEqualTo(3);
    }

    @Test
    void whileBehindCommitsAtMostEveryIntervalAndFlushesOutputsFirst() throws Exception {
        append("{\"n\":1}", "{\"n\":2}", "{\"n\":3}", "{\"n\":4}", "{\"n\":5}");
        Pipeline pipeline = new Pipeline(new PipelineConfig(2, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofHours(1), null),
                journal, Decoders.standard(DecoderLimits.DEFAULTS), List.of(), List.of(output), failures,
                new StageMetrics(registry), clock);
        pipeline.runOnce();
        pipeline.runOnce();
        assertThat(output.events()).hasSize(4);
        assertThat(journal.stats().committedPosition()).as("behind: no commit yet").isZero();
        assertThat(output.flushes()).isZero();
        pipeline.runOnce(); // the last, partial batch: caught up
        assertThat(output.flushes()).isEqualTo(1);
        assertThat(journal.stats().committedPosition()).isEqualTo(5);
    }

    @Test
    void replayAfterCrashYieldsSameEventIds() throws Exception {
        append("{\"n\":1}", "{\"n\":2}");
        Pipeline first = pipeline();
        first.runOnce();
        List<Event> once = output.events();
        first.process(all()); // the same entries again, as after a crash before commit
        assertThat(output.events()).isEqualTo(once);
        assertThat(output.writes()).isEqualTo(2);
    }

    @Test
    void runsInTheBackgroundUntilClosed() throws Exception {
        Pipeline pipeline = pipeline();
        pipeline.start();
        append("{\"n\":1}");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (output.events().isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(output.events()).hasSize(1);
        assertThat(pipeline.health().running()).isTrue();
        pipeline.close();
        assertThat(pipeline.health().running()).isFalse();
    }
}
