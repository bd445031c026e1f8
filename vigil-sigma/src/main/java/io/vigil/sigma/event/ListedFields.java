package io.vigil.sigma.event;

import static io.vigil.sigma.event.WindowsEventFields.ABSENT;
import static io.vigil.sigma.event.WindowsEventFields.unwrap;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Every Sigma name a {@link WindowsLayout} answers, with its value, each one hash lookup away. Most names of an
 * event are its data fields, which the decoded event already holds in one map: that map is used as it is
 * ({@code primary}, its values unwrapped as they are read), and only the names it lacks (the {@code System}
 * attributes) are copied into a small map of their own ({@code extra}). Listing an event then costs a dozen puts
 * rather than one per field, and routing and the candidate index, which ask for some fifty names per event, pay one
 * lookup for each.
 */
final class ListedFields {

    private final Map<?, ?> primary;
    private final boolean unwrapPrimary;
    private final Map<String, Object> extra;
    /**
     * A 256-bit filter of the listed names (bit {@link #bit} of each): most names routing asks about (some forty
     * presence tests per event, for every source the mapping knows) are absent, and an absent name whose bit is
     * clear is answered without the two map lookups.
     */
    private final long[] names = new long[4];

    /**
     * @param primary       a map whose String keys are names, or null
     * @param unwrapPrimary whether {@code primary}'s values are read through {@link WindowsEventFields#unwrap}
     */
    ListedFields(Map<?, ?> primary, boolean unwrapPrimary) {
        this.primary = primary;
        this.unwrapPrimary = unwrapPrimary;
        this.extra = new HashMap<>(32);
        if (primary != null) {
            for (Object key : primary.keySet()) {
                if (key instanceof String name) {
                    remember(name);
                }
            }
        }
    }

    /** Adds a name unless it is already listed: the first source of a name wins, as in the layout's lookup. */
    void addIfAbsent(String name, Object value) {
        if (!contains(name)) {
            extra.put(name, value);
            remember(name);
        }
    }

    private void remember(String name) {
        int bit = bit(name);
        names[bit >>> 6] |= 1L << bit;
    }

    private boolean mayHave(String name) {
        int bit = bit(name);
        return (names[bit >>> 6] & 1L << bit) != 0;
    }

    private static int bit(String name) {
        int hash = name.hashCode();
        return (hash ^ hash >>> 16) & 255;
    }

    Object get(String name) {
        if (!mayHave(name)) {
            return null;
        }
        if (primary != null) {
            Object value = getOrAbsent(primary, name);
            if (value != ABSENT) {
                return unwrapPrimary ? unwrap(value) : value;
            }
        }
        return extra.get(name);
    }

    boolean contains(String name) {
        return mayHave(name) && (primary != null && primary.containsKey(name) || extra.containsKey(name));
    }

    void forEach(BiConsumer<String, Object> action) {
        if (primary != null) {
            primary.forEach((key, value) -> {
                if (key instanceof String name) {
                    action.accept(name, unwrapPrimary ? unwrap(value) : value);
                }
            });
        }
        extra.forEach(action);
    }

    @SuppressWarnings("unchecked")
    private static Object getOrAbsent(Map<?, ?> map, String key) {
        return ((Map<Object, Object>) map).getOrDefault(key, ABSENT);
    }
}
