package io.vigil.ingest.mqtt;

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

    /** The distinct filters to subscribe to. */
    public Set<String> filters() {
        Set<String> filters = new TreeSet<>();
        mappings.forEach(m -> filters.add(m.filter().value()));
        return filters;
    }

    public List<TopicMapping> mappings() {
        return mappings;
    }
}
