package io.vigil.ingest.decode;

import io.vigil.core.event.RawEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Raw bytes to text for the line-oriented decoders. */
final class Text {

    private Text() {
    }

    /**
     * The event as text: size-checked before anything is allocated, a UTF-8 byte-order mark dropped, trailing
     * line ends and NULs (some senders terminate frames with them) removed. Bytes that are not UTF-8 are read as
     * ISO-8859-1, which never fails: old devices send Latin-1 and the raw bytes are kept anyway.
     */
    static String of(RawEvent raw, DecoderLimits limits) {
        byte[] bytes = raw.bytes();
        if (bytes.length > limits.maxEventBytes()) {
            throw new LimitExceeded("event of " + bytes.length + " bytes is larger than " + limits.maxEventBytes());
        }
        int from = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        int to = bytes.length;
        while (to > from && (bytes[to - 1] == '\n' || bytes[to - 1] == '\r' || bytes[to - 1] == 0)) {
            to--;
        }
        // Nearly every line is ASCII. The String constructor checks that with a vectorised intrinsic; its result has
        // one character per byte and no U+FFFD only when every byte is ASCII (a valid multi-byte sequence shortens
        // it, any other non-ASCII byte becomes U+FFFD), and is then what the strict decoder below would return.
        String fast = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        if (fast.length() == to - from && fast.indexOf('\uFFFD') < 0) {
            return fast;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
        }
    }
}
