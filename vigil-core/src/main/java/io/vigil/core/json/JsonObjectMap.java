package io.vigil.core.json;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;

/**
 * A decoded JSON object as an unmodifiable map: its members in document order, in two arrays sized to fit. A
 * decoder fills a {@link Builder} and takes one map per object, which costs two array copies and, for objects of
 * more than {@value #LINEAR} members, one small hash table of positions; a {@code LinkedHashMap} costs a node per
 * member and grows its table as it goes. Lookups compare by identity first, so names a parser interned (and string
 * constants, which Java interns) are found without {@code equals}.
 *
 * <p>As in a JSON parser that maps objects to {@code LinkedHashMap}, a member name that occurs twice keeps its
 * first position and its last value. Names are never null; values may be (JSON {@code null}).
 */
public final class JsonObjectMap extends AbstractMap<String, Object> {

    /** Objects up to this many members are searched by a scan of the names' hashes, larger ones through a table. */
    static final int LINEAR = 8;

    private static final JsonObjectMap EMPTY = new JsonObjectMap(new String[0], new Object[0], new int[0], 0, null);

    private final String[] keys;
    private final Object[] values;
    private final int[] hashes;
    private final int size;
    /** Open addressing, {@code position + 1} per slot (0 = empty); null for objects scanned linearly. */
    private final int[] table;

    private JsonObjectMap(String[] keys, Object[] values, int[] hashes, int size, int[] table) {
        this.keys = keys;
        this.values = values;
        this.hashes = hashes;
        this.size = size;
        this.table = table;
    }

    private static int spread(int hash) {
        return hash ^ hash >>> 16;
    }

    /** The empty object. */
    public static JsonObjectMap empty() {
        return EMPTY;
    }

    private int indexOf(Object key) {
        if (!(key instanceof String name)) {
            return -1;
        }
        int hash = name.hashCode();
        if (table == null) {
            for (int i = 0; i < size; i++) {
                String k = keys[i];
                if (k == name || hashes[i] == hash && k.equals(name)) {
                    return i;
                }
            }
            return -1;
        }
        int mask = table.length - 1;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            int position = table[slot] - 1;
            if (position < 0) {
                return -1;
            }
            String k = keys[position];
            if (k == name || hashes[position] == hash && k.equals(name)) {
                return position;
            }
        }
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public Object getOrDefault(Object key, Object defaultValue) {
        int i = indexOf(key);
        return i < 0 ? defaultValue : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < size; i++) {
            action.accept(keys[i], values[i]);
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new View<>(i -> new SimpleImmutableEntry<>(keys[i], values[i]));
    }

    @Override
    public Set<String> keySet() {
        return new View<>(i -> keys[i]);
    }

    @Override
    public Collection<Object> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<Object> iterator() {
                return new Members<>(i -> values[i]);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** A set view of the members, each seen through {@code member}. Membership tests go through the set's iterator. */
    private final class View<T> extends AbstractSet<T> {

        private final IntFunction<T> member;

        View(IntFunction<T> member) {
            this.member = member;
        }

        @Override
        public Iterator<T> iterator() {
            return new Members<>(member);
        }

        @Override
        public int size() {
            return size;
        }
    }

    private final class Members<T> implements Iterator<T> {

        private final IntFunction<T> member;
        private int next;

        Members(IntFunction<T> member) {
            this.member = member;
        }

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public T next() {
            if (next >= size) {
                throw new NoSuchElementException();
            }
            return member.apply(next++);
        }
    }

    /**
     * Collects the members of the objects a decoder is inside, innermost last: {@link #start} when an object opens,
     * {@link #add} per member, {@link #finish} when it closes. One builder serves any depth of nesting and is reused
     * from event to event, keeping what the last objects left in its arrays until later ones overwrite it (clearing
     * costs more than the decode's own copies); it is not thread-safe.
     */
    public static final class Builder {

        private String[] keys = new String[64];
        private Object[] values = new Object[64];
        private int[] hashes = new int[64];
        private int top;

        /** Opens an object; pass the mark to {@link #finish}. */
        public int start() {
            return top;
        }

        public void add(String key, Object value) {
            if (top == keys.length) {
                int length = keys.length * 2;
                keys = Arrays.copyOf(keys, length);
                values = Arrays.copyOf(values, length);
                hashes = Arrays.copyOf(hashes, length);
            }
            keys[top] = key;
            values[top] = value;
            hashes[top] = key.hashCode();
            top++;
        }

        /**
         * Closes the object opened at {@code mark} and returns it: a {@link JsonObjectMap}, or, for the rare object
         * whose names collide in their hashes so much that a probing table would take quadratic time (hostile input
         * can arrange that), a {@code LinkedHashMap}, whose bins turn into trees, behind an unmodifiable view.
         */
        public Map<String, Object> finish(int mark) {
            int size = top - mark;
            if (size == 0) {
                return EMPTY;
            }
            String[] k = Arrays.copyOfRange(keys, mark, top);
            Object[] v = Arrays.copyOfRange(values, mark, top);
            int[] h = Arrays.copyOfRange(hashes, mark, top);
            top = mark;
            return size <= LINEAR ? small(k, v, h, size) : hashed(k, v, h, size);
        }

        /** Forgets the objects an abandoned decode left open. */
        public void reset() {
            top = 0;
        }

        /** A repeated name keeps its first position and takes the later value; the rest move up. */
        private static JsonObjectMap small(String[] keys, Object[] values, int[] hashes, int size) {
            int kept = 0;
            for (int i = 0; i < size; i++) {
                int first = -1;
                for (int j = 0; j < kept; j++) {
                    if (hashes[j] == hashes[i] && keys[j].equals(keys[i])) {
                        first = j;
                        break;
                    }
                }
                if (first >= 0) {
                    values[first] = values[i];
                } else {
                    keys[kept] = keys[i];
                    values[kept] = values[i];
                    hashes[kept] = hashes[i];
                    kept++;
                }
            }
            return new JsonObjectMap(keys, values, hashes, kept, null);
        }

        /** As {@link #small}, finding repeats through the table being built. */
        private static Map<String, Object> hashed(String[] keys, Object[] values, int[] hashes, int size) {
            int[] table = new int[Integer.highestOneBit(size * 2 - 1) << 1];
            int mask = table.length - 1;
            long probes = 0;
            long budget = 16L * size + 256;
            int kept = 0;
            members:
            for (int i = 0; i < size; i++) {
                int slot = spread(hashes[i]) & mask;
                for (int position; (position = table[slot] - 1) >= 0; slot = (slot + 1) & mask) {
                    if (hashes[position] == hashes[i] && keys[position].equals(keys[i])) {
                        values[position] = values[i];
                        continue members;
                    }
                    if (++probes > budget) {
                        return colliding(keys, values, kept, i, size);
                    }
                }
                keys[kept] = keys[i];
                values[kept] = values[i];
                hashes[kept] = hashes[i];
                table[slot] = ++kept;
            }
            return new JsonObjectMap(keys, values, hashes, kept, table);
        }

        /** Members {@code [0, kept)} are distinct and {@code [from, size)} not yet seen. */
        private static Map<String, Object> colliding(String[] keys, Object[] values, int kept, int from, int size) {
            Map<String, Object> map = new LinkedHashMap<>(size * 2);
            for (int i = 0; i < kept; i++) {
                map.put(keys[i], values[i]);
            }
            for (int i = from; i < size; i++) {
                map.put(keys[i], values[i]);
            }
            return Collections.unmodifiableMap(map);
        }
    }
}
