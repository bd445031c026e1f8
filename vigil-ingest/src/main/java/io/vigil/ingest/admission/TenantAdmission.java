package io.vigil.ingest.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.core.tenant.TenantId;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per tenant, asked by every input before it journals: HTTP ingest (429 + Retry-After), and the
 * syslog and MQTT inputs. A request of {@code n} events is admitted whole or refused whole; a refused request
 * takes nothing. Buckets exist only for tenants that sent (bounded by the number of authenticated tenants).
 *
 * <p>Metrics: {@code vigil.ingest.admission.events{tenant, input, outcome=admitted|refused}}.
 */
public final class TenantAdmission {

    private final AdmissionConfig config;
    private final LongSupplier nanoTime;
    private final MeterRegistry meters;
    private final Map<TenantId, RateLimit> overrides = new ConcurrentHashMap<>();
    private final Map<TenantId, Bucket> buckets = new ConcurrentHashMap<>();

    public TenantAdmission(AdmissionConfig config, MeterRegistry meters) {
        this(config, meters, System::nanoTime);
    }

    /** With a time source in nanoseconds, for tests. */
    public TenantAdmission(AdmissionConfig config, MeterRegistry meters, LongSupplier nanoTime) {
        this.config = Objects.requireNonNull(config, "config");
        this.meters = Objects.requireNonNull(meters, "meters");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** Asks to admit {@code events} events of the tenant through {@code input} ({@code http}, {@code mqtt}…). */
    public Admission admit(TenantId tenant, String input, int events) {
        if (!config.enabled() || events <= 0) {
            return Admission.ADMITTED;
        }
        RateLimit limit = limit(tenant);
        Bucket bucket = buckets.computeIfAbsent(tenant, t -> new Bucket(limit, nanoTime.getAsLong()));
        Admission answer = bucket.take(limit, events, nanoTime.getAsLong());
        String outcome = answer instanceof Admission.Admitted ? "admitted" : "refused";
        Counter.builder("vigil.ingest.admission.events").description("Events asking admission, by tenant, input and outcome")
                .tag("tenant", tenant.toString()).tag("input", input).tag("outcome", outcome)
                .register(meters).increment(events);
        return answer;
    }

    /** Whether the tenant's bucket is empty right now: lets an input refuse before paying for framing. */
    public boolean exhausted(TenantId tenant) {
        if (!config.enabled()) {
            return false;
        }
        Bucket bucket = buckets.get(tenant);
        return bucket != null && bucket.available(limit(tenant), nanoTime.getAsLong()) < 1;
    }

    /** The limit in force for the tenant: its own or the default. */
    public RateLimit limit(TenantId tenant) {
        return overrides.getOrDefault(tenant, config.defaultLimit());
    }

    public Optional<RateLimit> override(TenantId tenant) {
        return Optional.ofNullable(overrides.get(tenant));
    }

    /** Sets (or with {@code null} removes) the tenant's own limit; takes effect at the next request. */
    public void setOverride(TenantId tenant, RateLimit limit) {
        if (limit == null) {
            overrides.remove(tenant);
        } else {
            overrides.put(tenant, limit);
        }
    }

    public AdmissionConfig config() {
        return config;
    }

    /** A token bucket; the limit is passed on each call so an override takes effect without a new bucket. */
    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(RateLimit limit, long now) {
            this.tokens = limit.burst();
            this.last = now;
        }

        private void refill(RateLimit limit, long now) {
            long elapsed = Math.max(0, now - last);
            last = now;
            tokens = Math.min(limit.burst(), tokens + elapsed / 1e9 * limit.eventsPerSecond());
        }

        synchronized double available(RateLimit limit, long now) {
            refill(limit, now);
            return tokens;
        }

        synchronized Admission take(RateLimit limit, int events, long now) {
            refill(limit, now);
            // A request larger than the burst passes when the bucket is full and leaves it in debt.
            if (tokens >= Math.min(events, limit.burst())) {
                tokens -= events;
                return Admission.ADMITTED;
            }
            double missing = Math.min(events, limit.burst()) - tokens;
            long seconds = (long) Math.ceil(Math.max(missing, 1) / limit.eventsPerSecond());
            return new Admission.Refused(Duration.ofSeconds(Math.max(1, seconds)), limit);
        }
    }
}
