package io.vigil.sigma.correlation;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A correlation fired for one group of one tenant. {@code groupBy} maps each group-by field (or alias) to its
 * value, in the rule's order. {@code windowStart}/{@code windowEnd} are the event times of the first and last event
 * that counted; {@code value} is the count, distinct count, sum, average or share that met the condition.
 * {@code author} travels with the match for the same licence reason as on {@link io.vigil.sigma.Detection}.
 */
public record CorrelationMatch(
        String tenant,
        String correlationId,
        String correlationKey,
        String title,
        String level,
        String author,
        List<String> tags,
        Map<String, Object> groupBy,
        Instant windowStart,
        Instant windowEnd,
        double value) {

    public CorrelationMatch {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(correlationKey, "correlationKey");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        tags = List.copyOf(tags);
        groupBy = Collections.unmodifiableMap(new LinkedHashMap<>(groupBy));
    }
}
