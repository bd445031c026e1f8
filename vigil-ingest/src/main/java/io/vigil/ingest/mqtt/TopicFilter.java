package io.vigil.ingest.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An MQTT topic filter ({@code site/+/door/#}) with its matching and its specificity, used to decide which
 * mapping owns a topic when several match: more literal levels win, then a filter without {@code #}, then fewer
 * {@code +}.
 */
public record TopicFilter(String value) implements Comparable<TopicFilter> {

    public static final int MAX_LENGTH = 200;
    public static final int MAX_LEVELS = 32;

    public TopicFilter {
        Objects.requireNonNull(value, "topic filter");
        List<String> problems = problems(value);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid topic filter '" + value + "': " + String.join("; ", problems));
        }
    }

    /** Every problem with a filter, empty when it is valid. */
    public static List<String> problems(String value) {
        List<String> problems = new ArrayList<>();
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            problems.add("must be 1-" + MAX_LENGTH + " characters");
            return problems;
        }
        if (value.startsWith("$")) {
            problems.add("must not start with '$' (broker topics and shared subscriptions are not tenant data)");
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            problems.add("must not contain control characters");
        }
        String[] levels = value.split("/", -1);
        if (levels.length > MAX_LEVELS) {
            problems.add("at most " + MAX_LEVELS + " levels");
        }
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                problems.add("'#' must be a whole level and the last one");
            }
            if (level.contains("+") && !level.equals("+")) {
                problems.add("'+' must be a whole level");
            }
        }
        return problems;
    }

    public boolean matches(String topic) {
        if (topic.startsWith("$")) {
            return false;
        }
        String[] filter = value.split("/", -1);
        String[] levels = topic.split("/", -1);
        for (int i = 0; i < filter.length; i++) {
            if (filter[i].equals("#")) {
                return true;
            }
            if (i >= levels.length) {
                return false;
            }
            if (!filter[i].equals("+") && !filter[i].equals(levels[i])) {
                return false;
            }
        }
        return filter.length == levels.length;
    }

    /** Whether some topic matches both filters. */
    public boolean overlaps(TopicFilter other) {
        String[] a = value.split("/", -1);
        String[] b = other.value.split("/", -1);
        for (int i = 0; ; i++) {
            boolean aEnd = i >= a.length;
            boolean bEnd = i >= b.length;
            if (!aEnd && a[i].equals("#") || !bEnd && b[i].equals("#")) {
                return true; // '#' also matches its parent level ("a/#" matches "a")
            }
            if (aEnd || bEnd) {
                return aEnd && bEnd;
            }
            if (!a[i].equals("+") && !b[i].equals("+") && !a[i].equals(b[i])) {
                return false;
            }
        }
    }

    /** Whether every topic that {@code other} matches, this filter matches too. */
    public boolean covers(TopicFilter other) {
        String[] a = value.split("/", -1);
        String[] b = other.value.split("/", -1);
        for (int i = 0; ; i++) {
            if (i < a.length && a[i].equals("#")) {
                return true;
            }
            if (i >= a.length || i >= b.length) {
                return i >= a.length && i >= b.length;
            }
            if (b[i].equals("#") || !a[i].equals("+") && (b[i].equals("+") || !a[i].equals(b[i]))) {
                return false;
            }
        }
    }

    /** The narrowest filter (level by level) that covers both. */
    public TopicFilter join(TopicFilter other) {
        String[] a = value.split("/", -1);
        String[] b = other.value.split("/", -1);
        List<String> joined = new ArrayList<>();
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            if (i >= a.length || i >= b.length || a[i].equals("#") || b[i].equals("#")) {
                joined.add("#");
                break;
            }
            joined.add(a[i].equals(b[i]) ? a[i] : "+");
        }
        return new TopicFilter(String.join("/", joined));
    }

    /** Orders the most specific filter first. */
    @Override
    public int compareTo(TopicFilter other) {
        int literal = Integer.compare(other.literalLevels(), literalLevels());
        if (literal != 0) {
            return literal;
        }
        int hash = Boolean.compare(value.endsWith("#"), other.value.endsWith("#"));
        if (hash != 0) {
            return hash;
        }
        return Long.compare(wildcards(), other.wildcards());
    }

    /** Whether neither filter is more specific than the other. */
    boolean sameSpecificity(TopicFilter other) {
        return compareTo(other) == 0;
    }

    private int literalLevels() {
        int count = 0;
        for (String level : value.split("/", -1)) {
            if (!level.equals("+") && !level.equals("#")) {
                count++;
            }
        }
        return count;
    }

    private long wildcards() {
        return value.chars().filter(c -> c == '+').count();
    }

    @Override
    public String toString() {
        return value;
    }
}
