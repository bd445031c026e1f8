package io.vigil.ingest.decode;

import io.vigil.core.event.RawEvent;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.core.pipeline.Decoder;
import io.vigil.ingest.normalize.Timestamps;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * One syslog message: RFC 5424 (with structured data), RFC 3164 and its common variants (no PRI, a year or an
 * ISO-8601 time stamp in place of {@code Mmm dd hh:mm:ss}, no host name), or a bare message without any header.
 * The header goes to {@code syslog.*} fields, the message to {@code message}; the message is then read by
 * {@link Payload} (CEF, LEEF, JSON, a vendor family, key=value). {@code _vigil} tells what was found.
 *
 * <p>RFC 3164 time stamps carry neither year nor zone: {@code syslog.time} takes the year that puts the time
 * closest before the receive time (a December message received in January is last year's) and UTC.
 */
public final class SyslogDecoder implements Decoder {

    public static final String CODEC = "syslog";
    private static final String[] SEVERITIES = {"emergency", "alert", "critical", "error", "warning", "notice",
        "informational", "debug"};
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private final DecoderLimits limits;
    private final Payload payload;

    public SyslogDecoder(DecoderLimits limits, DecoderDefinitions definitions) {
        this.limits = limits;
        this.payload = new Payload(definitions, new JsonDecoder(limits));
    }

    @Override
    public String codec() {
        return CODEC;
    }

    @Override
    public DecodeResult decode(RawEvent raw) {
        try {
            String text = Text.of(raw, limits);
            if (text.isBlank()) {
                return new DecodeResult.Failed("empty syslog message");
            }
            Fields fields = new Fields(limits);
            Map<String, Object> event = fields.eventMap();
            Cursor c = new Cursor(text);
            pri(c, fields, event);
            String format;
            if (rfc5424(c, fields, event)) {
                format = "rfc5424";
            } else if (rfc3164(c, raw, fields, event)) {
                format = "rfc3164";
            } else {
                format = event.containsKey("syslog.priority") ? "rfc3164" : "message";
            }
            String message = c.rest();
            if (!message.isEmpty() && message.charAt(0) == '\uFEFF') {
                message = message.substring(1);
            }
            fields.put(event, "message", message);
            Payload.Found found = payload.read(message, raw, fields, event);
            fields.put(event, "_vigil", Payload.marker(format, found));
            return DecodeResult.Decoded.one(event);
        } catch (LimitExceeded e) {
            return new DecodeResult.Failed(e.getMessage());
        }
    }

    private static void pri(Cursor c, Fields fields, Map<String, Object> event) {
        if (!c.at('<')) {
            return;
        }
        int end = c.text.indexOf('>', c.i);
        if (end < c.i + 2 || end > c.i + 4) {
            return;
        }
        if (!isAnyDigits(c.text, c.i + 1, end)) {
            return;
        }
        int pri = Integer.parseInt(c.text, c.i + 1, end, 10);
        if (pri > 191) {
            return;
        }
        c.i = end + 1;
        fields.put(event, "syslog.priority", pri);
        fields.put(event, "syslog.facility", pri / 8);
        fields.put(event, "syslog.severity", pri % 8);
        fields.put(event, "syslog.severity_name", SEVERITIES[pri % 8]);
    }

    /** {@code VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]}. */
    private static boolean rfc5424(Cursor c, Fields fields, Map<String, Object> event) {
        int start = c.i;
        String version = c.token();
        if (version == null || version.isEmpty() || version.length() > 2 || !isAnyDigits(version, 0, version.length())) {
            c.i = start;
            return false;
        }
        String timestamp = c.token();
        if (timestamp == null || !(timestamp.equals("-") || isIsoTime(timestamp))) {
            c.i = start;
            return false;
        }
        String host = c.token();
        String app = c.token();
        String procid = c.token();
        String msgid = c.token();
        if (msgid == null) {
            c.i = start;
            return false;
        }
        fields.put(event, "syslog.version", Integer.parseInt(version));
        put(fields, event, "syslog.timestamp", timestamp);
        if (!timestamp.equals("-")) {
            String iso = iso(timestamp);
            if (iso != null) {
                fields.put(event, "syslog.time", iso);
            }
        }
        put(fields, event, "syslog.hostname", host);
        put(fields, event, "syslog.appname", app);
        put(fields, event, "syslog.procid", procid);
        put(fields, event, "syslog.msgid", msgid);
        if (c.at('-')) {
            c.i++;
        } else if (c.at('[')) {
            int before = c.i;
            Map<String, Object> sd = fields.map();
            if (structuredData(c, fields, sd)) {
                fields.put(event, "syslog.sd", sd);
                // Parameters also at the top level (first wins), where vendor families and rules look for them.
                for (Object params : sd.values()) {
                    ((Map<?, ?>) params).forEach((k, v) -> fields.putNew(event, (String) k, v));
                }
            } else {
                // Not RFC 5424 structured data (Check Point writes [key:"value"; …] here): it stays in the message.
                c.i = before;
            }
        }
        if (c.at(' ')) {
            c.i++;
        }
        return true;
    }

    private static boolean structuredData(Cursor c, Fields fields, Map<String, Object> sd) {
        String t = c.text;
        while (c.at('[')) {
            c.i++;
            int idStart = c.i;
            while (c.i < t.length() && " ]=\"".indexOf(t.charAt(c.i)) < 0) {
                c.i++;
            }
            if (c.i == idStart || c.i - idStart > 32 || c.i >= t.length()) {
                return false;
            }
            Map<String, Object> params = fields.map();
            fields.put(sd, t.substring(idStart, c.i), params);
            while (c.at(' ')) {
                c.i++;
                int nameStart = c.i;
                while (c.i < t.length() && " ]=\"".indexOf(t.charAt(c.i)) < 0) {
                    c.i++;
                }
                if (c.i == nameStart || c.i - nameStart > 32 || !c.at('=') || c.i + 1 >= t.length()
                        || t.charAt(c.i + 1) != '"') {
                    return false;
                }
                String name = t.substring(nameStart, c.i);
                c.i += 2;
                StringBuilder value = new StringBuilder();
                while (c.i < t.length() && t.charAt(c.i) != '"') {
                    char ch = t.charAt(c.i++);
                    if (ch == '\\' && c.i < t.length() && "\"\\]".indexOf(t.charAt(c.i)) >= 0) {
                        ch = t.charAt(c.i++);
                    }
                    value.append(ch);
                }
                if (c.i >= t.length()) {
                    return false;
                }
                c.i++;
                fields.put(params, name, value.toString());
            }
            if (!c.at(']')) {
                return false;
            }
            c.i++;
        }
        return true;
    }

    /** {@code Mmm dd hh:mm:ss}, {@code Mmm dd yyyy hh:mm:ss} or an ISO time, then host and tag, both optional. */
    private static boolean rfc3164(Cursor c, RawEvent raw, Fields fields, Map<String, Object> event) {
        int start = c.i;
        String t = c.text;
        String stamp = null;
        String iso = null;
        if (t.length() >= c.i + 20 && t.charAt(c.i + 4) == ' ' && isAnyDigits(t, c.i, c.i + 4)
                && MONTHS.contains(t.substring(c.i + 5, c.i + 8))) {
            c.i += 5; // "2018 Apr 09 16:03:11": a relay's year in front of an RFC 3164 time stamp
        }
        if (t.length() >= c.i + 15 && MONTHS.contains(t.substring(c.i, c.i + 3)) && t.charAt(c.i + 3) == ' ') {
            int month = MONTHS.indexOf(t.substring(c.i, c.i + 3)) / 3 + 1;
            c.i += 4;
            String day = c.token();
            String next = c.token();
            String year = null;
            if (next != null && next.length() == 4 && isAnyDigits(next, 0, 4)) {
                year = next;
                next = c.token();
            }
            if (day == null || next == null || !isDay(day) || !isClock(next)) {
                c.i = start;
                return false;
            }
            stamp = t.substring(start, c.i).strip();
            iso = legacyTime(month, Integer.parseInt(day), next, year, raw);
        } else {
            String token = c.token();
            if (token != null && token.length() == 10 && token.charAt(4) == '-' && token.charAt(7) == '-') {
                int beforeClock = c.i;
                String clock = c.token();
                if (clock != null && clock.length() >= 8 && clock.charAt(2) == ':' && clock.charAt(5) == ':') {
                    token = token + "T" + clock;
                } else {
                    c.i = beforeClock;
                }
            }
            if (token != null && isIsoTime(token)) {
                stamp = token;
                iso = iso(token);
            } else {
                c.i = start;
                return false;
            }
        }
        put(fields, event, "syslog.timestamp", stamp);
        if (iso != null) {
            fields.put(event, "syslog.time", iso);
        }
        int afterStamp = c.i;
        String first = c.token();
        if (first == null) {
            c.i = afterStamp;
            return true;
        }
        if (isTag(first)) {
            tag(first, fields, event);
            skipSpace(c);
            return true;
        }
        if (first.startsWith("%") || first.indexOf('=') >= 0) {
            c.i = afterStamp;
            skipSpace(c);
            return true;
        }
        put(fields, event, "syslog.hostname", first);
        int afterHost = c.i;
        String second = c.token();
        if (second != null && second.equals(":")) {
            skipSpace(c);
        } else if (second != null && isTag(second)) {
            tag(second, fields, event);
            skipSpace(c);
        } else {
            c.i = afterHost;
            skipSpace(c);
        }
        return true;
    }

    private static void tag(String tag, Fields fields, Map<String, Object> event) {
        String body = tag.substring(0, tag.length() - 1);
        int bracket = body.indexOf('[');
        if (bracket > 0 && body.endsWith("]")) {
            fields.put(event, "syslog.appname", body.substring(0, bracket));
            fields.put(event, "syslog.procid", body.substring(bracket + 1, body.length() - 1));
        } else {
            fields.put(event, "syslog.appname", body);
        }
    }

    private static boolean isTag(String token) {
        if (token.length() < 2 || token.length() > 64 || !token.endsWith(":")) {
            return false;
        }
        for (int i = 0; i < token.length() - 1; i++) {
            char ch = token.charAt(i);
            if (!(Character.isLetterOrDigit(ch) || "_-./()[]@".indexOf(ch) >= 0)) {
                return false;
            }
        }
        return Character.isLetter(token.charAt(0)) || token.charAt(0) == '/';
    }

    private static boolean isIsoTime(String token) {
        return token.length() >= 19 && token.length() <= 40 && token.charAt(4) == '-' && token.charAt(10) == 'T'
                && Character.isDigit(token.charAt(0));
    }

    private static String iso(String token) {
        String utc = Timestamps.isoUtcText(token); // the common UTC form, without parser or formatter
        if (utc != null) {
            return utc;
        }
        int n = token.length();
        if (n > 5 && (token.charAt(n - 5) == '+' || token.charAt(n - 5) == '-')
                && isAnyDigits(token, n - 4, n)) {
            token = token.substring(0, n - 2) + ":" + token.substring(n - 2); // -0700 → -07:00
        }
        try {
            return OffsetDateTime.parse(token).toInstant().toString();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(token).toInstant(ZoneOffset.UTC).toString();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** {@code \\d{1,2}}. */
    private static boolean isDay(String day) {
        return (day.length() == 1 || day.length() == 2) && isDigits(day, 0, day.length());
    }

    /** {@code \\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?}. */
    private static boolean isClock(String clock) {
        int n = clock.length();
        return (n == 8 || n >= 10 && n <= 15 && clock.charAt(8) == '.' && isDigits(clock, 9, n))
                && isDigits(clock, 0, 2) && clock.charAt(2) == ':' && isDigits(clock, 3, 5) && clock.charAt(5) == ':'
                && isDigits(clock, 6, 8);
    }

    /** Whether every character in the range is a digit of any script ({@link Character#isDigit}). */
    private static boolean isAnyDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    /** The time of a {@code hh:mm:ss[.f]} clock ({@link #isClock}) on a day, or an exception when there is none. */
    private static LocalDateTime at(int year, int month, int day, String clock) {
        if (year > 9999) {
            throw new java.time.DateTimeException("year beyond 9999"); // what ISO parsing without a sign did
        }
        int nanos = 0;
        if (clock.length() > 8) {
            String fraction = (clock.substring(9) + "00000000").substring(0, 9);
            nanos = Integer.parseInt(fraction);
        }
        return LocalDateTime.of(year, month, day, Integer.parseInt(clock.substring(0, 2)),
                Integer.parseInt(clock.substring(3, 5)), Integer.parseInt(clock.substring(6, 8)), nanos);
    }

    private static String legacyTime(int month, int day, String clock, String year, RawEvent raw) {
        try {
            LocalDateTime received = LocalDateTime.ofInstant(raw.receivedAt(), ZoneOffset.UTC);
            int y = year != null ? Integer.parseInt(year) : received.getYear();
            LocalDateTime at = at(y, month, day, clock);
            if (year == null && at.isAfter(received.plusDays(1))) {
                at = at.minusYears(1);
            }
            return at.toInstant(ZoneOffset.UTC).toString();
        } catch (java.time.DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static void put(Fields fields, Map<String, Object> event, String key, String value) {
        if (value != null && !value.equals("-")) {
            fields.put(event, key, value);
        }
    }

    private static void skipSpace(Cursor c) {
        while (c.at(' ')) {
            c.i++;
        }
    }

    /** A position in the message; tokens are separated by single or repeated spaces. */
    private static final class Cursor {
        final String text;
        int i;

        Cursor(String text) {
            this.text = text;
        }

        boolean at(char ch) {
            return i < text.length() && text.charAt(i) == ch;
        }

        String token() {
            while (at(' ')) {
                i++;
            }
            if (i >= text.length()) {
                return null;
            }
            int start = i;
            int space = text.indexOf(' ', i); // a vectorised search rather than a loop over charAt
            i = space < 0 ? text.length() : space;
            String token = text.substring(start, i);
            if (at(' ')) {
                i++;
            }
            return token;
        }

        String rest() {
            return i >= text.length() ? "" : text.substring(i);
        }
    }
}
