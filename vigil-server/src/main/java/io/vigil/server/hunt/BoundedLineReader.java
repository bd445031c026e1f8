package io.vigil.server.hunt;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Frames an input into {@code \n}-terminated lines (a trailing {@code \r} is dropped) without ever holding more
 * than {@code maxLineBytes} of one line: the rest of a longer line is skipped and the line is reported too long,
 * so hostile input cannot exhaust memory. Like Netty's {@code LineBasedFrameDecoder} in discard mode.
 */
final class BoundedLineReader {

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[8 * 1024];
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
        boolean any = false;
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
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            append(start, position - start);
            if (position < limit) {
                position++;
                break;
            }
        }
        number++;
        if (!tooLong && length > 0 && line[length - 1] == '\r') {
            length--;
        }
        return true;
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

    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    boolean isBlank() {
        for (int i = 0; i < length; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
