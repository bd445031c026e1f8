package io.vigil.sigma.event;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * How the Sigma engine reads an event. Callers adapt their own event shapes; the engine only ever asks for a
 * Sigma field name or for all searchable values.
 *
 * <p>Values are {@code String}, {@code Number}, {@code Boolean}, a {@code List} of those (a multi-valued field,
 * matching if any element matches), or anything else, which string matchers never match.
 */
public interface EventFields {

    /** The value of a Sigma field, or {@code null} if the field is absent or explicitly null. */
    Object get(String sigmaFieldName);

    /** Whether the field is present, even with a null or empty value ({@code exists} modifier). */
    boolean contains(String sigmaFieldName);

    /** Every scalar value that field-less keyword search looks at. */
    void forEachKeywordValue(Consumer<Object> action);

    /**
     * Lists the event's fields when the adapter can name every field it answers: calls {@code action} once per name
     * for which {@link #contains} is true, with the value {@link #get} returns for it (possibly null), and returns
     * true. An adapter that answers names it cannot list (dotted paths into nested maps, for example) returns false
     * without calling {@code action}; callers then ask by name. Lets the candidate index visit the event's few fields
     * instead of probing every field a rule names.
     */
    default boolean forEachField(BiConsumer<String, Object> action) {
        return false;
    }
}
