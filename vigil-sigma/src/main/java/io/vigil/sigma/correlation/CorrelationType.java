package io.vigil.sigma.correlation;

import java.util.Arrays;
import java.util.Optional;

/** The correlation types of specification 2.1.0, with the YAML name of each. */
public enum CorrelationType {
    EVENT_COUNT("event_count"),
    VALUE_COUNT("value_count"),
    TEMPORAL("temporal"),
    TEMPORAL_ORDERED("temporal_ordered"),
    VALUE_SUM("value_sum"),
    VALUE_AVG("value_avg"),
    VALUE_PERCENTILE("value_percentile");

    private final String yamlName;

    CorrelationType(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    /** Whether the condition must name a {@code field}. */
    public boolean needsField() {
        return this == VALUE_COUNT || this == VALUE_SUM || this == VALUE_AVG || this == VALUE_PERCENTILE;
    }

    /** Temporal types may omit the condition: then every referenced rule must appear. */
    public boolean isTemporal() {
        return this == TEMPORAL || this == TEMPORAL_ORDERED;
    }

    static Optional<CorrelationType> fromYaml(String name) {
        return Arrays.stream(values()).filter(t -> t.yamlName.equals(name)).findFirst();
    }
}
