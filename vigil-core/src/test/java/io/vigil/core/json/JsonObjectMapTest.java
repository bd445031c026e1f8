package io.vigil.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonObjectMapTest {

    /** Builds through a builder, the way a decoder does: members in order, possibly repeated. */
    private static Map<String, Object> build(List<String> names, List<Object> values) {
        JsonObjectMap.Builder builder = new JsonObjectMap.Builder();
        int mark = builder.start();
        for (int i = 0; i < names.size(); i++) {
            builder.add(names.get(i), values.get(i));
        }
        return builder.finish(mark);
    }

    private static Map<String, Object> linked(List<String> names, List<Object> values) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            map.put(names.get(i), values.get(i));
        }
        return map;
    }

    @Test
    void behavesAsALinkedHashMapOfTheSameMembersAtEverySize() {
        Random random = new Random(42);
        for (int size = 0; size <= 40; size++) {
            for (int round = 0; round < 20; round++) {
                List<String> names = new ArrayList<>();
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    // a small alphabet of names, so that some objects repeat one
                    names.add(new String("k" + random.nextInt(size * 2 + 1)));
                    values.add(random.nextInt(4) == 0 ? null : random.nextInt(100));
                }
                Map<String, Object> expected = linked(names, values);
                Map<String, Object> actual = build(names, values);

                assertThat(actual).isEqualTo(expected);
                assertThat(expected).isEqualTo(actual);
                assertThat(actual.hashCode()).isEqualTo(expected.hashCode());
                assertThat(new ArrayList<>(actual.keySet())).containsExactlyElementsOf(expected.keySet());
                assertThat(new ArrayList<>(actual.values())).containsExactlyElementsOf(expected.values());
                assertThat(new ArrayList<>(actual.entrySet())).containsExactlyElementsOf(expected.entrySet());
                List<String> visited = new ArrayList<>();
                actual.forEach((k, v) -> {
                    visited.add(k);
                    assertThat(v).isEqualTo(expected.get(k));
                });
                assertThat(visited).containsExactlyElementsOf(expected.keySet());
                for (int probe = 0; probe <= size * 2 + 1; probe++) {
                    String name = "k" + probe;
                    assertThat(actual.containsKey(name)).as(name).isEqualTo(expected.containsKey(name));
                    assertThat(actual.get(name)).as(name).isEqualTo(expected.get(name));
                    assertThat(actual.getOrDefault(name, "absent")).isEqualTo(expected.getOrDefault(name, "absent"));
                }
            }
        }
    }

    @Test
    void aRepeatedNameKeepsItsFirstPlaceAndItsLastValue() {
        Map<String, Object> map = build(List.of("a", "b", "a", "c", "b"), List.of(1, 2, 3, 4, 5));

        assertThat(map).containsExactly(Map.entry("a", 3), Map.entry("b", 5), Map.entry("c", 4));
    }

    @Test
    void aNullValueIsPresentAndOtherKeyTypesAreAbsent() {
        Map<String, Object> map = build(List.of("a"), java.util.Arrays.asList((Object) null));

        assertThat(map.containsKey("a")).isTrue();
        assertThat(map.get("a")).isNull();
        assertThat(map.getOrDefault("a", "x")).isNull();
        assertThat(((Map<?, ?>) map).containsKey(1)).isFalse();
        assertThat(((Map<?, ?>) map).get(null)).isNull();
    }

    @Test
    void isUnmodifiable() {
        Map<String, Object> map = build(List.of("a"), List.of(1));

        assertThatThrownBy(() -> map.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(map::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void namesThatAllShareOneHashAreStillFoundAndRepeatsFolded() {
        // "Aa" and "BB" have the same hash, and so do all 2^n strings made of n of them: a hostile object can make
        // every name collide. The builder must not probe quadratically; it hands back a map that copes.
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 1 << 14; i++) {
            StringBuilder name = new StringBuilder();
            for (int bit = 13; bit >= 0; bit--) {
                name.append((i >>> bit & 1) == 0 ? "Aa" : "BB");
            }
            names.add(name.toString());
            values.add(i);
        }
        names.add(names.get(5));
        values.add("again");

        Map<String, Object> map = build(names, values);

        assertThat(map).isNotInstanceOf(JsonObjectMap.class).isEqualTo(linked(names, values));
        assertThat(map.get(names.get(5))).isEqualTo("again");
        assertThat(map.keySet().iterator().next()).isEqualTo(names.get(0));
        assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void oneBuilderNestsObjects() {
        JsonObjectMap.Builder builder = new JsonObjectMap.Builder();
        int outer = builder.start();
        builder.add("before", 1);
        int inner = builder.start();
        for (int i = 0; i < 100; i++) {
            builder.add("n" + i, i);
        }
        Map<String, Object> child = builder.finish(inner);
        builder.add("child", child);
        builder.add("after", 2);
        Map<String, Object> parent = builder.finish(outer);

        assertThat(child).hasSize(100).containsEntry("n99", 99);
        assertThat(parent).containsExactly(Map.entry("before", 1), Map.entry("child", child), Map.entry("after", 2));
        assertThat(builder.finish(builder.start())).isEmpty();
    }
}
