package io.vigil.server.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.access.Permission;
import io.vigil.core.event.EventId;
import io.vigil.core.search.Aggregation;
import io.vigil.core.search.AggregationResult;
import io.vigil.core.search.EventQuery;
import io.vigil.core.search.EventStore;
import io.vigil.core.search.SearchOrder;
import io.vigil.core.search.SearchPage;
import io.vigil.core.search.TimeRange;
import io.vigil.core.tenant.Tenant;
import io.vigil.server.config.SearchSettings;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Search, export and aggregation over a tenant's stored events. Every request names a time range
 * ({@code from}, {@code to}); the query language is in docs/search.md.
 */
@RestController
@RequestMapping("/api/v1/tenants/{tenant}")
class SearchController {

    private final EventStore store;
    private final TenantResolver resolver;
    /** How far back a lookup of one stored event by id goes when no time range is given: ten years. */
    static final Duration STORED_EVENT_LOOKBACK = Duration.ofDays(3653);

    private final SearchSettings settings;
    private final ObjectMapper json;
    private final Clock clock;

    SearchController(EventStore store, TenantResolver resolver, SearchSettings settings, ObjectMapper json, Clock clock) {
        this.store = store;
        this.resolver = resolver;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    record SearchResponse(List<EventView> events, String nextCursor, long total, boolean totalIsExact) {
    }

    @Requires(Permission.EVENTS_READ)
    @GetMapping("/search")
    SearchResponse search(@PathVariable String tenant, @RequestParam(defaultValue = "") String q,
                          @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                          @RequestParam(defaultValue = "100") int limit,
                          @RequestParam(defaultValue = "newest") String order,
                          @RequestParam(required = false) String cursor) {
        Tenant scope = resolver.resolve(tenant);
        TimeRange range = TimeParams.range(from, to, clock);
        SearchPage page = store.search(scope.id(), new EventQuery(q, range, order(order), limit, cursor));
        return new SearchResponse(page.events().stream().map(EventView::of).toList(), page.nextCursor(), page.total(),
                page.totalIsExact());
    }

    @Requires(Permission.EVENTS_READ)
    @GetMapping("/stored-events/{eventId}")
    EventView storedEvent(@PathVariable String tenant, @PathVariable UUID eventId,
                          @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Tenant scope = resolver.resolve(tenant);
        // One event by its id: without a range, every partition the tenant still keeps (only existing days are read).
        TimeRange range = from == null && to == null
                ? new TimeRange(clock.instant().minus(STORED_EVENT_LOOKBACK), clock.instant().plus(Duration.ofDays(1)))
                : TimeParams.range(from, to, clock);
        return store.find(scope.id(), new EventId(eventId), range).map(EventView::of)
                .orElseThrow(() -> new NotFoundException("no stored event " + eventId + " between " + range.from()
                        + " and " + range.to()));
    }

    /**
     * Streams every matching event, oldest first, as JSON lines or CSV (up to {@code max}); a failure after the
     * first byte ends the export with an error record ({@link EventExport}).
     */
    @Requires(Permission.EVENTS_READ)
    @GetMapping("/export")
    void export(@PathVariable String tenant, @RequestParam(defaultValue = "") String q,
                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(defaultValue = "jsonl") String format, @RequestParam(required = false) String fields,
                @RequestParam(required = false) Long max, HttpServletResponse response) throws IOException {
        Tenant scope = resolver.resolve(tenant);
        TimeRange range = TimeParams.range(from, to, clock);
        long limit = max == null ? settings.maxExportEvents() : max;
        if (limit < 1 || limit > settings.maxExportEvents()) {
            throw new IllegalArgumentException("max must be 1-" + settings.maxExportEvents() + ", was " + limit);
        }
        EventExport.Format exportFormat = EventExport.Format.of(format);
        List<String> columns = fields == null || fields.isBlank() ? EventExport.DEFAULT_CSV_FIELDS
                : Arrays.stream(fields.split(",")).map(String::trim).filter(f -> !f.isEmpty()).limit(100).toList();
        // The query is checked before anything is written, so that a bad query still answers 400.
        store.search(scope.id(), EventQuery.of(q, range, 1));
        response.setContentType(exportFormat.contentType);
        response.setHeader("Content-Disposition", "attachment; filename=\"events." + exportFormat.extension + "\"");
        Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        new EventExport(json, exportFormat, columns).write(store, scope.id(), q, range, limit, out);
    }

    @Requires(Permission.EVENTS_READ)
    @GetMapping("/aggregate")
    AggregationResult aggregate(@PathVariable String tenant, @RequestParam(defaultValue = "") String q,
                                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                @RequestParam(defaultValue = "terms") String type,
                                @RequestParam(required = false) String field,
                                @RequestParam(defaultValue = "10") int size,
                                @RequestParam(defaultValue = "PT1H") String interval) {
        Tenant scope = resolver.resolve(tenant);
        TimeRange range = TimeParams.range(from, to, clock);
        Aggregation aggregation = switch (type.toLowerCase(Locale.ROOT)) {
            case "terms" -> new Aggregation.Terms(required(field), size);
            case "histogram", "date_histogram" -> new Aggregation.DateHistogram(duration(interval));
            case "distinct", "cardinality" -> new Aggregation.DistinctCount(required(field));
            default -> throw new IllegalArgumentException("type must be terms, histogram or distinct, was '" + type + "'");
        };
        return store.aggregate(scope.id(), q, range, aggregation);
    }

    private static String required(String field) {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("field is required for this aggregation");
        }
        return field;
    }

    private static Duration duration(String text) {
        try {
            return Duration.parse(text.startsWith("P") || text.startsWith("p") ? text : "PT" + text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("interval '" + text + "' is no duration: use PT1H, 15m or 1d");
        }
    }

    private static SearchOrder order(String order) {
        return switch (order.toLowerCase(Locale.ROOT)) {
            case "newest", "desc" -> SearchOrder.NEWEST_FIRST;
            case "oldest", "asc" -> SearchOrder.OLDEST_FIRST;
            default -> throw new IllegalArgumentException("order must be newest or oldest, was '" + order + "'");
        };
    }
}
