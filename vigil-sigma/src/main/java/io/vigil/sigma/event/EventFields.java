package io.vigil.sigma.event;

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
}
