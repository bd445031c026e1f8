package io.vigil.store.search;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.error.PermanentException;
import io.vigil.core.event.Event;
import io.vigil.core.event.EventId;
import io.vigil.core.event.SourceRef;
import io.vigil.core.tenant.TenantId;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;

/**
 * Turns an event into a Lucene document and back. Every scalar of the common fields and of the decoded fields
 * (flattened to dotted paths; list items share their list's path) is indexed as a keyword; numbers also as a
 * number, IP literals also as an IP; every string is also a value of the free-text field, split into words by
 * {@link TextAnalyzer}. The whole event is stored
 * ({@code _source} as JSON, {@code _raw} as bytes) so that a search returns the event as it was processed.
 */
final class EventDocuments {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    /** Free text indexed per event and per value: enough for any real log line, bounded for hostile ones. */
    private static final int MAX_TEXT_CHARS = 64 * 1024;
    private static final int MAX_TEXT_VALUE_CHARS = 8192;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final ObjectMapper json;
    private final SearchLimits limits;

    EventDocuments(ObjectMapper json, SearchLimits limits) {
        this.json = json;
        this.limits = limits;
    }

    static Term idTerm(EventId id) {
        return new Term(Fields.ID, id.toString());
    }

    Document document(Event event) {
        Document doc = new Document();
        String id = event.id().toString();
        doc.add(new StringField(Fields.ID, id, Field.Store.NO));
        doc.add(new SortedDocValuesField(Fields.ID, new BytesRef(id)));
        long millis = event.time().toEpochMilli();
        doc.add(new LongPoint(Fields.TIME, millis));
        doc.add(new NumericDocValuesField(Fields.TIME, millis));
        doc.add(new StoredField(Fields.SOURCE, source(event)));
        doc.add(new StoredField(Fields.RAW, event.raw()));
        int[] budget = {limits.maxFieldsPerEvent()};
        int[] text = {MAX_TEXT_CHARS};
        scalar(doc, "source.input", event.source().input(), budget, text);
        scalar(doc, "source.name", event.source().name(), budget, text);
        scalar(doc, "source.codec", event.source().codec(), budget, text);
        for (Map.Entry<String, Object> common : event.common().entrySet()) {
            if (!common.getKey().equals(Fields.USER_TIME)) {
                value(doc, common.getKey(), common.getValue(), budget, text, 0);
            }
        }
        for (Map.Entry<String, Object> field : event.fields().entrySet()) {
            value(doc, field.getKey(), field.getValue(), budget, text, 0);
        }
        return doc;
    }

    private void value(Document doc, String path, Object value, int[] budget, int[] text, int depth) {
        if (value == null || budget[0] <= 0 || depth > 32) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                value(doc, path + "." + entry.getKey(), entry.getValue(), budget, text, depth + 1);
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                value(doc, path, item, budget, text, depth + 1);
            }
        } else {
            scalar(doc, path, value, budget, text);
        }
    }

    private void scalar(Document doc, String path, Object value, int[] budget, int[] text) {
        if (budget[0]-- <= 0) {
            return;
        }
        String string = String.valueOf(value);
        if (value instanceof String s) {
            if (text[0] > 0 && !s.isEmpty()) {
                // Each value is its own value of the free-text field: a phrase never spans two values.
                String words = s.length() > MAX_TEXT_VALUE_CHARS ? s.substring(0, MAX_TEXT_VALUE_CHARS) : s;
                text[0] -= words.length();
                doc.add(new TextField(Fields.TEXT, words, Field.Store.NO));
            }
            InetAddress ip = ipOf(s);
            if (ip != null) {
                doc.add(new InetAddressPoint(Fields.ip(path), ip));
            }
        } else if (value instanceof Number number) {
            doc.add(new DoublePoint(Fields.number(path), number.doubleValue()));
        }
        if (string.length() <= limits.maxKeywordChars()) {
            doc.add(new StringField(Fields.keyword(path), string.toLowerCase(Locale.ROOT), Field.Store.NO));
            doc.add(new SortedSetDocValuesField(Fields.keyword(path), new BytesRef(string)));
        }
    }

    /** The address an IP literal names, or null; never resolves a host name. */
    static InetAddress ipOf(String text) {
        boolean v4 = IPV4.matcher(text).matches();
        if (!v4 && !(text.indexOf(':') >= 0 && IPV6.matcher(text).matches())) {
            return null;
        }
        if (v4) {
            for (String octet : text.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return null;
                }
            }
        }
        try {
            // A literal (checked above): getByName parses it and never asks DNS.
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException | RuntimeException e) {
            return null;
        }
    }

    private byte[] source(Event event) {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("id", event.id().toString());
        source.put("tenant", event.tenant().toString());
        source.put("input", event.source().input());
        source.put("name", event.source().name());
        source.put("codec", event.source().codec());
        source.put("time", event.time().toString());
        source.put("receivedAt", event.receivedAt().toString());
        source.put("fields", event.fields());
        source.put("common", event.common());
        try {
            return json.writeValueAsBytes(source);
        } catch (IOException e) {
            throw new PermanentException("event " + event.id() + " of tenant " + event.tenant()
                    + " cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    Event event(Document doc) {
        try {
            Map<String, Object> source = json.readValue(doc.getBinaryValue(Fields.SOURCE).bytes, MAP);
            BytesRef raw = doc.getBinaryValue(Fields.RAW);
            return new Event(EventId.parse((String) source.get("id")), TenantId.of((String) source.get("tenant")),
                    new SourceRef((String) source.get("input"), (String) source.get("name"), (String) source.get("codec")),
                    Instant.parse((String) source.get("time")), Instant.parse((String) source.get("receivedAt")),
                    (Map<String, Object>) source.get("fields"), (Map<String, Object>) source.get("common"),
                    raw == null ? new byte[0] : java.util.Arrays.copyOfRange(raw.bytes, raw.offset, raw.offset + raw.length));
        } catch (IOException | RuntimeException e) {
            throw new PermanentException("a stored event cannot be read: " + e.getMessage(), e);
        }
    }
}
