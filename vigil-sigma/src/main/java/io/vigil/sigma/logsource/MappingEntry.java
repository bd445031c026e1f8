package io.vigil.sigma.logsource;

import io.vigil.sigma.event.EventFields;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of the mapping file. It matches an event that carries one of its source tags, or that passes all of
 * its field tests; a matching event belongs to the entry's product/category/service (each may be null) and gets
 * its renames (Sigma field name &rarr; event field names, first present wins).
 */
record MappingEntry(
        String name,
        String product,
        String category,
        String service,
        Set<String> sources,
        List<FieldTest> when,
        Map<String, List<String>> renames) {

    MappingEntry {
        Objects.requireNonNull(name, "name");
        sources = Set.copyOf(sources);
        when = List.copyOf(when);
        renames = Map.copyOf(renames);
        if (product == null && category == null && service == null) {
            throw new IllegalArgumentException("entry " + name + " names no product, category or service");
        }
        if (sources.isEmpty() && when.isEmpty()) {
            throw new IllegalArgumentException("entry " + name + " has neither sources nor when");
        }
    }

    boolean matches(String sourceTag, EventFields event) {
        if (sourceTag != null && sources.contains(sourceTag)) {
            return true;
        }
        if (when.isEmpty()) {
            return false;
        }
        for (FieldTest test : when) {
            if (!test.test(event)) {
                return false;
            }
        }
        return true;
    }
}
