package io.vigil.sigma.filter;

import io.vigil.sigma.Detection;
import java.util.List;
import java.util.Objects;

/**
 * The detections of one event after filtering: those kept, and those suppressed with every filter that suppressed
 * them. Suppressed detections are meant to be recorded (audit, tenant report), never dropped unseen.
 */
public record FilterResult(List<Detection> kept, List<Suppressed> suppressed) {

    public FilterResult {
        kept = List.copyOf(kept);
        suppressed = List.copyOf(suppressed);
    }

    /** One detection and the active filters whose condition matched the event, in the order they were bound. */
    public record Suppressed(Detection detection, List<SuppressedBy> filters) {
        public Suppressed {
            Objects.requireNonNull(detection, "detection");
            filters = List.copyOf(filters);
            if (filters.isEmpty()) {
                throw new IllegalArgumentException("a suppression names at least one filter");
            }
        }
    }

    /** What a report needs about a filter: its reference (id, else origin), title and Vigil reason (may be null). */
    public record SuppressedBy(String filter, String title, String reason) {
        public SuppressedBy {
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(title, "title");
        }

        static SuppressedBy of(SigmaFilter filter) {
            return new SuppressedBy(filter.reference(), filter.title(), filter.reason());
        }
    }
}
