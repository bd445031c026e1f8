package io.vigil.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.event.Event;
import io.vigil.core.event.EventId;
import io.vigil.core.event.SourceRef;
import io.vigil.core.search.TimeRange;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.search.LuceneEventStore;
import io.vigil.store.search.SearchLimits;
import io.vigil.testkit.FakeClock;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exports over a real event store: a complete export is only events; an export whose store fails after the first
 * page (the store is closed under it, as at shutdown) ends with an error record that no event line can be taken for.
 */
class EventExportTest {

    private static final TenantId TENANT = new TenantId(UUID.fromString("00000000-0000-0000-0000-0000000000e1"));
    private static final Instant T0 = Instant.parse("2025-03-10T10:00:00Z");
    private static final TimeRange DAY = new TimeRange(Instant.parse("2025-03-10T00:00:00Z"),
            Instant.parse("2025-03-11T00:00:00Z"));
    /** More than one page of the store's stream (1000 events). */
    private static final int EVENTS = 1500;

    @TempDir
    Path dir;
    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private LuceneEventStore store;

    @BeforeEach
    void fill() {
        store = new LuceneEventStore(dir, json, SearchLimits.DEFAULTS, 16, FakeClock.at("2025-03-10T12:00:00Z"));
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            batch.add(new Event(EventId.of("journal", i, 0), TENANT, new SourceRef("http", "fw", "json"),
                    T0.plusMillis(i), T0.plusMillis(i), Map.of("message", i == 7 ? "=cmd|' /C calc'!A0" : "line\n" + i),
                    Map.of("device.hostname", "ws-" + i), ("raw-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        store.write(batch);
        store.flush();
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A client that, after {@code lines} lines, makes the store fail the way a shutdown does: it closes it. */
    private final class ClosingStoreAfter extends StringWriter {

        private final int lines;
        private int seen;

        ClosingStoreAfter(int lines) {
            this.lines = lines;
        }

        @Override
        public void write(String text) {
            super.write(text);
            if (text.endsWith("\n") && ++seen == lines) {
                store.close();
            }
        }
    }

    @Test
    void aCompleteJsonLinesExportIsOnlyEvents() throws IOException {
        StringWriter out = new StringWriter();
        EventExport.Outcome outcome = new EventExport(json, EventExport.Format.JSONL, EventExport.DEFAULT_CSV_FIELDS)
                .write(store, TENANT, "", DAY, 10_000, out);

        assertThat(outcome).isEqualTo(new EventExport.Outcome(EVENTS, null));
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(EVENTS).noneMatch(line -> line.startsWith("{\"error\":"));
        assertThat(json.readTree(lines.getLast()).get("id").asText()).isEqualTo(EventId.of("journal", EVENTS - 1, 0).toString());
    }

    @Test
    void aJsonLinesExportThatFailsMidStreamEndsWithAnErrorRecord() throws IOException {
        ClosingStoreAfter out = new ClosingStoreAfter(1000);
        EventExport.Outcome outcome = new EventExport(json, EventExport.Format.JSONL, EventExport.DEFAULT_CSV_FIELDS)
                .write(store, TENANT, "", DAY, 10_000, out);

        assertThat(outcome.exported()).isEqualTo(1000);
        assertThat(outcome.error().error()).isEqualTo("internal");
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(1001);
        assertThat(lines.subList(0, 1000)).allSatisfy(line -> assertThat(json.readTree(line).has("id")).isTrue());
        assertThat(lines.getLast()).startsWith("{\"error\":");
        JsonNode record = json.readTree(lines.getLast());
        assertThat(record.get("error").get("error").asText()).isEqualTo("internal");
        assertThat(record.get("error").get("message").asText()).contains("after 1000 events");
        assertThat(record.get("exported").asLong()).isEqualTo(1000);
    }

    @Test
    void aCsvExportThatFailsMidStreamEndsWithAnErrorRow() throws IOException {
        ClosingStoreAfter out = new ClosingStoreAfter(1001); // the header, then 1000 rows (each with a line break in a cell)
        EventExport.Outcome outcome = new EventExport(json, EventExport.Format.CSV, List.of("device.hostname", "message"))
                .write(store, TENANT, "", DAY, 10_000, out);

        assertThat(outcome.exported()).isEqualTo(1000);
        String csv = out.toString();
        assertThat(csv).startsWith("time,id,source,device.hostname,message\r\n");
        assertThat(csv).as("formulas defused").contains(",ws-7,'=cmd|' /C calc'!A0\r\n");
        String last = csv.substring(csv.lastIndexOf("\r\n", csv.length() - 3) + 2);
        assertThat(last).startsWith("#error,internal,").endsWith(",1000\r\n");
        assertThat(csv.split("\r\n")).filteredOn(row -> row.startsWith("#error")).hasSize(1);

        StringWriter complete = new StringWriter();
        assertThat(new EventExport(json, EventExport.Format.CSV, List.of("message"))
                .write(store(), TENANT, "", DAY, 10_000, complete).error()).isNull();
        assertThat(complete.toString()).doesNotContain("#error");
    }

    private LuceneEventStore store() {
        store = new LuceneEventStore(dir, json, SearchLimits.DEFAULTS, 16, FakeClock.at("2025-03-10T12:00:00Z"));
        return store;
    }
}
