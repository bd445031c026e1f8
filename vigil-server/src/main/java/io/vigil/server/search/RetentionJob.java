package io.vigil.server.search;

import io.vigil.core.tenant.TenantId;
import io.vigil.server.config.PeriodicJob;
import io.vigil.server.config.SearchSettings;
import io.vigil.store.search.LuceneEventStore;
import io.vigil.store.search.RetentionPolicies;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code vigil.search.retention-interval}, deletes each tenant's partitions (whole UTC days of event time)
 * older than its retention: its own ({@link RetentionPolicies}) or the default. A tenant keeps {@code days} days
 * including today, so with 1 day only today's partition stays.
 */
final class RetentionJob extends PeriodicJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final LuceneEventStore store;
    private final RetentionPolicies policies;
    private final SearchSettings settings;
    private final Clock clock;

    RetentionJob(LuceneEventStore store, RetentionPolicies policies, SearchSettings settings, Clock clock) {
        super("vigil-retention");
        this.store = store;
        this.policies = policies;
        this.settings = settings;
        this.clock = clock;
    }

    /** The first day the tenant keeps. */
    LocalDate firstKeptDay(TenantId tenant) {
        int days = policies.find(tenant).map(RetentionPolicies.Retention::days).orElse(settings.defaultRetentionDays());
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(days - 1L);
    }

    /** One run over every tenant with stored events; returns the partitions deleted. Failures wait for the next run. */
    int runOnce() {
        int dropped = 0;
        for (TenantId tenant : store.tenants()) {
            try {
                int n = store.dropDaysBefore(tenant, firstKeptDay(tenant));
                if (n > 0) {
                    log.info("Retention: deleted {} expired day partition(s) of tenant {}", n, tenant);
                }
                dropped += n;
            } catch (RuntimeException e) {
                log.warn("Retention of tenant {} failed; retrying in {}: {}", tenant, settings.retentionInterval(),
                        e.getMessage());
            }
        }
        return dropped;
    }

    @Override
    protected void tick() {
        runOnce();
    }

    @Override
    protected Duration interval() {
        return settings.retentionInterval();
    }

    /** Soon after start (at most a minute), then every interval. */
    @Override
    protected Duration initialDelay() {
        Duration minute = Duration.ofMinutes(1);
        return interval().compareTo(minute) < 0 ? interval() : minute;
    }
}
