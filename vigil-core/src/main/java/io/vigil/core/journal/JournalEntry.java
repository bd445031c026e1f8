package io.vigil.core.journal;

import io.vigil.core.event.RawEvent;
import java.util.Objects;

/**
 * One journal record: a raw event at its position, or a record whose bytes failed their checksum
 * ({@code event == null}, {@code corruption} says why). Corrupt records are handed on rather than
 * skipped so that the failure store can keep them and the counters show them.
 */
public record JournalEntry(long position, RawEvent event, String corruption, byte[] corruptBytes) {

    public JournalEntry {
        if (position < 0) {
            throw new IllegalArgumentException("position must be >= 0");
        }
        if ((event == null) == (corruption == null)) {
            throw new IllegalArgumentException("an entry is either an event or a corruption");
        }
        if (corruption != null) {
            Objects.requireNonNull(corruptBytes, "corruptBytes");
        }
    }

    public static JournalEntry of(long position, RawEvent event) {
        return new JournalEntry(position, Objects.requireNonNull(event, "event"), null, null);
    }

    public static JournalEntry corrupt(long position, String reason, byte[] bytes) {
        return new JournalEntry(position, null, reason, bytes);
    }

    public boolean isCorrupt() {
        return corruption != null;
    }
}
