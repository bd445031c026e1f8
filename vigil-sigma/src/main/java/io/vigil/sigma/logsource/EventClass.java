package io.vigil.sigma.logsource;

import io.vigil.sigma.LogSource;
import io.vigil.sigma.event.EventFields;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the router made of one event: every product, category and service of the mapping entries it matched (in
 * lower case), the names of those entries, and their renames (Sigma field name &rarr; event field names).
 */
public record EventClass(
        Set<String> products,
        Set<String> categories,
        Set<String> services,
        List<String> entries,
        Map<String, List<String>> renames) {

    /** No entry matched. Admits only rules whose logsource names no product, category or service. */
    public static final EventClass UNCLASSIFIED = new EventClass(Set.of(), Set.of(), Set.of(), List.of(), Map.of());

    public EventClass {
        products = Set.copyOf(products);
        categories = Set.copyOf(categories);
        services = Set.copyOf(services);
        entries = List.copyOf(entries);
        renames = Map.copyOf(renames);
    }

    public boolean isClassified() {
        return !entries.isEmpty();
    }

    /**
     * True when each of product, category and service that the rule names is one this event was classified into.
     * A rule naming only {@code product: windows} admits any Windows event; {@code category: process_creation,
     * product: windows} admits Sysmon 1 and Security 4688.
     */
    public boolean admits(LogSource ruleLogsource) {
        Objects.requireNonNull(ruleLogsource, "ruleLogsource");
        return within(ruleLogsource.product(), products)
                && within(ruleLogsource.category(), categories)
                && within(ruleLogsource.service(), services);
    }

    /** The event as rules should read it: the mapped names answer where the event lacks the Sigma name. */
    public EventFields fields(EventFields base) {
        Objects.requireNonNull(base, "base");
        return renames.isEmpty() ? base : new RenamingEventFields(base, renames);
    }

    /** The part of this class that decides admission; equal keys admit the same rules. */
    Object admissionKey() {
        return List.of(products, categories, services);
    }

    private static boolean within(String named, Set<String> classified) {
        // Rules write their logsource in lower case nearly always: try the name as it is first.
        return named == null || classified.contains(named) || classified.contains(named.toLowerCase(Locale.ROOT));
    }
}
