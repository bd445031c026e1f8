package io.vigil.ingest.decode;

import io.vigil.core.event.RawEvent;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.core.pipeline.Decoder;

/**
 * Detects the format of each event (codec {@code auto}): a JSON object, a Zeek TSV log (its {@code #separator}
 * header), a bare CEF or LEEF record, else syslog (which itself recognises RFC 5424, RFC 3164, a header-less
 * message and CEF/LEEF/JSON/key=value/vendor payloads). The format found is recorded in {@code _vigil.format}
 * (the source-health registry shows it). A source whose {@link io.vigil.core.event.SourceRef#codec()} names a
 * codec other than {@code auto} is not detected at all: the named codec is the per-source override.
 */
public final class AutoDecoder implements Decoder {

    public static final String CODEC = "auto";

    private final JsonDecoder json;
    private final SyslogDecoder syslog;
    private final CefDecoder cef;
    private final LeefDecoder leef;
    private final Decoder zeek;

    AutoDecoder(JsonDecoder json, SyslogDecoder syslog, CefDecoder cef, LeefDecoder leef, Decoder zeek) {
        this.json = json;
        this.syslog = syslog;
        this.cef = cef;
        this.leef = leef;
        this.zeek = zeek;
    }

    @Override
    public String codec() {
        return CODEC;
    }

    @Override
    public DecodeResult decode(RawEvent raw) {
        byte[] b = raw.bytes();
        int i = 0;
        while (i < b.length && i < 64 && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n')) {
            i++;
        }
        if (i < b.length && b[i] == '{') {
            DecodeResult result = json.decode(raw);
            if (result instanceof DecodeResult.Decoded decoded) {
                return decoded;
            }
        }
        if (zeek != null && startsWith(b, i, "#separator")) {
            return zeek.decode(raw);
        }
        if (startsWith(b, i, "CEF:")) {
            return cef.decode(raw);
        }
        if (startsWith(b, i, "LEEF:")) {
            return leef.decode(raw);
        }
        return syslog.decode(raw);
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
