package io.vigil.ingest.syslog;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts a syslog TCP or TLS stream into messages, choosing the framing per frame as rsyslog does: a frame
 * that starts with a digit followed by a space-terminated count is octet-counted (RFC 6587 §3.4.1, the
 * only framing of RFC 5425); anything else runs to the next line feed (RFC 6587 §3.4.2), with a trailing
 * CR dropped. Messages start with {@code <} (PRI), so the two cannot be confused for conforming senders.
 *
 * <p>Bounds: no frame longer than {@code maxFrameBytes} is ever buffered. A longer one is reported as
 * {@link SyslogFrame.Oversize} with its first bytes and skipped (to its declared end, or to the next line
 * feed), so the connection survives. A count of more than nine digits cannot be a length within any limit
 * and is read as the start of a line instead.
 */
final class SyslogFrameDecoder extends ByteToMessageDecoder {

    /** Longest digit run read as an octet count; ten digits would already exceed any sane limit. */
    static final int MAX_COUNT_DIGITS = 9;

    private final int maxFrameBytes;
    /** Bytes still to skip of an oversize octet-counted frame. */
    private long skipBytes;
    /** Skipping an oversize line up to its line feed. */
    private boolean skipLine;

    SyslogFrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes < 1) {
            throw new IllegalArgumentException("maxFrameBytes must be positive");
        }
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (skipBytes > 0) {
                int skip = (int) Math.min(skipBytes, in.readableBytes());
                in.skipBytes(skip);
                skipBytes -= skip;
                continue;
            }
            if (skipLine) {
                int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
                if (lf < 0) {
                    in.skipBytes(in.readableBytes());
                    return;
                }
                in.readerIndex(lf + 1);
                skipLine = false;
                continue;
            }
            int before = in.readerIndex();
            if (!frame(in, out)) {
                in.readerIndex(before);
                return;
            }
        }
    }

    /** Reads one frame (or skips blank line ends); false when more bytes are needed. */
    private boolean frame(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        byte first = in.getByte(start);
        if (first == '\n' || first == '\r' || first == 0) {
            in.skipBytes(1); // blank lines and NUL separators between frames
            return true;
        }
        if (first >= '0' && first <= '9') {
            int digits = 0;
            long length = 0;
            int i = start;
            while (i < in.writerIndex() && digits <= MAX_COUNT_DIGITS) {
                byte b = in.getByte(i);
                if (b < '0' || b > '9') {
                    break;
                }
                length = length * 10 + (b - '0');
                digits++;
                i++;
            }
            if (i == in.writerIndex() && digits <= MAX_COUNT_DIGITS) {
                return false; // the count is not complete yet
            }
            if (digits <= MAX_COUNT_DIGITS && in.getByte(i) == ' ' && length > 0) {
                return octetCounted(in, i + 1, length, out);
            }
        }
        return line(in, out);
    }

    private boolean octetCounted(ByteBuf in, int bodyStart, long length, List<Object> out) {
        if (length > maxFrameBytes) {
            int available = in.writerIndex() - bodyStart;
            int kept = (int) Math.min(available, Math.min(length, maxFrameBytes));
            byte[] head = new byte[kept];
            in.getBytes(bodyStart, head);
            in.readerIndex(bodyStart + kept);
            skipBytes = length - kept;
            out.add(new SyslogFrame.Oversize(head, length));
            return true;
        }
        if (in.writerIndex() - bodyStart < length) {
            return false;
        }
        byte[] bytes = new byte[(int) length];
        in.getBytes(bodyStart, bytes);
        in.readerIndex(bodyStart + (int) length);
        out.add(new SyslogFrame.Message(trimLineEnd(bytes)));
        return true;
    }

    private boolean line(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int searchEnd = Math.min(in.writerIndex(), start + maxFrameBytes + 2); // room for CR LF
        int lf = in.indexOf(start, searchEnd, (byte) '\n');
        if (lf < 0) {
            if (in.writerIndex() - start <= maxFrameBytes) {
                return false;
            }
            byte[] head = new byte[maxFrameBytes];
            in.getBytes(start, head);
            in.readerIndex(start + maxFrameBytes);
            skipLine = true;
            out.add(new SyslogFrame.Oversize(head, -1));
            return true;
        }
        int end = lf > start && in.getByte(lf - 1) == '\r' ? lf - 1 : lf;
        if (end - start > maxFrameBytes) {
            byte[] head = new byte[maxFrameBytes];
            in.getBytes(start, head);
            in.readerIndex(lf + 1);
            out.add(new SyslogFrame.Oversize(head, end - start));
            return true;
        }
        byte[] bytes = new byte[end - start];
        in.getBytes(start, bytes);
        in.readerIndex(lf + 1);
        out.add(new SyslogFrame.Message(bytes));
        return true;
    }

    /** Some senders end octet-counted frames with a line feed as well; it is not part of the message. */
    private static byte[] trimLineEnd(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        return end == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, end);
    }
}
