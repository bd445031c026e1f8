package io.vigil.ingest.decode;

import io.vigil.core.event.RawEvent;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.core.pipeline.Decoder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Detects the format of each event (codec {@code auto}): a JSON object, a Zeek TSV log (its {@code #separator}
 * header), a bare CEF or LEEF record, else syslog (which itself recognises RFC 5424, RFC 3164, a header-less
 * message and CEF/LEEF/JSON/key=value/vendor payloads). The format found is recorded in {@code _vigil.format}.
 *
 * <p>Detection is learned per source through {@link SourceFormats}: the format a source's last detected event had
 * ({@code json}, {@code csv.zeek}, {@code cef}, {@code leef} or {@code syslog}) is tried first for its next event,
 * and only when that decoder fails is the event detected from scratch (and the new format remembered). A source
 * whose codec is pinned, or declared as anything but {@code auto}, is not detected at all.
 */
public final class AutoDecoder implements Decoder {

    public static final String CODEC = "auto";

    private final JsonDecoder json;
    private final SyslogDecoder syslog;
    private final CefDecoder cef;
    private final LeefDecoder leef;
    private final Decoder zeek;
    /** Detectable formats by name, in the order detection tries them. */
    private final Map<String, Decoder> formats = new LinkedHashMap<>();
    private final SourceFormats learned;

    AutoDecoder(JsonDecoder json, SyslogDecoder syslog, CefDecoder cef, LeefDecoder leef, Decoder zeek) {
        this(json, syslog, cef, leef, zeek, SourceFormats.NONE);
    }

    private AutoDecoder(JsonDecoder json, SyslogDecoder syslog, CefDecoder cef, LeefDecoder leef, Decoder zeek,
                        SourceFormats learned) {
        this.json = json;
        this.syslog = syslog;
        this.cef = cef;
        this.leef = leef;
        this.zeek = zeek;
        this.learned = Objects.requireNonNull(learned, "learned");
        for (Decoder decoder : new Decoder[] {json, zeek, cef, leef, syslog}) {
            if (decoder != null) {
                formats.put(decoder.codec(), decoder);
            }
        }
    }

    /** The same detection, learning per source in {@code learned}. */
    AutoDecoder learningIn(SourceFormats learned) {
        return new AutoDecoder(json, syslog, cef, leef, zeek, learned);
    }

    /** Whether detection reads and records per-source state (not with {@link SourceFormats#NONE}). */
    boolean learns() {
        return learned != SourceFormats.NONE;
    }

    @Override
    public String codec() {
        return CODEC;
    }

    @Override
    public DecodeResult decode(RawEvent raw) {
        String known = learned.detected(raw.tenant(), raw.source());
        Decoder first = known == null ? null : formats.get(known);
        if (first != null) {
            DecodeResult result = first.decode(raw);
            if (result instanceof DecodeResult.Decoded) {
                return result;
            }
        }
        Detection detection = detect(raw);
        if (detection.result() instanceof DecodeResult.Decoded && !detection.format().equals(known)) {
            learned.detect(raw.tenant(), raw.source(), detection.format());
        }
        return detection.result();
    }

    private record Detection(String format, DecodeResult result) {
    }

    /** Decodes with what the event's first bytes call for; JSON that does not parse falls through to the others. */
    private Detection detect(RawEvent raw) {
        byte[] b = raw.bytes();
        int i = 0;
        while (i < b.length && i < 64 && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        if (i < b.length && b[i] == '{') {
            DecodeResult result = json.decode(raw);
            if (result instanceof DecodeResult.Decoded) {
                return new Detection(json.codec(), result);
            }
        }
        Decoder decoder = syslog;
        if (zeek != null && startsWith(b, i, "#separator")) {
            decoder = zeek;
        } else if (startsWith(b, i, "CEF:")) {
            decoder = cef;
        } else if (startsWith(b, i, "LEEF:")) {
            decoder = leef;
        }
        return new Detection(decoder.codec(), decoder.decode(raw));
    }

    private static boolean startsWith(byte[] b, int from, String prefix) {
        if (b.length - from < prefix.length()) {
            return false;
        }
        for (int k = 0; k < prefix.length(); k++) {
            if (b[from + k] != prefix.charAt(k)) {
                return false;
            }
        }
        return true;
    }
}
