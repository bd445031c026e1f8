package io.vigil.bench;

import io.vigil.ingest.journal.SegmentedJournal;
import java.lang.reflect.Method;
import java.util.OptionalLong;

/**
 * Reads the journal writer's fsync count. {@code SegmentedJournal.fsyncCount()} is package-private (tests
 * use it to see group commit at work), so the benchmark reaches it reflectively instead of widening the
 * journal's API for a benchmark; if it is renamed, the figure is reported as unavailable, nothing breaks.
 */
final class JournalProbe {

    private final SegmentedJournal journal;
    private final Method fsyncCount;

    JournalProbe(SegmentedJournal journal) {
        this.journal = journal;
        Method method;
        try {
            method = SegmentedJournal.class.getDeclaredMethod("fsyncCount");
            method.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            method = null;
        }
        this.fsyncCount = method;
    }

    OptionalLong fsyncs() {
        if (fsyncCount == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of((long) fsyncCount.invoke(journal));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
