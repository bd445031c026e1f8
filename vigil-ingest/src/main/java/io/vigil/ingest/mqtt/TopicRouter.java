package io.vigil.ingest.mqtt;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the mapping that owns a topic: the most specific matching filter (see {@link TopicFilter#compareTo}).
 * When equally specific filters of different tenants match, the topic belongs to nobody: guessing could hand one
 * client's data to another.
 */
public final class TopicRouter {

    private final List<TopicMapping> mappings;

    public TopicRouter(List<TopicMapping> mappings) {
        this.mappings = mappings.stream()
                .sorted(Comparator.comparing(TopicMapping::filter).thenComparing(m -> m.filter().value()))
                .toList();
    }

    public Optional<TopicMapping> route(String topic) {
        TopicMapping best = null;
        for (TopicMapping mapping : mappings) {
            if (!mapping.filter().matches(topic)) {
                continue;
            }
            if (best == null) {
                best = mapping;
            } else if (!best.filter().sameSpecificity(mapping.filter())) {
                break; // sorted: every later match is less specific
            } else if (!best.tenant().equals(mapping.tenant())) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(best);
    }

    /** The distinct filters of the mappings. */
    public Set<String> filters() {
        Set<String> filters = new TreeSet<>();
        mappings.forEach(m -> filters.add(m.filter().value()));
        return filters;
    }

    /**
     * The filters to subscribe to: no two of them overlap. A broker may deliver a message once per matching
     * subscription (Mosquitto 2 does), which would journal it twice; so a filter covered by another is left out and
     * two that partly overlap are replaced by their join ({@code p/+/x} and {@code p/y/+} by {@code p/+/+}). The
     * router still decides, per topic, which mapping owns it; topics the wider subscription brings in that no
     * mapping owns are dropped as unmapped.
     */
    public Set<String> subscriptions() {
        List<TopicFilter> cover = new ArrayList<>();
        mappings.forEach(m -> cover.add(m.filter()));
        boolean changed = true;
        while (changed) {
            changed = false;
            outer:
            for (int i = 0; i < cover.size(); i++) {
                for (int j = 0; j < cover.size(); j++) {
                    if (i == j || !cover.get(i).overlaps(cover.get(j))) {
                        continue;
                    }
                    TopicFilter merged = cover.get(i).covers(cover.get(j)) ? cover.get(i)
                            : cover.get(j).covers(cover.get(i)) ? cover.get(j) : cover.get(i).join(cover.get(j));
                    TopicFilter first = cover.get(i);
                    TopicFilter second = cover.get(j);
                    cover.remove(first);
                    cover.remove(second);
                    cover.add(merged);
                    changed = true;
                    break outer;
                }
            }
        }
        Set<String> filters = new TreeSet<>();
        cover.forEach(f -> filters.add(f.value()));
        return filters;
    }

    public List<TopicMapping> mappings() {
        return mappings;
    }
}
