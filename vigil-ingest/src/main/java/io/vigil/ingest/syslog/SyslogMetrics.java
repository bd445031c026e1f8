package io.vigil.ingest.syslog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.core.tenant.TenantId;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counters of the syslog listeners, per input and tenant: {@code vigil.ingest.syslog.received},
 * {@code .dropped} (UDP with the journal full), {@code .oversize}, and {@code .refused} per reason
 * (refused senders have no tenant yet: tagged {@code unknown}).
 */
final class SyslogMetrics {

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();

    SyslogMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void received(String input, TenantId tenant, int count) {
        counter("received", input, tenant.toString(), null).increment(count);
    }

    void dropped(String input, TenantId tenant, int count) {
        counter("dropped", input, tenant.toString(), null).increment(count);
    }

    void oversize(String input, TenantId tenant) {
        counter("oversize", input, tenant.toString(), null).increment();
    }

    void refused(String input, String reason) {
        counter("refused", input, "unknown", reason).increment();
    }

    private Counter counter(String what, String input, String tenant, String reason) {
        String key = what + '|' + input + '|' + tenant + '|' + reason;
        return counters.computeIfAbsent(key, k -> {
            Counter.Builder builder = Counter.builder("vigil.ingest.syslog." + what)
                    .description("Syslog messages " + what + " by input and tenant")
                    .tag("input", input).tag("tenant", tenant);
            if (reason != null) {
                builder.tag("reason", reason);
            }
            return builder.register(registry);
        });
    }
}
