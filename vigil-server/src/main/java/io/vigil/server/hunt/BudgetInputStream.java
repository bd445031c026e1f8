package io.vigil.server.hunt;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails once more than {@code budget} bytes were read since the last {@link #reset()}: bounds the memory one JSON
 * document may take while the streaming parser builds it. The parser reads ahead a buffer, so the bound is
 * approximate by that buffer's size, which is small next to the limit.
 */
final class BudgetInputStream extends FilterInputStream {

    private final long budget;
    private long used;

    BudgetInputStream(InputStream in, long budget) {
        super(in);
        this.budget = budget;
    }

    @Override
    public synchronized void reset() {
        used = 0;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public int read() throws IOException {
        spend(1);
        return super.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            spend(n);
        }
        return n;
    }

    private void spend(long n) throws RecordTooLongException {
        used += n;
        if (used > budget) {
            throw new RecordTooLongException(budget);
        }
    }
}
