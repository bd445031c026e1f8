package io.vigil.core.journal;

import java.time.Duration;
import java.util.List;

/**
 * Reads a journal from a consumer's committed position. Entries past the committed position are
 * delivered again after a restart, so whatever consumes them must be idempotent (event ids are derived
 * from positions for exactly that).
 */
public interface JournalReader extends AutoCloseable {

    /** Up to {@code max} entries after the last polled one, waiting at most {@code wait} for the first. */
    List<JournalEntry> poll(int max, Duration wait) throws InterruptedException;

    /** Records durably that every entry before {@code nextPosition} has been processed. */
    void commit(long nextPosition);

    /** The first position not yet committed. */
    long committed();

    @Override
    void close();
}
