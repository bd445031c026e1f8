package io.vigil.server.hunt;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Frames an input into {@code \n}-terminated lines (a trailing {@code \r} is dropped) without ever holding more
 * than {@code maxLineBytes} of one line: the rest of a longer line is skipped and the line is reported too long,
 * so hostile input cannot exhaust memory. Like Netty's {@code LineBasedFrameDecoder} in discard mode.
 */
final class BoundedLineReader {

    /** Eight bytes of the buffer at a time, to find the end of a line a word at a time. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[8 * 1024];
    /** Where the current line starts in {@link #bytes()}: in the read buffer itself when it lies whole in it. */
    private byte[] current;
    private int offset;
    private int length;
    private boolean tooLong;
    private long number;

    BoundedLineReader(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Reads the next line; false at the end of input. */
    boolean next() throws IOException {
        length = 0;
        tooLong = false;
        current = line;
        offset = 0;
        boolean any = false;
        boolean first = true;
        while (true) {
            if (position == limit) {
                int n = in.read(buffer, 0, buffer.length);
                if (n <= 0) {
                    if (!any) {
                        return false;
                    }
                    break;
                }
                position = 0;
                limit = n;
            }
            any = true;
            int start = position;
            int end = newline(buffer, start, limit);
            if (first && end < limit && end - start <= maxLineBytes) {
                // The whole line is in the buffer: read it there, without a copy.
                current = buffer;
                offset = start;
                length = end - start;
                position = end + 1;
                break;
            }
            first = false;
            position = end;
            append(start, end - start);
            if (position < limit) {
                position++;
                break;
            }
        }
        number++;
        if (current != buffer) {
            current = line; // append may have grown it
        }
        if (!tooLong && length > 0 && current[offset + length - 1] == '\r') {
            length--;
        }
        return true;
    }

    /** The index of the first {@code \n} in {@code bytes[from, to)}, or {@code to}. */
    private static int newline(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i) ^ NEWLINES;
            long found = (word - LOW_BITS) & ~word & HIGH_BITS; // a high bit for each zero byte, the first exact
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        while (i < to && bytes[i] != '\n') {
            i++;
        }
        return i;
    }
    private void append(int start, int n) {
        if (tooLong || n == 0) {
            return;
        }
        if ((long) length + n > maxLineBytes) {
            tooLong = true;
            return;
        }
        if (length + n > line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, Math.max(line.length * 2, length + n)));
        }
        System.arraycopy(buffer, start, line, length, n);
        length += n;
    }

    long number() {
        return number;
    }

    boolean tooLong() {
        return tooLong;
    }

    /** The current line is {@code bytes()[offset(), offset() + length())}, valid until the next {@link #next()}. */
    byte[] bytes() {
        return current;
    }

    int offset() {
        return offset;
    }

    int length() {
        return length;
    }

    boolean isBlank() {
        for (int i = offset; i < offset + length; i++) {
            byte b = current[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
