package io.vigil.sigma.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.sigma.Detection;
import io.vigil.sigma.event.EventFields;
import io.vigil.sigma.event.MapEventFields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CorrelationEngineTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static final CorrelationRule THREE_FAILED_PER_USER_IN_A_MINUTE = rule("""
            title: Three failed logins
            id: 3f0c2a8e-1b7d-4a56-9e2f-0c8d7b6a5e41
            level: high
            author: Jane Doe
            tags: [attack.credential-access]
            correlation:
                type: event_count
                rules: [failed]
                group-by: [User]
                timespan: 1m
                condition:
                    gte: 3
            """);

    @Test
    void eventsExactlyTimespanApartShareAWindow() {
        CorrelationEngine engine = engine(THREE_FAILED_PER_USER_IN_A_MINUTE);

        assertThat(engine.accept("t", detection("failed"), user("bob"), at(0))).isEmpty();
        assertThat(engine.accept("t", detection("failed"), user("bob"), at(30_000))).isEmpty();
        List<CorrelationMatch> matches = engine.accept("t", detection("failed"), user("bob"), at(60_000));

        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.correlationId()).isEqualTo("3f0c2a8e-1b7d-4a56-9e2f-0c8d7b6a5e41");
            assertThat(m.title()).isEqualTo("Three failed logins");
            assertThat(m.level()).isEqualTo("high");
            assertThat(m.author()).isEqualTo("Jane Doe");
            assertThat(m.tags()).containsExactly("attack.credential-access");
            assertThat(m.tenant()).isEqualTo("t");
            assertThat(m.groupBy()).containsExactly(Map.entry("User", "bob"));
            assertThat(m.windowStart()).isEqualTo(at(0));
            assertThat(m.windowEnd()).isEqualTo(at(60_000));
            assertThat(m.value()).isEqualTo(3);
        });
    }

    @Test
    void eventsOneMillisecondBeyondTimespanDoNotShareAWindow() {
        CorrelationEngine engine = engine(THREE_FAILED_PER_USER_IN_A_MINUTE);

        engine.accept("t", detection("failed"), user("bob"), at(0));
        engine.accept("t", detection("failed"), user("bob"), at(30_000));

        assertThat(engine.accept("t", detection("failed"), user("bob"), at(60_001))).isEmpty();
    }

    @Test
    void outOfOrderEventsWithinLatenessCountInTheirEventTimeWindow() {
        CorrelationEngine engine = engine(THREE_FAILED_PER_USER_IN_A_MINUTE);

        engine.accept("t", detection("failed"), user("bob"), at(60_000));
        engine.accept("t", detection("failed"), user("bob"), at(0));
        List<CorrelationMatch> matches = engine.accept("t", detection("failed"), user("bob"), at(30_000));

        assertThat(matches).singleElement().satisfies(m -> {
            assertThat(m.windowStart()).isEqualTo(at(0));
            assertThat(m.windowEnd()).isEqualTo(at(60_000));
        });
        assertThat(engine.stats().lateEvents()).isZero();
    }

    @Test
    void lateOutOfOrderEventCompletesAWindowEndingAtALaterEvent() {
        CorrelationEngine engine = engine(THREE_FAILED_PER_USER_IN_A_MINUTE);

        engine.accept("t", detection("failed"), user("bob"), at(10_000));
        engine.accept("t", detection("failed"), user("bob"), at(70_000));
        // The window [10s, 70s] gains its third event only now.
        assertThat(engine.accept("t", detection("failed"), user("bob"), at(40_000))).singleElement()
                .satisfies(m -> assertThat(m.windowEnd()).isEqualTo(at(70_000)));
    }

    @Test
    void eventsOlderThanNewestMinusLatenessAreDroppedAndCounted() {
        CorrelationEngine engine = engine(THREE_FAILED_PER_USER_IN_A_MINUTE);

        engine.accept("t", detection("failed"), user("alice"), at(600_000));
        engine.accept("t", detection("failed"), user("bob"), at(540_000)); // exactly the lateness: kept
        engine.accept("t", detection("failed"), user("bob"), at(539_999)); // one ms later than allowed
        engine.accept("t", detection("failed"), user("bob"), at(539_999));

        assertThat(engine.stats().lateEvents()).isEqualTo(2);
        assertThat(engine.accept("t", detection("failed"), user("bob"), at(550_000))).isEmpty();
    }

    @Test
    void configuredLatenessOverridesTheTimespan() {
        CorrelationEngine engine = new CorrelationEngine(List.of(THREE_FAILED_PER_USER_IN_A_MINUTE),
                new CorrelationLimits(10, 10, 1_000, Optional.of(Duration.ZERO)));

        engine.accept("t", detection("failed"), user("bob"), at(30_000));
        engine.accept("t", detection("failed"), user("bob"), at(29_999));

        assertThat(engine.stats().lateEvents()).isEqualTo(1);
    }

    @Test
    void groupsCountSeparately() {
        CorrelationEngine engine = engine(THREE_FAILED_PER_USER_IN_A_MINUTE);
        List<CorrelationMatch> matches = new ArrayList<>();

        for (int i = 0; i < 3; i++) {
            matches.addAll(engine.accept("t", detection("failed"), user("bob"), at(i * 1000)));
            if (i < 2) {
                matches.addAll(engine.accept("t", detection("failed"), user("alice"), at(i * 1000)));
            }
        }

        assertThat(matches).singleElement().satisfies(m -> assertThat(m.groupBy()).containsEntry("User", "bob"));
    }

    @Test
    void eventsWithoutTheGroupByFieldDoNotCountAndAreCounted() {
        CorrelationEngine engine = engine(THREE_FAILED_PER_USER_IN_A_MINUTE);

        for (int i = 0; i < 3; i++) {
            assertThat(engine.accept("t", detection("failed"), fields(Map.of("Host", "h")), at(i))).isEmpty();
        }

        assertThat(engine.stats().missingFields()).isEqualTo(3);
    }

    @Test
    void tenantsNeverShareWindowsNorEventTime() {
        CorrelationEngine engine = engine(THREE_FAILED_PER_USER_IN_A_MINUTE);

        engine.accept("a", detection("failed"), user("bob"), at(0));
        engine.accept("a", detection("failed"), user("bob"), at(1000));
        // Tenant b is far ahead in event time and has the same user: neither affects tenant a.
        assertThat(engine.accept("b", detection("failed"), user("bob"), at(3_600_000))).isEmpty();
        assertThat(engine.accept("b", detection("failed"), user("bob"), at(3_600_001))).isEmpty();

        assertThat(engine.accept("a", detection("failed"), user("bob"), at(2000))).singleElement()
                .satisfies(m -> assertThat(m.tenant()).isEqualTo("a"));
        assertThat(engine.stats().lateEvents()).isZero();
    }

    @Test
    void valueCountCountsDistinctValues() {
        CorrelationEngine engine = engine(rule("""
                title: Password spray
                correlation:
                    type: value_count
                    rules: [failed]
                    group-by: [Host]
                    timespan: 1h
                    condition:
                        field: User
                        gte: 3
                """));

        assertThat(engine.accept("t", detection("failed"), hostUser("h", "a"), at(0))).isEmpty();
        assertThat(engine.accept("t", detection("failed"), hostUser("h", "a"), at(1))).isEmpty();
        assertThat(engine.accept("t", detection("failed"), hostUser("h", "b"), at(2))).isEmpty();
        assertThat(engine.accept("t", detection("failed"), hostUser("h", "b"), at(3))).isEmpty();
        assertThat(engine.accept("t", detection("failed"), hostUser("h", "c"), at(4))).singleElement()
                .satisfies(m -> assertThat(m.value()).isEqualTo(3));
    }

    @Test
    void temporalNeedsEveryRuleWithinTimespanInAnyOrder() {
        CorrelationEngine engine = engine(rule("""
                title: Recon
                correlation:
                    type: temporal
                    rules: [a, b, c]
                    group-by: [User]
                    timespan: 5m
                """));

        engine.accept("t", detection("c"), user("bob"), at(0));
        engine.accept("t", detection("a"), user("bob"), at(1000));
        assertThat(engine.accept("t", detection("a"), user("bob"), at(2000))).isEmpty();
        assertThat(engine.accept("t", detection("b"), user("bob"), at(300_000))).singleElement()
                .satisfies(m -> assertThat(m.value()).isEqualTo(3));

        engine.accept("t", detection("a"), user("eve"), at(300_000));
        engine.accept("t", detection("b"), user("eve"), at(310_000));
        assertThat(engine.accept("t", detection("c"), user("eve"), at(600_001))).isEmpty();
    }

    @Test
    void temporalOrderedNeedsTheRulesInTheirOrder() {
        CorrelationEngine engine = engine(rule("""
                title: Recon ordered
                correlation:
                    type: temporal_ordered
                    rules: [a, b, c]
                    group-by: [User]
                    timespan: 5m
                """));

        engine.accept("t", detection("c"), user("bob"), at(0));
        engine.accept("t", detection("b"), user("bob"), at(1000));
        assertThat(engine.accept("t", detection("a"), user("bob"), at(2000))).isEmpty();
        assertThat(engine.accept("t", detection("b"), user("bob"), at(3000))).isEmpty();
        assertThat(engine.accept("t", detection("c"), user("bob"), at(4000))).singleElement()
                .satisfies(m -> assertThat(m.value()).isEqualTo(3));
    }

    @Test
    void temporalOrderedUsesEventTimeNotArrivalOrder() {
        CorrelationEngine engine = engine(rule("""
                title: Ordered
                correlation:
                    type: temporal_ordered
                    rules: [a, b]
                    group-by: [User]
                    timespan: 5m
                """));

        engine.accept("t", detection("b"), user("bob"), at(2000));
        assertThat(engine.accept("t", detection("a"), user("bob"), at(1000))).hasSize(1);
    }

    @Test
    void aliasesMapDifferentFieldsOfEachRuleToOneGroup() {
        RuleReferences known = RuleReferences.none().withName("internal_error", "e").withName("new_connection", "n");
        CorrelationRule rule = ((CorrelationLoad.Loaded) CorrelationRules.parse("""
                title: Error then connection back
                correlation:
                    type: temporal
                    rules: [internal_error, new_connection]
                    group-by: [internal_ip, remote_ip]
                    timespan: 10s
                    aliases:
                        internal_ip:
                            internal_error: destination.ip
                            new_connection: source.ip
                        remote_ip:
                            internal_error: source.ip
                            new_connection: destination.ip
                """, "alias.yml", known)).rule();
        CorrelationEngine engine = engine(rule);

        engine.accept("t", detection("e"), fields(Map.of("source", Map.of("ip", "203.0.113.9"),
                "destination", Map.of("ip", "10.0.0.1"))), at(0));
        assertThat(engine.accept("t", detection("n"), fields(Map.of("source.ip", "10.0.0.2",
                "destination.ip", "203.0.113.9")), at(1000))).isEmpty();
        assertThat(engine.accept("t", detection("n"), fields(Map.of("source.ip", "10.0.0.1",
                "destination.ip", "203.0.113.9")), at(2000))).singleElement().satisfies(m ->
                assertThat(m.groupBy()).containsExactly(Map.entry("internal_ip", "10.0.0.1"),
                        Map.entry("remote_ip", "203.0.113.9")));
    }

    @Test
    void chainedCorrelationsFeedTheirMatchesOnward() {
        // The spec's example: multiple failed logins followed by a successful login of that user.
        RuleReferences known = RuleReferences.none().withName("failed_login", "f").withName("successful_login", "s");
        CorrelationRule many = ((CorrelationLoad.Loaded) CorrelationRules.parse("""
                title: Multiple failed logons
                id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
                name: multiple_failed_login
                correlation:
                    type: event_count
                    rules: [failed_login]
                    group-by: [User]
                    timespan: 10m
                    condition:
                        gte: 3
                """, "many.yml", known)).rule();
        CorrelationRule then = ((CorrelationLoad.Loaded) CorrelationRules.parse("""
                title: Multiple Failed Logins Followed by Successful Login
                id: b180ead8-d58f-40b2-ae54-c8940995b9b6
                level: high
                correlation:
                    type: temporal_ordered
                    rules: [multiple_failed_login, successful_login]
                    group-by: [User]
                    timespan: 10m
                """, "then.yml", known.with(many))).rule();
        CorrelationEngine engine = engine(many, then);

        assertThat(engine.accept("t", detection("s"), user("bob"), at(0))).isEmpty();
        engine.accept("t", detection("f"), user("bob"), at(1000));
        engine.accept("t", detection("f"), user("bob"), at(2000));
        assertThat(engine.accept("t", detection("f"), user("bob"), at(3000)))
                .extracting(CorrelationMatch::correlationKey).containsExactly(many.key());
        assertThat(engine.accept("t", detection("s"), user("bob"), at(4000))).singleElement().satisfies(m -> {
            assertThat(m.correlationKey()).isEqualTo("b180ead8-d58f-40b2-ae54-c8940995b9b6");
            assertThat(m.groupBy()).containsEntry("User", "bob");
            assertThat(m.windowStart()).isEqualTo(at(3000));
            assertThat(m.windowEnd()).isEqualTo(at(4000));
        });
    }

    @Test
    void chainsThatReferenceThemselvesAreRejected() {
        CorrelationRule a = rule("""
                title: A
                name: a
                correlation: {type: temporal, rules: [b, x], group-by: [User], timespan: 1m}
                """);
        CorrelationRule b = rule("""
                title: B
                name: b
                correlation: {type: temporal, rules: [a, y], group-by: [User], timespan: 1m}
                """);

        assertThatThrownBy(() -> engine(a, b)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cycle");
    }

    @Test
    void groupsBeyondTheLimitEvictTheLeastRecentlyUpdatedAndAreCounted() {
        CorrelationEngine engine = new CorrelationEngine(List.of(THREE_FAILED_PER_USER_IN_A_MINUTE),
                new CorrelationLimits(2, 100, 1_000, Optional.empty()));

        engine.accept("t", detection("failed"), user("u1"), at(0));
        engine.accept("t", detection("failed"), user("u2"), at(1));
        engine.accept("t", detection("failed"), user("u1"), at(2));
        engine.accept("t", detection("failed"), user("u3"), at(3)); // evicts u2, updated least recently

        assertThat(engine.stats().evictedGroups()).isEqualTo(1);
        assertThat(engine.accept("t", detection("failed"), user("u1"), at(4))).hasSize(1);
        engine.accept("t", detection("failed"), user("u2"), at(5));
        assertThat(engine.accept("t", detection("failed"), user("u2"), at(6))).isEmpty(); // its first event is gone
    }

    @Test
    void aTenantsStateNeverExceedsItsEventBoundAndOtherTenantsAreUntouched() {
        CorrelationRule perHost = rule("""
                title: Five per host
                correlation:
                    type: event_count
                    rules: [failed]
                    group-by: [Host]
                    timespan: 1h
                    condition:
                        gte: 5
                """);
        CorrelationEngine engine = new CorrelationEngine(List.of(THREE_FAILED_PER_USER_IN_A_MINUTE, perHost),
                new CorrelationLimits(1_000, 10, 20, Optional.empty()));
        engine.accept("quiet", detection("failed"), hostUser("h", "alice"), at(0));

        for (int i = 0; i < 500; i++) {
            engine.accept("noisy", detection("failed"), hostUser("h" + i % 7, "u" + i), at(i));
            assertThat(engine.eventsKept("noisy")).isLessThanOrEqualTo(20);
        }

        assertThat(engine.eventsKept("noisy")).isBetween(1L, 20L);
        assertThat(engine.stats().evictedGroups()).isPositive();
        assertThat(engine.eventsKept("quiet")).as("one event, in two correlations").isEqualTo(2);
        // The most recently updated group survives the bound and still fires.
        engine.accept("noisy", detection("failed"), hostUser("x", "carol"), at(600));
        engine.accept("noisy", detection("failed"), hostUser("x", "carol"), at(601));
        assertThat(engine.accept("noisy", detection("failed"), hostUser("x", "carol"), at(602)))
                .extracting(CorrelationMatch::title).contains("Three failed logins");
    }

    @Test
    void limitsRejectATenantBoundBelowTheGroupBound() {
        assertThatThrownBy(() -> new CorrelationLimits(10, 100, 99, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxEventsPerTenant");
    }

    @Test
    void eventsBeyondTheLimitEvictTheOldestAndAreCounted() {
        CorrelationEngine engine = new CorrelationEngine(List.of(THREE_FAILED_PER_USER_IN_A_MINUTE),
                new CorrelationLimits(10, 2, 1_000, Optional.empty()));

        for (int i = 0; i < 5; i++) {
            assertThat(engine.accept("t", detection("failed"), user("bob"), at(i))).isEmpty();
        }

        assertThat(engine.stats().evictedEvents()).isEqualTo(3);
    }

    @Test
    void afterFiringAGroupRearmsOnlyWithEventsAfterTheFiredWindow() {
        CorrelationEngine engine = engine(rule("""
                title: Two in a minute
                correlation:
                    type: event_count
                    rules: [failed]
                    group-by: [User]
                    timespan: 1m
                    condition:
                        gte: 2
                """));

        engine.accept("t", detection("failed"), user("bob"), at(0));
        assertThat(engine.accept("t", detection("failed"), user("bob"), at(10_000))).hasSize(1);
        // Still two events in [−50s, 20s], but 10s was part of the fired window: no repeat alert.
        assertThat(engine.accept("t", detection("failed"), user("bob"), at(20_000))).isEmpty();
        // An out-of-order event inside the fired window is ignored, too.
        assertThat(engine.accept("t", detection("failed"), user("bob"), at(5_000))).isEmpty();
        assertThat(engine.accept("t", detection("failed"), user("bob"), at(30_000))).singleElement()
                .satisfies(m -> assertThat(m.windowStart()).isEqualTo(at(20_000)));
    }

    @Test
    void valueSumAndAverageAggregateNumbersAndTextNumbers() {
        CorrelationEngine engine = engine(rule("""
                title: Exfiltration
                name: sum
                correlation:
                    type: value_sum
                    rules: [web]
                    group-by: [User]
                    timespan: 1h
                    condition:
                        field: bytes_sent
                        gt: 1000
                """), rule("""
                title: Average
                name: avg
                correlation:
                    type: value_avg
                    rules: [web]
                    group-by: [User]
                    timespan: 1h
                    condition:
                        field: bytes_sent
                        gte: 600
                """));

        assertThat(engine.accept("t", detection("web"), bytes(400), at(0))).isEmpty();
        assertThat(engine.accept("t", detection("web"), bytes("600"), at(1))).isEmpty();
        assertThat(engine.accept("t", detection("web"), fields(Map.of("User", "bob", "bytes_sent", "n/a")), at(2)))
                .isEmpty();
        assertThat(engine.accept("t", detection("web"), bytes(1400), at(3)))
                .extracting(CorrelationMatch::correlationKey, CorrelationMatch::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sum", 2400.0),
                        org.assertj.core.groups.Tuple.tuple("avg", 800.0));
        assertThat(engine.stats().missingFields()).isEqualTo(2);
    }

    @Test
    void valuePercentileFiresForARareValueInTheGroup() {
        CorrelationEngine engine = engine(rule("""
                title: Rare process
                correlation:
                    type: value_percentile
                    rules: [proc]
                    group-by: [Host]
                    timespan: 1d
                    condition:
                        field: Image
                        lte: 10
                """));

        for (int i = 0; i < 9; i++) {
            assertThat(engine.accept("t", detection("proc"), image("svchost.exe"), at(i))).isEmpty();
        }
        assertThat(engine.accept("t", detection("proc"), image("mimikatz.exe"), at(9))).singleElement()
                .satisfies(m -> assertThat(m.value()).isEqualTo(10.0));
        assertThat(engine.accept("t", detection("proc"), image("svchost.exe"), at(10))).isEmpty();
    }

    @Test
    void withoutGroupByAllEventsOfATenantShareOneGroup() {
        CorrelationEngine engine = engine(rule("""
                title: Any two
                correlation:
                    type: event_count
                    rules: [failed]
                    timespan: 1m
                    condition:
                        gte: 2
                """));

        engine.accept("t", detection("failed"), user("bob"), at(0));
        assertThat(engine.accept("t", detection("failed"), fields(Map.of()), at(1))).singleElement()
                .satisfies(m -> assertThat(m.groupBy()).isEmpty());
    }

    @Test
    void detectionsOfUnreferencedRulesAreIgnored() {
        CorrelationEngine engine = engine(THREE_FAILED_PER_USER_IN_A_MINUTE);

        assertThat(engine.accept("t", detection("other"), user("bob"), at(0))).isEmpty();
        assertThat(engine.stats()).isEqualTo(new CorrelationStats(0, 0, 0, 0));
    }

    static CorrelationRule rule(String yaml) {
        return CorrelationRulesTest.loaded(yaml);
    }

    private static CorrelationEngine engine(CorrelationRule... rules) {
        return new CorrelationEngine(List.of(rules), CorrelationLimits.DEFAULTS);
    }

    private static Detection detection(String ruleId) {
        return new Detection(ruleId, "rule " + ruleId, "low", "test", "someone", List.of(), List.of(), List.of());
    }

    private static Instant at(long millis) {
        return T0.plusMillis(millis);
    }

    private static EventFields user(String user) {
        return fields(Map.of("User", user));
    }

    private static EventFields hostUser(String host, String user) {
        return fields(Map.of("Host", host, "User", user));
    }

    private static EventFields bytes(Object bytes) {
        return fields(Map.of("User", "bob", "bytes_sent", bytes));
    }

    private static EventFields image(String image) {
        return fields(Map.of("Host", "h", "Image", image));
    }

    private static EventFields fields(Map<String, ?> map) {
        return new MapEventFields(new LinkedHashMap<>(map));
    }
}
