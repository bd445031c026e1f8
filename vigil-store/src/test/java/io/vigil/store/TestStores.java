package io.vigil.store;

import io.vigil.core.event.Event;
import io.vigil.core.event.EventId;
import io.vigil.core.event.SourceRef;
import io.vigil.core.tenant.Tenant;
import io.vigil.core.tenant.TenantId;
import io.vigil.core.tenant.TenantSlug;
import io.vigil.store.tenant.TenantDirectory;
import io.vigil.testkit.db.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** Opens a migrated store on a fixture database, and makes the rows tests need. */
public final class TestStores {

    public static final SourceRef SOURCE = new SourceRef("http", "fw-hq", "json");

    private TestStores() {
    }

    public static Database open(TestDatabase database) {
        return Database.open(new DatabaseConfig(database.url(), database.username(), database.password(), 2));
    }

    /** An H2 URL with the settings Vigil runs H2 with, for tests that reach the database without {@link Database}. */
    public static String h2Url(String url) {
        return Database.withH2Settings(url);
    }

    public static TenantId tenant(Database database, Clock clock, String slug) {
        Tenant tenant = new TenantDirectory(database.dataSource(), clock)
                .create(new TenantSlug(slug), slug, ZoneOffset.UTC);
        return tenant.id();
    }

    /** The {@code n}-th event of a tenant, with a distinct id and raw bytes. */
    public static Event event(TenantId tenant, int n) {
        Instant received = Instant.parse("2025-03-01T10:00:00Z").plusSeconds(n);
        return new Event(EventId.of("journal-" + tenant, n, 0), tenant, SOURCE, received.minusMillis(250), received,
                Map.of("message", "login failed", "n", n), Map.of("severity_id", 3),
                ("{\"message\":\"login failed\",\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8));
    }
}
