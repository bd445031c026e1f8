package io.vigil.sigma.correlation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The events of one (tenant, correlation, group) kept in event-time order. A window ending at time {@code e} holds
 * the events with time in {@code [e - timespan, e]}, both ends included. Not thread-safe; the engine serialises.
 */
final class GroupWindow {

    /** {@code value} is the distinct-count key, the number, or null, depending on the correlation type. */
    record Entry(Instant time, long seq, String ruleKey, Object value) {
    }

    record Fired(Instant start, Instant end, double value) {
    }

    private final List<Entry> entries = new ArrayList<>();
    /** Events at or before this time were part of a window that fired; they never count again. */
    private Instant consumedThrough;

    /** Events kept. */
    int size() {
        return entries.size();
    }

    /** Adds {@code entry} and returns the earliest window containing it that meets the condition, if any. */
    Optional<Fired> add(Entry entry, CorrelationRule rule, int maxEvents, Instant horizon, Runnable onEviction) {
        if (consumedThrough != null && !entry.time().isAfter(consumedThrough)) {
            return Optional.empty();
        }
        // Entries are in time order, so what falls behind the horizon is a prefix; most calls remove nothing.
        entries.subList(0, firstAtOrAfter(horizon)).clear();
        int index = insertionPoint(entry);
        entries.add(index, entry);
        if (entries.size() > maxEvents) {
            entries.removeFirst();
            onEviction.run();
            if (index == 0) {
                return Optional.empty(); // the arriving entry was the oldest, and is gone
            }
            index--;
        }
        Instant latestEnd = entry.time().plus(rule.timespan());
        for (int end = index; end < entries.size(); end++) {
            Instant endTime = entries.get(end).time();
            if (endTime.isAfter(latestEnd)) {
                break;
            }
            // Several events may share endTime: the window ends after the last of them.
            while (end + 1 < entries.size() && entries.get(end + 1).time().equals(endTime)) {
                end++;
            }
            int start = firstAtOrAfter(endTime.minus(rule.timespan()));
            List<Entry> window = entries.subList(start, end + 1);
            double value = value(rule, window, entry);
            if (rule.condition().test(value)) {
                Fired fired = new Fired(start(rule, window), endTime, value);
                if (rule.type() != CorrelationType.VALUE_PERCENTILE) {
                    consumedThrough = endTime;
                    entries.removeIf(e -> !e.time().isAfter(endTime));
                }
                return Optional.of(fired);
            }
            if (rule.type() == CorrelationType.VALUE_PERCENTILE) {
                break; // judged once, for the arriving event only
            }
        }
        return Optional.empty();
    }

    private static double value(CorrelationRule rule, List<Entry> window, Entry arriving) {
        return switch (rule.type()) {
            case EVENT_COUNT -> window.size();
            case VALUE_COUNT -> window.stream().map(Entry::value).distinct().count();
            case TEMPORAL -> {
                Set<String> seen = new HashSet<>();
                window.forEach(e -> seen.add(e.ruleKey()));
                yield seen.size();
            }
            case TEMPORAL_ORDERED -> {
                int next = 0;
                for (Entry e : window) {
                    if (next < rule.rules().size() && e.ruleKey().equals(rule.rules().get(next))) {
                        next++;
                    }
                }
                yield next;
            }
            case VALUE_SUM -> window.stream().mapToDouble(e -> (Double) e.value()).sum();
            case VALUE_AVG -> window.stream().mapToDouble(e -> (Double) e.value()).average().orElse(0);
            case VALUE_PERCENTILE -> 100.0 * window.stream().filter(e -> e.value().equals(arriving.value())).count()
                    / window.size();
        };
    }

    /** The first event that counted: for temporal_ordered, the one matching the first rule; else the oldest. */
    private static Instant start(CorrelationRule rule, List<Entry> window) {
        if (rule.type() == CorrelationType.TEMPORAL_ORDERED) {
            for (Entry e : window) {
                if (e.ruleKey().equals(rule.rules().getFirst())) {
                    return e.time();
                }
            }
        }
        return window.getFirst().time();
    }

    private int insertionPoint(Entry entry) {
        int i = entries.size();
        while (i > 0 && entries.get(i - 1).time().isAfter(entry.time())) {
            i--;
        }
        return i;
    }

    private int firstAtOrAfter(Instant time) {
        int lo = 0;
        int hi = entries.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (entries.get(mid).time().isBefore(time)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
