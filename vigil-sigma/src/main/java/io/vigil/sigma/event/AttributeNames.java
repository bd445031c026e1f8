package io.vigil.sigma.event;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Sigma names {@code X_Y} of {@code System.X.#attributes.Y} ({@code Provider_Name}, {@code Execution_ProcessID}),
 * built once: every Windows event in the XML shape has the same half-dozen, and joining them anew costs a string
 * and its hash per attribute per event. The cache holds at most {@link #MAX_NAMES} names, so events with odd
 * attribute names cannot grow it; past that, names are joined as they come.
 */
final class AttributeNames {

    static final int MAX_NAMES = 1024;

    private static final Map<String, Map<String, String>> NAMES = new ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicInteger SIZE = new java.util.concurrent.atomic.AtomicInteger();

    private AttributeNames() {
    }

    static String of(String element, String attribute) {
        Map<String, String> byAttribute = NAMES.get(element);
        String name = byAttribute == null ? null : byAttribute.get(attribute);
        if (name != null) {
            return name;
        }
        name = element + '_' + attribute;
        if (SIZE.get() < MAX_NAMES) {
            name = name.intern(); // as rule field names are: lookups succeed by identity
            String known = NAMES.computeIfAbsent(element, e -> new ConcurrentHashMap<>()).putIfAbsent(attribute, name);
            if (known == null) {
                SIZE.incrementAndGet();
            }
        }
        return name;
    }
}
