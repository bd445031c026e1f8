package io.vigil.ingest.decode;

import io.vigil.core.event.RawEvent;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.core.pipeline.Decoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Linux audit records ({@code type=SYSCALL msg=audit(1300385209.456:8846): key=value …}), codec {@code auditd}.
 *
 * <p>One kernel event is several records (SYSCALL, EXECVE, CWD, PATH, PROCTITLE…) sharing the serial in
 * {@code audit(time:serial)}. Decoders are stateless, so this one joins only the records that arrive in the same
 * raw event (a shipper that sends an event's lines together, a file upload): one event per serial, in order of
 * first appearance, with {@code audit.records} listing every record and the fields of all records merged at
 * the top level (the first record's value wins, so SYSCALL's {@code uid}/{@code exe} stand). Records of one
 * serial that arrive in separate raw events stay separate events carrying the same {@code audit.serial};
 * detection groups them by it (a Sigma correlation or a rule on a single record), which is where windows and
 * state belong. A line that is not an audit record ({@code type=UNKNOWN[1329] msg=?}, a truncated line) is
 * {@link DecodeResult.Rejected rejected}: the pipeline keeps it in the failure store with its line number while
 * the records around it decode; a raw event without any audit record fails, raw bytes kept. auditd's own
 * {@code DAEMON_*} records may have a space instead of {@code ':'} after {@code audit(time:serial)}; both are read.
 */
public final class AuditdDecoder implements Decoder {

    public static final String CODEC = "auditd";

    private static final String EXPECTED = "expected 'type=<TYPE> msg=audit(<time>:<serial>): …'";

    private final DecoderLimits limits;

    public AuditdDecoder(DecoderLimits limits) {
        this.limits = limits;
    }

    @Override
    public String codec() {
        return CODEC;
    }

    @Override
    public DecodeResult decode(RawEvent raw) {
        try {
            String text = Text.of(raw, limits);
            Fields fields = new Fields(limits);
            Map<String, Map<String, Object>> bySerial = new LinkedHashMap<>();
            int lineNo = 0;
            List<DecodeResult.Rejected> rejected = new ArrayList<>();
            for (String line : text.split("\r?\n", -1)) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> record = fields.map();
                String[] header = header(line, record, fields);
                if (header == null) {
                    rejected.add(new DecodeResult.Rejected("line " + lineNo + " is not an audit record: " + EXPECTED,
                            line.getBytes(StandardCharsets.UTF_8)));
                    continue;
                }
                Map<String, Object> event = bySerial.computeIfAbsent(header[1], serial -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    fields.put(e, "audit.serial", Long.parseLong(serial));
                    fields.put(e, "audit.time", time(header[0]));
                    fields.put(e, "audit.records", new ArrayList<Map<String, Object>>());
                    return e;
                });
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> records = (List<Map<String, Object>>) event.get("audit.records");
                fields.spend();
                records.add(record);
                record.forEach((k, v) -> {
                    if (!event.containsKey(k)) {
                        fields.put(event, k, v);
                    }
                });
            }
            if (bySerial.isEmpty()) {
                return new DecodeResult.Failed("no audit record in the event: " + EXPECTED);
            }
            List<Map<String, Object>> events = new ArrayList<>();
            for (Map<String, Object> event : bySerial.values()) {
                Map<String, Object> marker = new LinkedHashMap<>();
                marker.put("format", "auditd");
                marker.put("payload", "kv");
                marker.put("family", "linux-auditd");
                fields.put(event, "_vigil", marker);
                events.add(event);
            }
            return new DecodeResult.Decoded(events, rejected);
        } catch (LimitExceeded e) {
            return new DecodeResult.Failed(e.getMessage());
        }
    }

    /** Reads {@code [node=… ]type=T msg=audit(S.ms:N): rest} into {@code record}; returns {time, serial} or null. */
    static String[] header(String line, Map<String, Object> record, Fields fields) {
        int type = line.indexOf("type=");
        int msg = line.indexOf(" msg=audit(", Math.max(type, 0));
        if (type < 0 || msg < 0 || msg - type > 64) {
            return null;
        }
        // Kernel records put ':' after the stamp; auditd's own DAEMON_* records may put a space instead.
        int close = line.indexOf(')', msg);
        if (close < 0 || close - msg > 48 || close + 1 < line.length() && line.charAt(close + 1) != ':'
                && line.charAt(close + 1) != ' ') {
            return null;
        }
        String stamp = line.substring(msg + 11, close);
        int colon = stamp.indexOf(':');
        if (colon < 0 || !stamp.substring(colon + 1).matches("\\d{1,19}") || !stamp.substring(0, colon).matches("\\d{1,12}(\\.\\d{1,9})?")) {
            return null;
        }
        if (type > 0) {
            KeyValues.WHITESPACE_EQUALS.parse(line.substring(0, type), fields, record);
        }
        fields.put(record, "type", line.substring(type + 5, msg));
        KeyValues.WHITESPACE_EQUALS.parse(line.substring(Math.min(close + 2, line.length())), fields, record);
        Object title = record.get("proctitle");
        if (title instanceof String hex && hex.length() % 2 == 0 && hex.length() >= 2 && hex.matches("[0-9A-Fa-f]+")) {
            fields.put(record, "proctitle", unhex(hex));
        }
        return new String[] {stamp.substring(0, colon), stamp.substring(colon + 1)};
    }

    private static String time(String epoch) {
        int dot = epoch.indexOf('.');
        long seconds = Long.parseLong(dot < 0 ? epoch : epoch.substring(0, dot));
        long millis = dot < 0 ? 0 : Long.parseLong((epoch.substring(dot + 1) + "000").substring(0, 3));
        return Instant.ofEpochSecond(seconds).plusMillis(millis).toString();
    }

    /** proctitle is the command line in hex with NUL between arguments. */
    private static String unhex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int b = Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
            bytes[i] = (byte) (b == 0 ? ' ' : b);
        }
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8).strip();
    }
}
