package io.vigil.server.cli;

import io.vigil.server.hunt.HuntProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/** A one-line progress bar on a terminal, redrawn at most ten times a second; cleared when done. */
final class ProgressBar implements HuntProgress {

    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final long totalBytes;
    private final LongSupplier nanoTime;
    private long lastDraw;
    private boolean drawn;

    ProgressBar(PrintWriter err, long totalBytes, LongSupplier nanoTime) {
        this.err = err;
        this.totalBytes = Math.max(totalBytes, 1);
        this.nanoTime = nanoTime;
        this.lastDraw = nanoTime.getAsLong();
    }

    @Override
    public void update(long bytesRead, long events, long detections) {
        long now = nanoTime.getAsLong();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double fraction = Math.min(1.0, (double) bytesRead / totalBytes);
        int filled = (int) Math.round(fraction * WIDTH);
        err.printf(Locale.ROOT, "\r[%s%s] %3.0f%%  %,d events  %,d detections ", "#".repeat(filled),
                ".".repeat(WIDTH - filled), fraction * 100, events, detections);
        err.flush();
        drawn = true;
    }

    @Override
    public void done() {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 60) + "\r");
            err.flush();
        }
    }
}
