package io.vigil.ingest.journal;

import io.vigil.core.event.RawEvent;
import io.vigil.core.event.SourceRef;
import io.vigil.core.tenant.TenantId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;

/** Record framing and payload encoding, version 1 (the layout is documented in package-info). */
final class RecordFormat {

    static final byte MAGIC = (byte) 0xA1;
    static final int HEADER_BYTES = 1 + Integer.BYTES + Integer.BYTES;
    /** Payload bytes besides the UTF-8 source strings and the event bytes. */
    static final int FIXED_PAYLOAD_BYTES = 2 * Long.BYTES + 3 * Short.BYTES + Long.BYTES + Integer.BYTES + Integer.BYTES;
    /** Source strings are never empty, so no valid payload is shorter. */
    static final int MIN_PAYLOAD = FIXED_PAYLOAD_BYTES + 3;
    /**
     * A format constant, not the configured limit: a lower {@code maxRecordBytes} after a restart must
     * not turn records written under a higher one into garbage.
     */
    static final int MAX_PAYLOAD = 256 << 20;

    private RecordFormat() {
    }

    /**
     * Frames {@code events} back to back into one array, so that the caller's thread pays for encoding
     * and checksums and the writer only copies.
     */
    static byte[] encode(List<RawEvent> events, int maxRecordBytes) {
        byte[][] strings = new byte[events.size() * 3][];
        long total = 0;
        for (int i = 0; i < events.size(); i++) {
            RawEvent event = events.get(i);
            SourceRef source = event.source();
            strings[3 * i] = source.input().getBytes(StandardCharsets.UTF_8);
            strings[3 * i + 1] = source.name().getBytes(StandardCharsets.UTF_8);
            strings[3 * i + 2] = source.codec().getBytes(StandardCharsets.UTF_8);
            long payload = (long) FIXED_PAYLOAD_BYTES + strings[3 * i].length + strings[3 * i + 1].length
                    + strings[3 * i + 2].length + event.bytes().length;
            if (payload > maxRecordBytes) {
                throw new IllegalArgumentException("journal record of " + payload + " bytes (event of "
                        + event.bytes().length + " bytes) exceeds the limit of " + maxRecordBytes
                        + " bytes (maxRecordBytes)");
            }
            total += HEADER_BYTES + payload;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("journal append of " + total + " bytes exceeds one batch's limit of "
                    + (Integer.MAX_VALUE - 16) + " bytes; split the batch");
        }
        byte[] frames = new byte[(int) total];
        ByteBuffer out = ByteBuffer.wrap(frames);
        CRC32C crc = new CRC32C();
        for (int i = 0; i < events.size(); i++) {
            RawEvent event = events.get(i);
            int start = out.position();
            out.position(start + HEADER_BYTES);
            UUID tenant = event.tenant().value();
            out.putLong(tenant.getMostSignificantBits()).putLong(tenant.getLeastSignificantBits());
            putString(out, strings[3 * i]);
            putString(out, strings[3 * i + 1]);
            putString(out, strings[3 * i + 2]);
            out.putLong(event.receivedAt().getEpochSecond()).putInt(event.receivedAt().getNano());
            out.putInt(event.bytes().length).put(event.bytes());
            int length = out.position() - start - HEADER_BYTES;
            crc.reset();
            crc.update(frames, start + HEADER_BYTES, length);
            out.put(start, MAGIC).putInt(start + 1, length).putInt(start + 5, (int) crc.getValue());
        }
        return frames;
    }

    /** The payload length of the frame starting at {@code frames[at]}, a frame this class encoded. */
    static int payloadLength(byte[] frames, int at) {
        return ((frames[at + 1] & 0xFF) << 24) | ((frames[at + 2] & 0xFF) << 16)
                | ((frames[at + 3] & 0xFF) << 8) | (frames[at + 4] & 0xFF);
    }

    static boolean plausibleLength(int length) {
        return length >= MIN_PAYLOAD && length <= MAX_PAYLOAD;
    }

    static int crc(ByteBuffer buffer, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().clear().position(from).limit(from + length));
        return (int) crc.getValue();
    }

    /**
     * Decodes a payload whose checksum matched.
     *
     * @throws IllegalArgumentException when the payload does not hold exactly one valid event
     */
    static RawEvent decode(ByteBuffer buffer, int from, int length) {
        ByteBuffer in = buffer.duplicate().clear().position(from).limit(from + length);
        try {
            TenantId tenant = new TenantId(new UUID(in.getLong(), in.getLong()));
            SourceRef source = new SourceRef(getString(in), getString(in), getString(in));
            Instant receivedAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
            int size = in.getInt();
            if (size < 0 || size != in.remaining()) {
                throw new IllegalArgumentException("event length " + size + " does not match the "
                        + in.remaining() + " bytes left in the payload");
            }
            byte[] bytes = new byte[size];
            in.get(bytes);
            return new RawEvent(tenant, source, receivedAt, bytes);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            // BufferUnderflowException, DateTimeException: all mean the payload is not an event.
            throw new IllegalArgumentException("undecodable payload: " + e, e);
        }
    }

    private static void putString(ByteBuffer out, byte[] utf8) {
        out.putShort((short) utf8.length).put(utf8);
    }

    private static String getString(ByteBuffer in) {
        int length = Short.toUnsignedInt(in.getShort());
        byte[] utf8 = new byte[length];
        in.get(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
