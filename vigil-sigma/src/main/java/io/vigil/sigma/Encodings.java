package io.vigil.sigma;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The value transformations of the encoding modifiers and windash; callers bound the combinations. */
final class Encodings {

    /** Hyphen-minus, slash, en dash, em dash, horizontal bar: the spec's windash set. */
    private static final char[] DASHES = {'-', '/', '\u2013', '\u2014', '\u2015'};

    private Encodings() {
    }

    static byte[] utf16(String text, Modifier modifier) {
        return switch (modifier) {
            case UTF16BE -> text.getBytes(StandardCharsets.UTF_16BE);
            case UTF16 -> {
                byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
                byte[] withMark = new byte[body.length + 2];
                withMark[0] = (byte) 0xFF;
                withMark[1] = (byte) 0xFE;
                System.arraycopy(body, 0, withMark, 2, body.length);
                yield withMark;
            }
            default -> text.getBytes(StandardCharsets.UTF_16LE);
        };
    }

    /**
     * The three encodings of a value at byte offsets 0, 1 and 2 inside a longer base64 text, with the characters
     * that depend on neighbouring bytes cut off (as pySigma does), to be used with contains.
     */
    static List<String> base64Offsets(byte[] value) {
        int[] startOffsets = {0, 2, 3};
        int[] endTrims = {0, 3, 2};
        List<String> variants = new ArrayList<>(3);
        for (int shift = 0; shift < 3; shift++) {
            byte[] padded = new byte[value.length + shift];
            for (int i = 0; i < shift; i++) {
                padded[i] = ' ';
            }
            System.arraycopy(value, 0, padded, shift, value.length);
            String encoded = Base64.getEncoder().encodeToString(padded);
            int end = encoded.length() - endTrims[(value.length + shift) % 3];
            int start = startOffsets[shift];
            variants.add(end > start ? encoded.substring(start, end) : "");
        }
        return variants;
    }

    /** Every combination of the five dash characters at each dash position; null when over the limit. */
    static List<String> windash(String raw, int limit) {
        List<String> variants = new ArrayList<>();
        variants.add("");
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean dash = false;
            for (char d : DASHES) {
                dash |= c == d;
            }
            if (!dash) {
                variants.replaceAll(prefix -> prefix + c);
                continue;
            }
            if ((long) variants.size() * DASHES.length > limit) {
                return null;
            }
            List<String> next = new ArrayList<>(variants.size() * DASHES.length);
            for (String prefix : variants) {
                for (char d : DASHES) {
                    next.add(prefix + d);
                }
            }
            variants = next;
        }
        return variants;
    }
}
