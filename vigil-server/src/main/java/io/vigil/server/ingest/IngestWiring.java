package io.vigil.server.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.core.journal.Journal;
import io.vigil.core.pipeline.EventStage;
import io.vigil.core.pipeline.Output;
import io.vigil.ingest.admission.TenantAdmission;
import io.vigil.ingest.decode.DecoderDefinitions;
import io.vigil.ingest.decode.DecoderLimits;
import io.vigil.ingest.decode.Decoders;
import io.vigil.ingest.health.SourceHealthFailures;
import io.vigil.ingest.health.SourceHealthOutput;
import io.vigil.ingest.health.SourceHealthRegistry;
import io.vigil.ingest.http.HttpIngestConfig;
import io.vigil.ingest.http.HttpIngestServer;
import io.vigil.ingest.syslog.SyslogServer;
import io.vigil.ingest.journal.JournalConfig;
import io.vigil.ingest.journal.SegmentedJournal;
import io.vigil.ingest.normalize.CommonFieldsNormalizer;
import io.vigil.ingest.pipeline.Pipeline;
import io.vigil.ingest.pipeline.PipelineConfig;
import io.vigil.ingest.pipeline.StageMetrics;
import io.vigil.server.config.ServerSettings;
import io.vigil.server.config.Settings;
import io.vigil.server.collection.IngestTls;
import io.vigil.server.detect.DetectFeature;
import io.vigil.store.event.RecentEvents;
import io.vigil.store.search.LuceneEventStore;
import io.vigil.store.failure.JdbcFailureStore;
import io.vigil.store.ingestkey.IngestKeys;
import io.vigil.store.tenant.TenantDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The ingest feature: journal, pipeline (decode → normalize → enrich → detect → outputs) and the HTTP
 * and syslog inputs (syslog is wired by {@code io.vigil.server.collection}). To add a transport, start it
 * in {@link IngestLifecycle} next to the others and hand its {@code RawEvent}s to the journal; to add a stage or output, add it to {@link #pipeline}. Detection
 * ({@code io.vigil.server.detect}) contributes its stage and output through {@link DetectFeature}.
 */
@Configuration(proxyBeanMethods = false)
class IngestWiring {

    static final String COMMON_FIELDS_MAPPING = "io/vigil/content/normalize/common-fields.json";
    /** Header and source strings a journal record adds to an event's bytes (at most 3 × 200 characters). */
    static final int JOURNAL_RECORD_OVERHEAD = 38 + 3 * 4 * 200;

    @Bean(destroyMethod = "close")
    SegmentedJournal journal(Environment environment, ServerSettings server, Clock clock, MeterRegistry registry) {
        JournalConfig config = Settings.bind(environment, "vigil.journal", JournalConfig.class);
        if (!environment.containsProperty("vigil.journal.directory")) {
            config = new JournalConfig(server.dataDir().resolve("journal"), config.segmentBytes(), config.maxBacklogBytes(),
                    config.minFreeDiskBytes(), config.maxRecordBytes(), config.flushInterval());
        }
        SegmentedJournal journal = SegmentedJournal.open(config, clock);
        Gauge.builder("vigil.journal.backlog.bytes", journal, j -> j.stats().backlogBytes())
                .description("Bytes journaled but not yet processed").register(registry);
        Gauge.builder("vigil.journal.disk.bytes", journal, j -> j.stats().diskBytes())
                .description("Bytes the journal occupies on disk").register(registry);
        Gauge.builder("vigil.journal.lag.records", journal, j -> j.stats().nextPosition() - j.stats().committedPosition())
                .description("Records journaled but not yet processed").register(registry);
        Gauge.builder("vigil.journal.corrupt.records", journal, j -> j.stats().corruptRecords())
                .description("Corrupt records found and quarantined since start").register(registry);
        Gauge.builder("vigil.journal.storage.refusing", journal, j -> j.stats().storageFault() == null ? 0 : 1)
                .description("1 while the journal's storage refuses appends (disk full, writes failing), else 0")
                .register(registry);
        FunctionCounter.builder("vigil.journal.fsyncs", journal, j -> j.stats().fsyncs())
                .description("Forces to stable storage since start").register(registry);
        return journal;
    }

    @Bean
    StageMetrics stageMetrics(MeterRegistry registry) {
        return new StageMetrics(registry);
    }

    /** Every shipped codec, with per-source formats (pinned codec, learned detection) from the source registry. */
    @Bean
    Decoders decoders(Environment environment, SourceHealthRegistry sourceHealth) {
        DecoderLimits limits = Settings.bind(environment, "vigil.decoder", DecoderLimits.class);
        return Decoders.standard(limits, DecoderDefinitions.fromClasspath(IngestWiring.class.getClassLoader()))
                .withSourceFormats(sourceHealth);
    }

    @Bean
    Pipeline pipeline(Environment environment, Journal journal, RecentEvents recentEvents, LuceneEventStore eventStore,
                      JdbcFailureStore failures, DetectFeature detection, SourceHealthRegistry sourceHealth,
                      Decoders decoders, StageMetrics metrics, Clock clock) {
        List<EventStage> stages = new ArrayList<>(List.of(commonFieldsNormalizer()));
        stages.addAll(detection.stages());
        List<Output> outputs = new ArrayList<>(List.of(recentEvents, eventStore));
        outputs.addAll(detection.outputs());
        outputs.add(new SourceHealthOutput(sourceHealth)); // io.vigil.server.sources: log-source health
        return new Pipeline(Settings.bind(environment, "vigil.pipeline", PipelineConfig.class), journal, decoders, stages,
                outputs, new SourceHealthFailures(failures, sourceHealth), metrics, clock);
    }

    @Bean
    KeyAuthenticator keyAuthenticator(IngestKeys keys, TenantDirectory tenants, Clock clock) {
        return new KeyAuthenticator(keys, tenants, clock);
    }

    @Bean
    HttpIngestServer httpIngestServer(Environment environment, Journal journal, KeyAuthenticator authenticator,
                                      JdbcFailureStore failures, StageMetrics metrics, MeterRegistry registry, Clock clock,
                                      TenantAdmission admission, IngestTls tls) {
        HttpIngestConfig config = Settings.bind(environment, "vigil.ingest.http", HttpIngestConfig.class);
        int journalLimit = Settings.bind(environment, "vigil.journal", JournalConfig.class).maxRecordBytes();
        if (config.maxEventBytes() + JOURNAL_RECORD_OVERHEAD > journalLimit) {
            throw new IllegalStateException("vigil.ingest.http.max-event-bytes (" + config.maxEventBytes()
                    + ") must leave room for the journal's record overhead within vigil.journal.max-record-bytes ("
                    + journalLimit + "): lower the first or raise the second by at least " + JOURNAL_RECORD_OVERHEAD);
        }
        return new HttpIngestServer(config, journal, authenticator, failures, metrics, registry, clock, admission,
                tls.httpsContext());
    }

    @Bean
    IngestLifecycle ingestLifecycle(Pipeline pipeline, HttpIngestServer http, SyslogServer syslog, Environment environment) {
        return new IngestLifecycle(pipeline, http, syslog,
                Settings.bind(environment, "vigil.ingest.http", HttpIngestConfig.class).enabled());
    }

    private static CommonFieldsNormalizer commonFieldsNormalizer() {
        try (InputStream mapping = IngestWiring.class.getClassLoader().getResourceAsStream(COMMON_FIELDS_MAPPING)) {
            if (mapping == null) {
                throw new IllegalStateException("content missing from the classpath: " + COMMON_FIELDS_MAPPING);
            }
            return CommonFieldsNormalizer.fromMapping(mapping);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts processing before accepting input, and stops accepting input before processing stops. */
    static final class IngestLifecycle implements SmartLifecycle {
        private final Pipeline pipeline;
        private final HttpIngestServer http;
        private final SyslogServer syslog;
        private final boolean httpEnabled;
        private volatile boolean running;

        IngestLifecycle(Pipeline pipeline, HttpIngestServer http, SyslogServer syslog, boolean httpEnabled) {
            this.pipeline = pipeline;
            this.http = http;
            this.syslog = syslog;
            this.httpEnabled = httpEnabled;
        }

        @Override
        public void start() {
            pipeline.start();
            try {
                if (httpEnabled) {
                    http.start();
                }
                syslog.start();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the ingest listeners", e);
            }
            running = true;
        }

        @Override
        public void stop() {
            syslog.close();
            http.close();
            pipeline.close();
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        int httpPort() {
            return http.port();
        }
    }
}
