package io.vigil.sigma;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How rules are compiled: the values that {@code |expand} placeholders such as {@code %Workstations%} resolve to
 * (keyed without the percent signs; each value is a Sigma string and may use wildcards), and the limits.
 */
public record SigmaOptions(Map<String, List<String>> placeholders, SigmaLimits limits) {

    public static final SigmaOptions DEFAULTS = new SigmaOptions(Map.of(), SigmaLimits.DEFAULTS);

    public SigmaOptions {
        Objects.requireNonNull(limits, "limits");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        placeholders.forEach((name, values) -> {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("placeholder %" + name + "% needs at least one value");
            }
            copy.put(name, List.copyOf(values));
        });
        placeholders = Map.copyOf(copy);
    }

    public SigmaOptions withPlaceholders(Map<String, List<String>> values) {
        return new SigmaOptions(values, limits);
    }
}
