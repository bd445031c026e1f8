package io.vigil.sigma.event;

import static io.vigil.sigma.event.WindowsEventFields.ABSENT;
import static io.vigil.sigma.event.WindowsEventFields.unwrap;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Every Sigma name a {@link WindowsLayout} answers, with its value. Most names of an event are its data fields, which
 * the decoded event already holds in one map: that map is used as it is ({@code primary}, its values unwrapped as
 * they are read), and only the names it lacks (the {@code System} attributes, a dozen or two) are kept beside it in
 * two small arrays ({@code extra}), in the order they were added. Listing an event then costs a few array stores
 * rather than a hash map of its own, and routing and the candidate index, which ask for some fifty names per event,
 * pay one lookup or a short scan for each.
 */
final class ListedFields {

    private final Map<?, ?> primary;
    private final boolean unwrapPrimary;
    private String[] extraNames = new String[24];
    private Object[] extraValues = new Object[24];
    private int extras;
    /**
     * The extras' positions by name once there are more than {@link #SCANNED_EXTRAS}: a hostile event with
     * thousands of {@code System} children must not make listing quadratic.
     */
    private Map<String, Integer> extraPositions;
    private static final int SCANNED_EXTRAS = 32;
    /**
     * 256-bit filters (bit {@link #bit} of each name) of {@code primary}'s names and of every listed name: most names
     * routing asks about (some forty presence tests per event, for every source the mapping knows) are absent, and
     * an absent name whose bit is clear is answered without a lookup or a scan.
     */
    private final long[] primaryNames = new long[4];
    private final long[] names = new long[4];

    /**
     * @param primary       a map whose String keys are names, or null
     * @param unwrapPrimary whether {@code primary}'s values are read through {@link WindowsEventFields#unwrap}
     */
    ListedFields(Map<?, ?> primary, boolean unwrapPrimary) {
        this.primary = primary;
        this.unwrapPrimary = unwrapPrimary;
        if (primary != null) {
            for (Object key : primary.keySet()) {
                if (key instanceof String name) {
                    int bit = bit(name);
                    primaryNames[bit >>> 6] |= 1L << bit;
                    names[bit >>> 6] |= 1L << bit;
                }
            }
        }
    }

    /** Adds a name unless it is already listed: the first source of a name wins, as in the layout's lookup. */
    void addIfAbsent(String name, Object value) {
        int bit = bit(name);
        if (has(names, bit) && (inPrimary(name, bit) || extraIndex(name) >= 0)) {
            return;
        }
        if (extras == extraNames.length) {
            extraNames = Arrays.copyOf(extraNames, extras * 2);
            extraValues = Arrays.copyOf(extraValues, extras * 2);
        }
        extraNames[extras] = name;
        extraValues[extras] = value;
        if (extraPositions != null) {
            extraPositions.put(name, extras);
        } else if (extras == SCANNED_EXTRAS) {
            extraPositions = new HashMap<>();
            for (int i = 0; i <= extras; i++) {
                extraPositions.put(extraNames[i], i);
            }
        }
        extras++;
        names[bit >>> 6] |= 1L << bit;
    }

    private static boolean has(long[] filter, int bit) {
        return (filter[bit >>> 6] & 1L << bit) != 0;
    }

    private static int bit(String name) {
        int hash = name.hashCode();
        return (hash ^ hash >>> 16) & 255;
    }

    private boolean inPrimary(String name, int bit) {
        return primary != null && has(primaryNames, bit) && primary.containsKey(name);
    }

    /** Names are nearly always the same interned strings, so the scan mostly compares references. */
    private int extraIndex(String name) {
        if (extraPositions != null) {
            return extraPositions.getOrDefault(name, -1);
        }
        int hash = name.hashCode();
        for (int i = 0; i < extras; i++) {
            String listed = extraNames[i];
            if (listed == name || listed.hashCode() == hash && listed.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    Object get(String name) {
        int bit = bit(name);
        if (!has(names, bit)) {
            return null;
        }
        if (primary != null && has(primaryNames, bit)) {
            Object value = getOrAbsent(primary, name);
            if (value != ABSENT) {
                return unwrapPrimary ? unwrap(value) : value;
            }
        }
        int i = extraIndex(name);
        return i < 0 ? null : extraValues[i];
    }

    boolean contains(String name) {
        int bit = bit(name);
        return has(names, bit) && (inPrimary(name, bit) || extraIndex(name) >= 0);
    }

    void forEach(BiConsumer<String, Object> action) {
        if (primary != null) {
            primary.forEach((key, value) -> {
                if (key instanceof String name) {
                    action.accept(name, unwrapPrimary ? unwrap(value) : value);
                }
            });
        }
        for (int i = 0; i < extras; i++) {
            action.accept(extraNames[i], extraValues[i]);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object getOrAbsent(Map<?, ?> map, String key) {
        return ((Map<Object, Object>) map).getOrDefault(key, ABSENT);
    }
}
