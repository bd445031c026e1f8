package io.vigil.ingest.journal;

import io.vigil.core.event.RawEvent;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Reads frames of one segment file through a reusable window, with positional reads of up to the
 * window's size so that small records cost no syscall each. Never reads past the limit it is given:
 * bytes beyond the durable end may still change.
 */
final class FrameReader {

    static final int WINDOW_BYTES = 256 << 10;

    private FileChannel channel;
    private ByteBuffer window = ByteBuffer.allocateDirect(WINDOW_BYTES).limit(0);
    private long windowStart;

    FrameReader(FileChannel channel) {
        this.channel = channel;
    }

    /** Reads another segment from now on, keeping the window's memory. Does not close the old channel. */
    void reset(FileChannel next) {
        channel = next;
        window.clear().limit(0);
        windowStart = 0;
    }

    /** What starts at byte {@code offset} of the segment, looking no further than {@code limit}. */
    Frame frameAt(long offset, long limit) throws IOException {
        if (limit - offset < RecordFormat.HEADER_BYTES) {
            return new Frame.Torn(offset);
        }
        int at = load(offset, RecordFormat.HEADER_BYTES, limit);
        if (window.get(at) != RecordFormat.MAGIC) {
            return new Frame.Garbage(offset, String.format("magic/version byte 0x%02x", window.get(at) & 0xFF));
        }
        int length = window.getInt(at + 1);
        if (!RecordFormat.plausibleLength(length)) {
            return new Frame.Garbage(offset, "implausible length " + length);
        }
        if (offset + RecordFormat.HEADER_BYTES + length > limit) {
            return new Frame.Torn(offset);
        }
        return new Frame.Complete(offset, length, window.getInt(at + 5));
    }

    boolean crcMatches(Frame.Complete frame) throws IOException {
        int at = load(frame.offset(), frame.size(), frame.end());
        return RecordFormat.crc(window, at + RecordFormat.HEADER_BYTES, frame.length()) == frame.crc();
    }

    /** Decodes a frame whose checksum matched; see {@link RecordFormat#decode}. */
    RawEvent decode(Frame.Complete frame) throws IOException {
        int at = load(frame.offset(), frame.size(), frame.end());
        return RecordFormat.decode(window, at + RecordFormat.HEADER_BYTES, frame.length());
    }

    /** A copy of bytes {@code from} to {@code to}, for handing corrupt bytes on. */
    byte[] copy(long from, long to) throws IOException {
        byte[] bytes = new byte[Math.toIntExact(to - from)];
        ByteBuffer target = ByteBuffer.wrap(bytes);
        readFully(target, from);
        return bytes;
    }

    FileChannel channel() {
        return channel;
    }

    /** Makes bytes {@code [from, from + length)} available in the window and returns where they start. */
    private int load(long from, int length, long limit) throws IOException {
        long windowEnd = windowStart + window.limit();
        if (from >= windowStart && from + length <= windowEnd) {
            return (int) (from - windowStart);
        }
        if (length > window.capacity()) {
            window = ByteBuffer.allocateDirect(Math.max(length, window.capacity() * 2));
        }
        window.clear().limit((int) Math.min(window.capacity(), limit - from));
        try {
            readFully(window, from);
        } catch (IOException e) {
            window.clear().limit(0);
            throw e;
        }
        window.flip();
        windowStart = from;
        return 0;
    }

    private void readFully(ByteBuffer target, long from) throws IOException {
        long at = from;
        while (target.hasRemaining()) {
            int n = channel.read(target, at);
            if (n < 0) {
                throw new EOFException("segment ends at byte " + at + " before the expected " + (from + target.limit()));
            }
            at += n;
        }
    }

    /** What a segment holds at some byte offset. */
    sealed interface Frame {

        long offset();

        /** A record with a plausible header, all of whose bytes are present. */
        record Complete(long offset, int length, int crc) implements Frame {

            int size() {
                return RecordFormat.HEADER_BYTES + length;
            }

            long end() {
                return offset + size();
            }
        }

        /** A header or payload that runs past the end: what a write interrupted by a crash leaves. */
        record Torn(long offset) implements Frame {
        }

        /** Bytes that cannot be the start of a record. */
        record Garbage(long offset, String reason) implements Frame {
        }
    }
}
