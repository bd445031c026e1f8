package io.vigil.store.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.soc.platform.OperatorDelivery;
import io.vigil.soc.platform.OperatorMessage;
import io.vigil.soc.platform.PlatformAlert;
import io.vigil.soc.platform.PlatformAlertKind;
import io.vigil.soc.platform.QueuedDelivery;
import io.vigil.store.Database;
import io.vigil.store.TestStores;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class JdbcPlatformAlertsTest {

    private final FakeClock clock = FakeClock.at("2026-11-23T03:00:00Z");
    private Database database;
    private JdbcPlatformAlerts store;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        store = new JdbcPlatformAlerts(database.dataSource(), clock);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private static PlatformAlert alert(PlatformAlert.State state, Instant raised, Instant resolved) {
        return new PlatformAlert(UUID.randomUUID(), PlatformAlertKind.JOURNAL_STORAGE, "/var/lib/vigil/journal", state,
                "journal write failed: No space left on device", Map.of("path", "/var/lib/vigil/journal", "freeBytes", "0"),
                raised, raised.plusSeconds(5), state == PlatformAlert.State.OPEN ? null : raised.plusSeconds(60),
                resolved, 2);
    }

    private static PlatformAlert withState(PlatformAlert a, PlatformAlert.State state, Instant cleared, Instant resolved) {
        return new PlatformAlert(a.id(), a.kind(), a.key(), state, a.summary(), a.details(), a.raisedAt(),
                a.lastSeenAt(), cleared, resolved, a.recurrences());
    }

    @AllDatabasesTest
    void keepsEachEpisodeInItsLatestStateAndListsResolvedOnesNewestFirst() {
        Instant now = clock.instant();
        PlatformAlert open = alert(PlatformAlert.State.OPEN, now, null);
        store.save(open);
        assertThat(store.unresolved()).containsExactly(open);
        assertThat(store.resolved(10)).isEmpty();

        PlatformAlert clearing = withState(open, PlatformAlert.State.CLEARING, now.plusSeconds(60), null);
        store.save(clearing);
        assertThat(store.unresolved()).containsExactly(clearing);

        PlatformAlert resolved = withState(clearing, PlatformAlert.State.RESOLVED, clearing.clearedAt(), now.plusSeconds(600));
        store.save(resolved);
        assertThat(store.unresolved()).isEmpty();
        assertThat(store.resolved(10)).containsExactly(resolved);

        PlatformAlert later = withState(alert(PlatformAlert.State.CLEARING, now.plusSeconds(700), null),
                PlatformAlert.State.RESOLVED, now.plusSeconds(760), now.plusSeconds(900));
        store.save(later);
        assertThat(store.resolved(10)).containsExactly(later, resolved);
        assertThat(store.resolved(1)).containsExactly(later);
    }

    @AllDatabasesTest
    void resolvedAlertsOlderThanAYearGoWhenAnotherIsSaved() {
        Instant old = clock.instant();
        PlatformAlert ancient = withState(alert(PlatformAlert.State.CLEARING, old, null), PlatformAlert.State.RESOLVED,
                old.plusSeconds(60), old.plusSeconds(120));
        store.save(ancient);
        PlatformAlert stillOpen = alert(PlatformAlert.State.OPEN, old, null);
        store.save(stillOpen);
        clock.advance(JdbcPlatformAlerts.KEEP_RESOLVED.plus(Duration.ofDays(1)));
        PlatformAlert recent = withState(alert(PlatformAlert.State.CLEARING, clock.instant(), null),
                PlatformAlert.State.RESOLVED, clock.instant().plusSeconds(60), clock.instant().plusSeconds(120));
        store.save(recent);

        assertThat(store.resolved(10)).containsExactly(recent);
        assertThat(store.unresolved()).containsExactly(stillOpen);
    }

    @AllDatabasesTest
    void keepsPendingDeliveriesWithTheirMessagesAndListsEndedOnesNewestFirst() {
        Instant now = clock.instant();
        PlatformAlert open = alert(PlatformAlert.State.OPEN, now, null);
        OperatorMessage raised = new OperatorMessage("vigil-prod-1", OperatorMessage.Event.RAISED, open, now);
        QueuedDelivery email = queued(raised, "email", now);
        QueuedDelivery webhook = queued(raised, "webhook", now.plusMillis(1));
        store.saveDelivery(email);
        store.saveDelivery(webhook);
        assertThat(store.pendingDeliveries()).containsExactlyInAnyOrder(email, webhook); // one message: same time
        assertThat(store.finishedDeliveries(10)).isEmpty();

        QueuedDelivery retried = new QueuedDelivery(new OperatorDelivery(email.delivery().id(), open.id(),
                OperatorMessage.Event.RAISED, "email", OperatorDelivery.State.PENDING, 1, now.plusSeconds(10),
                "421 try again later", now.plusSeconds(1)), raised);
        store.saveDelivery(retried);
        QueuedDelivery delivered = new QueuedDelivery(new OperatorDelivery(webhook.delivery().id(), open.id(),
                OperatorMessage.Event.RAISED, "webhook", OperatorDelivery.State.DELIVERED, 1, now.plusSeconds(2), null,
                now.plusSeconds(2)), raised);
        store.saveDelivery(delivered);
        assertThat(store.pendingDeliveries()).containsExactly(retried);
        assertThat(store.finishedDeliveries(10)).containsExactly(delivered.delivery());

        clock.advance(JdbcPlatformAlerts.KEEP_RESOLVED.plus(Duration.ofDays(1)));
        QueuedDelivery failed = new QueuedDelivery(new OperatorDelivery(retried.delivery().id(), open.id(),
                OperatorMessage.Event.RAISED, "email", OperatorDelivery.State.FAILED, 3, clock.instant(),
                "550 mailbox unavailable", clock.instant()), raised);
        store.saveDelivery(failed);
        assertThat(store.pendingDeliveries()).isEmpty();
        assertThat(store.finishedDeliveries(10)).as("the year-old delivered one is gone").containsExactly(
                failed.delivery());
    }

    private static QueuedDelivery queued(OperatorMessage message, String channel, Instant at) {
        return new QueuedDelivery(new OperatorDelivery(UUID.randomUUID(), message.alert().id(), message.event(),
                channel, OperatorDelivery.State.PENDING, 0, at, null, at), message);
    }
}
