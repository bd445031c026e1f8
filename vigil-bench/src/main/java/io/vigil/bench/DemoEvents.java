package io.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The realistic payload: every well-formed line of the demo bundle in vigil-content (Sysmon, Windows
 * Security, Suricata, Zeek, Okta, Entra ID, CloudTrail, Microsoft 365), in manifest order. Files the
 * manifest marks {@code malformed} are left out: a benchmark of the happy path must not be refused.
 */
record DemoEvents(List<byte[]> events) {

    static final String BUNDLE = "io/vigil/content/demo/";

    DemoEvents {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("no demo events");
        }
        events = List.copyOf(events);
    }

    static DemoEvents load() {
        ObjectMapper json = new ObjectMapper();
        List<byte[]> events = new ArrayList<>();
        try {
            JsonNode manifest = json.readTree(resource(BUNDLE + "manifest.json"));
            for (JsonNode tenant : manifest.path("tenants")) {
                for (JsonNode file : tenant.path("files")) {
                    if (file.path("malformed").asBoolean(false) || !"ndjson".equals(file.path("format").asText())) {
                        continue;
                    }
                    byte[] content = resource(BUNDLE + file.path("path").asText());
                    splitLines(content, events);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo bundle from vigil-content", e);
        }
        return new DemoEvents(events);
    }

    int size() {
        return events.size();
    }

    long totalBytes() {
        return events.stream().mapToLong(e -> e.length).sum();
    }

    /** Event {@code index} modulo the number of events, so callers can cycle through them. */
    byte[] event(long index) {
        return events.get((int) Math.floorMod(index, (long) events.size()));
    }

    /** {@code count} events from {@code first} on (cycling), one per line, each line ending in '\n'. */
    byte[] ndjson(long first, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(count * 1100);
        for (int i = 0; i < count; i++) {
            out.writeBytes(event(first + i));
            out.write('\n');
        }
        return out.toByteArray();
    }

    static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DemoEvents.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on the class path (is vigil-content a dependency?)");
            }
            return in.readAllBytes();
        }
    }

    private static void splitLines(byte[] content, List<byte[]> into) {
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n') {
                int end = i;
                while (end > start && (content[end - 1] == '\r' || content[end - 1] == ' ')) {
                    end--;
                }
                if (end > start) {
                    byte[] line = new byte[end - start];
                    System.arraycopy(content, start, line, 0, line.length);
                    into.add(line);
                }
                start = i + 1;
            }
        }
    }
}
