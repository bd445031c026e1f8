package io.vigil.sigma.logsource;

import io.vigil.sigma.Problem;
import io.vigil.sigma.event.EventFields;
import io.vigil.sigma.event.EventFieldsFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Classifies events into Sigma logsources from a mapping file (see {@code docs/sigma-semantics.md}, "Logsource
 * routing and event shapes"). Immutable and thread-safe once loaded.
 */
public final class LogsourceRouter {

    /** Classpath location of the mapping Vigil ships in {@code vigil-content}. */
    public static final String CONTENT_RESOURCE = "io/vigil/content/sigma/logsources.yml";

    /** Mapping files are small (the shipped one is ~40 KiB); the bound keeps a hostile upload cheap. */
    static final int MAX_MAPPING_BYTES = 1 << 20;

    /** Channel names, event ids and the like are short; longer texts are not worth caching by. */
    static final int MAX_SIGNATURE_CHARS = 1024;

    private final List<MappingEntry> entries;
    /** Fields whose value decides an {@code in} / {@code not_in} test: their text is part of the signature. */
    private final String[] valueFields;
    /** Every other distinct test: its outcome is part of the signature. */
    private final FieldTest[] otherTests;

    private LogsourceRouter(List<MappingEntry> entries) {
        this.entries = List.copyOf(entries);
        Set<String> values = new LinkedHashSet<>();
        Set<FieldTest> others = new LinkedHashSet<>();
        for (MappingEntry entry : this.entries) {
            for (FieldTest test : entry.when()) {
                switch (test) {
                    case FieldTest.In in -> values.add(in.field());
                    case FieldTest.NotIn notIn -> values.add(notIn.field());
                    case FieldTest.Exists exists -> others.add(exists);
                    case FieldTest.StartsWith startsWith -> others.add(startsWith);
                    case FieldTest.EndsWith endsWith -> others.add(endsWith);
                }
            }
        }
        this.valueFields = values.toArray(String[]::new);
        this.otherTests = others.toArray(FieldTest[]::new);
    }

    /**
     * Reads a mapping file (UTF-8 YAML).
     *
     * @throws LogsourceMappingException with every problem of the file when it is not a valid mapping
     */
    public static LogsourceRouter load(InputStream yaml) {
        return load(yaml, "<stream>");
    }

    /** As {@link #load(InputStream)}, naming the file in problems. */
    public static LogsourceRouter load(InputStream yaml, String origin) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(origin, "origin");
        byte[] bytes;
        try {
            bytes = yaml.readNBytes(MAX_MAPPING_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("reading logsource mapping " + origin, e);
        }
        if (bytes.length > MAX_MAPPING_BYTES) {
            throw new LogsourceMappingException(origin, List.of(new Problem("", OptionalInt.empty(),
                    "mapping file is larger than " + MAX_MAPPING_BYTES + " bytes")));
        }
        return new LogsourceRouter(MappingParser.parse(new String(bytes, StandardCharsets.UTF_8), origin));
    }

    /** Names of the entries, in file order. */
    public List<String> entryNames() {
        return entries.stream().map(MappingEntry::name).toList();
    }

    public EventClass classify(EventFields event) {
        return classify(null, event);
    }

    /** Picks the adapter by shape ({@link EventFieldsFactory#of}) and classifies. */
    public EventClass classify(Map<String, ?> event) {
        return classify(null, EventFieldsFactory.of(event));
    }

    /**
     * @param sourceTag the source the event came from as the collector knows it (for example {@code aws.cloudtrail}),
     *                  matched against each entry's {@code sources}; null when unknown
     */
    public EventClass classify(String sourceTag, EventFields event) {
        Objects.requireNonNull(event, "event");
        EventFields memo = new MemoizedFields(event);
        Set<String> products = new LinkedHashSet<>();
        Set<String> categories = new LinkedHashSet<>();
        Set<String> services = new LinkedHashSet<>();
        List<String> matched = new ArrayList<>();
        Map<String, List<String>> renames = new LinkedHashMap<>();
        for (MappingEntry entry : entries) {
            if (!entry.matches(sourceTag, memo)) {
                continue;
            }
            matched.add(entry.name());
            addIfPresent(products, entry.product());
            addIfPresent(categories, entry.category());
            addIfPresent(services, entry.service());
            entry.renames().forEach(renames::putIfAbsent);
        }
        return matched.isEmpty() ? EventClass.UNCLASSIFIED
                : new EventClass(products, categories, services, matched, renames);
    }

    /**
     * What {@link #classify(String, EventFields)} depends on, as a value: the source tag, the text of each field an
     * {@code in} / {@code not_in} test reads, and the outcome of every other test. Events with equal signatures are
     * classified alike, so a caller may cache the class by signature. Cheaper than classifying: each field is read
     * once and no entry is walked. Null when the texts are longer than {@link #MAX_SIGNATURE_CHARS} together, so
     * that a cache of signatures stays small whatever the events carry; such an event is simply classified.
     */
    public Object signature(String sourceTag, EventFields event) {
        Objects.requireNonNull(event, "event");
        Object[] texts = new Object[valueFields.length];
        int chars = sourceTag == null ? 0 : sourceTag.length();
        for (int f = 0; f < valueFields.length; f++) {
            Object text = textView(event.get(valueFields[f]));
            if (text instanceof String string) {
                chars += string.length();
            } else if (text instanceof List<?> list) {
                for (Object element : list) {
                    chars += element == null ? 0 : ((String) element).length() + 1;
                }
            }
            if (chars > MAX_SIGNATURE_CHARS) {
                return null;
            }
            texts[f] = text;
        }
        long[] outcomes = new long[(otherTests.length + 63) >>> 6];
        for (int t = 0; t < otherTests.length; t++) {
            if (otherTests[t].test(event)) {
                outcomes[t >>> 6] |= 1L << t;
            }
        }
        return new Signature(sourceTag, texts, outcomes);
    }

    /** The source tag, the texts of the value fields and the outcomes of the other tests as bits; a value. */
    private static final class Signature {
        private final String sourceTag;
        private final Object[] texts;
        private final long[] outcomes;
        private final int hash;

        Signature(String sourceTag, Object[] texts, long[] outcomes) {
            this.sourceTag = sourceTag;
            this.texts = texts;
            this.outcomes = outcomes;
            this.hash = 31 * (31 * Objects.hashCode(sourceTag) + Arrays.hashCode(texts)) + Arrays.hashCode(outcomes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Signature that && hash == that.hash && Objects.equals(sourceTag, that.sourceTag)
                    && Arrays.equals(outcomes, that.outcomes) && Arrays.equals(texts, that.texts);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The value as {@link FieldTest.In} sees it: the text of a scalar, the texts of a list's scalar elements. */
    private static Object textView(Object value) {
        if (value instanceof List<?> list) {
            List<String> texts = new ArrayList<>(list.size());
            for (Object element : list) {
                texts.add(element instanceof List<?> ? null : FieldTest.text(element));
            }
            return texts;
        }
        return FieldTest.text(value);
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (value != null) {
            set.add(value);
        }
    }

    /** Entries test the same few fields (Channel, EventID) over and over; read each once per event. */
    private record MemoizedFields(EventFields base, Map<String, Object> values, Map<String, Boolean> present)
            implements EventFields {

        MemoizedFields(EventFields base) {
            this(base, new HashMap<>(), new HashMap<>());
        }

        @Override
        public Object get(String name) {
            Object value = values.computeIfAbsent(name, n -> Objects.requireNonNullElse(base.get(n), NULL));
            return value == NULL ? null : value;
        }

        @Override
        public boolean contains(String name) {
            return present.computeIfAbsent(name, base::contains);
        }

        @Override
        public void forEachKeywordValue(java.util.function.Consumer<Object> action) {
            base.forEachKeywordValue(action);
        }

        private static final Object NULL = new Object();
    }
}
