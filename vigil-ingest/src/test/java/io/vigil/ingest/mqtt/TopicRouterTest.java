package io.vigil.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicRouterTest {

    private final TenantId a = TenantId.random();
    private final TenantId b = TenantId.random();

    private TopicMapping map(TenantId tenant, String filter, String type) {
        return new TopicMapping(tenant, new TopicFilter(filter), type, "json");
    }

    @Test
    void matchesSingleAndMultiLevelWildcards() {
        assertThat(new TopicFilter("site/+/door").matches("site/hq/door")).isTrue();
        assertThat(new TopicFilter("site/+/door").matches("site/hq/door/1")).isFalse();
        assertThat(new TopicFilter("site/+/door").matches("site/door")).isFalse();
        assertThat(new TopicFilter("site/#").matches("site")).isTrue();
        assertThat(new TopicFilter("site/#").matches("site/a/b/c")).isTrue();
        assertThat(new TopicFilter("site/#").matches("other/a")).isFalse();
        assertThat(new TopicFilter("#").matches("$SYS/broker/uptime")).isFalse();
    }

    @Test
    void rejectsInvalidFiltersNamingEachProblem() {
        assertThat(TopicFilter.problems("a/#/b")).containsExactly("'#' must be a whole level and the last one");
        assertThat(TopicFilter.problems("a/b+")).containsExactly("'+' must be a whole level");
        assertThat(TopicFilter.problems("$share/g/a")).hasSize(1);
        assertThat(TopicFilter.problems("")).containsExactly("must be 1-200 characters");
        assertThatThrownBy(() -> new TopicFilter("a/\u0000")).hasMessageContaining("control characters");
    }

    @Test
    void theMostSpecificMappingWins() {
        TopicRouter router = new TopicRouter(List.of(map(a, "mssp/#", "any"), map(b, "mssp/clientb/+/climate", "climate")));
        assertThat(router.route("mssp/clientb/hall/climate")).get().extracting(TopicMapping::tenant).isEqualTo(b);
        assertThat(router.route("mssp/clientb/hall/door")).get().extracting(TopicMapping::tenant).isEqualTo(a);
        assertThat(router.route("elsewhere/x")).isEmpty();
        assertThat(router.filters()).containsExactly("mssp/#", "mssp/clientb/+/climate");
    }

    @Test
    void equallySpecificFiltersOfTwoTenantsClaimNothing() {
        TopicRouter router = new TopicRouter(List.of(map(a, "p/+/x", "t"), map(b, "p/y/+", "t")));
        assertThat(router.route("p/y/x")).isEmpty();
        assertThat(router.route("p/z/x")).get().extracting(TopicMapping::tenant).isEqualTo(a);
        assertThat(router.route("p/y/z")).get().extracting(TopicMapping::tenant).isEqualTo(b);
    }

    @Test
    void subscribesToFiltersThatNeverOverlapSoNoMessageArrivesTwice() {
        TopicRouter router = new TopicRouter(List.of(map(a, "mssp/#", "any"), map(b, "mssp/clientb/+/climate", "climate"),
                map(a, "p/+/x", "t"), map(b, "p/y/+", "t"), map(a, "q/a", "t"), map(b, "q/b", "t"), map(b, "r", "t"),
                map(a, "r/#", "t")));
        assertThat(router.subscriptions()).containsExactly("mssp/#", "p/+/+", "q/a", "q/b", "r/#");
        assertThat(new TopicFilter("a/b/#").overlaps(new TopicFilter("a/+/c"))).isTrue();
        assertThat(new TopicFilter("a/b/#").join(new TopicFilter("a/+/c")).value()).isEqualTo("a/+/#");
        assertThat(new TopicFilter("a/+").overlaps(new TopicFilter("a/b/c"))).isFalse();
        assertThat(new TopicFilter("a/+").covers(new TopicFilter("a/b"))).isTrue();
        assertThat(new TopicFilter("a/b").covers(new TopicFilter("a/+"))).isFalse();
    }

    @Test
    void longTopicsBecomeBoundedUniqueSourceNames() {
        String topic = "t/".repeat(150);
        String name = MqttInput.sourceName(topic);
        assertThat(name).hasSize(200).startsWith("t/t/");
        assertThat(MqttInput.sourceName(topic + "x")).isNotEqualTo(name);
        assertThat(MqttInput.sourceName("short/topic")).isEqualTo("short/topic");
    }
}
