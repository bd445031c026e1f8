package io.vigil.server.ingest;

import io.vigil.core.journal.Journal;
import io.vigil.core.journal.JournalStats;
import io.vigil.ingest.pipeline.Pipeline;
import io.vigil.ingest.pipeline.PipelineHealth;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** Health of the ingest spine, part of readiness: the journal's state and whether the pipeline keeps up. */
final class IngestHealth {

    private IngestHealth() {
    }

    @Component("journalHealthIndicator")
    static final class JournalHealthIndicator implements HealthIndicator {
        private final Journal journal;

        JournalHealthIndicator(Journal journal) {
            this.journal = journal;
        }

        /** DOWN while the journal's storage refuses appends (disk full, writes failing): nothing is acknowledged then. */
        @Override
        public Health health() {
            JournalStats stats = journal.stats();
            JournalStats.StorageFault fault = stats.storageFault();
            Health.Builder builder = fault == null ? Health.up() : Health.down()
                    .withDetail("storageFault", fault.reason()).withDetail("refusingSince", fault.since().toString());
            return builder
                    .withDetail("nextPosition", stats.nextPosition())
                    .withDetail("committedPosition", stats.committedPosition())
                    .withDetail("backlogBytes", stats.backlogBytes())
                    .withDetail("diskBytes", stats.diskBytes())
                    .withDetail("corruptRecords", stats.corruptRecords())
                    .withDetail("truncatedBytes", stats.truncatedBytes())
                    .withDetail("fsyncs", stats.fsyncs())
                    .build();
        }
    }

    @Component("pipelineHealthIndicator")
    static final class PipelineHealthIndicator implements HealthIndicator {
        private final Pipeline pipeline;

        PipelineHealthIndicator(Pipeline pipeline) {
            this.pipeline = pipeline;
        }

        @Override
        public Health health() {
            PipelineHealth health = pipeline.health();
            Health.Builder builder = health.healthy() ? Health.up() : Health.down();
            builder.withDetail("running", health.running()).withDetail("committedPosition", health.committed())
                    .withDetail("stages", pipeline.describe());
            if (health.failingSince() != null) {
                builder.withDetail("failingSince", health.failingSince().toString()).withDetail("lastError", health.lastError());
            }
            return builder.build();
        }
    }
}
