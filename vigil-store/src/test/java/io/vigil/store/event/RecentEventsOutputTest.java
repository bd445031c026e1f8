package io.vigil.store.event;

import static io.vigil.store.TestStores.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.error.PermanentException;
import io.vigil.core.error.TemporaryException;
import io.vigil.core.event.Event;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.Dialect;
import io.vigil.testkit.FakeClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** How the view behaves as a pipeline output, without a database. */
class RecentEventsOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CAPACITY = 5;

    private final FakeClock clock = FakeClock.at("2025-03-01T11:00:00Z");

    @Test
    void anUnreachableDatabaseIsATemporaryFailure() {
        PGSimpleDataSource unreachable = new PGSimpleDataSource();
        unreachable.setServerNames(new String[] {"127.0.0.1"});
        unreachable.setPortNumbers(new int[] {1});
        unreachable.setDatabaseName("vigil");
        RecentEvents output = new RecentEvents(unreachable, Dialect.POSTGRESQL, JSON, CAPACITY, clock);

        assertThatThrownBy(() -> output.write(List.of(event(TenantId.random(), 1))))
                .isInstanceOfSatisfying(TemporaryException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1)))
                .hasMessageContaining("recent-events");
    }

    @Test
    void isTheRecentEventsOutput() {
        assertThat(new RecentEvents(new PGSimpleDataSource(), Dialect.H2, JSON, 1, clock).name())
                .isEqualTo("recent-events");
    }

    @Test
    void fieldsThatAreNoJsonTreeFailPermanentlyNamingTheEvent() {
        RecentEvents output = new RecentEvents(new PGSimpleDataSource(), Dialect.POSTGRESQL, JSON, CAPACITY, clock);
        Event event = event(TenantId.random(), 1).withCommon(Map.of("opaque", new Object()));

        assertThatThrownBy(() -> output.write(List.of(event)))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining(event.id().toString());
    }
}
