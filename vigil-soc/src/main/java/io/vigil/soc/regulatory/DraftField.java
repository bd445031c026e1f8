package io.vigil.soc.regulatory;

import java.util.List;

/**
 * One item of a report's content, as the regulation asks for it.
 *
 * @param required whether the step cannot be submitted without it
 * @param options  the allowed values, or empty for free text
 */
public record DraftField(String name, String asks, boolean required, List<String> options) {

    static final List<String> YES_NO_UNKNOWN = List.of("yes", "no", "unknown");

    static DraftField text(String name, String asks) {
        return new DraftField(name, asks, true, List.of());
    }

    static DraftField optional(String name, String asks) {
        return new DraftField(name, asks, false, List.of());
    }

    static DraftField choice(String name, String asks) {
        return new DraftField(name, asks, true, YES_NO_UNKNOWN);
    }
}
