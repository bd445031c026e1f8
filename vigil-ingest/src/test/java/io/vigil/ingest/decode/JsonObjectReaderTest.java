package io.vigil.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The reader against Jackson's data binding to {@code Map<String, Object>}: the same members in the same order with
 * the same values, except that every integer that fits a long is a {@code Long}.
 */
class JsonObjectReaderTest {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper JACKSON = new ObjectMapper(FACTORY);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final JsonObjectReader decoder = new JsonObjectReader(100_000, 64);

    private Map<String, Object> decode(String json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json.getBytes(StandardCharsets.UTF_8))) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            Map<String, Object> event = decoder.object(parser);
            assertThat(parser.nextToken()).as("the decoder stops at the object's end").isNull();
            return event;
        }
    }

    private void assertSameAsJackson(String json) throws IOException {
        Map<String, Object> expected = JACKSON.readValue(json, MAP);
        Map<String, Object> actual = decode(json);
        assertSameOrderAndTypes(actual, expected);
        // Written back, both give the same text: order and value types agree all the way down.
        assertThat(JACKSON.writeValueAsString(actual)).isEqualTo(JACKSON.writeValueAsString(expected));
    }

    private static void assertSameOrderAndTypes(Object actual, Object expected) {
        if (expected instanceof Map<?, ?> map) {
            assertThat(List.copyOf(((Map<?, ?>) actual).keySet())).isEqualTo(List.copyOf(map.keySet()));
            map.forEach((k, v) -> assertSameOrderAndTypes(((Map<?, ?>) actual).get(k), v));
        } else if (expected instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                assertSameOrderAndTypes(((List<?>) actual).get(i), list.get(i));
            }
        } else if (expected instanceof Integer || expected instanceof Long) {
            assertThat(actual).isEqualTo(((Number) expected).longValue());
        } else if (expected != null) {
            assertThat(actual).isExactlyInstanceOf(expected.getClass()).isEqualTo(expected);
        }
    }

    @Test
    void decodesEveryJsonLineOfTheSampleLogsAsJacksonDoes() throws IOException {
        Path shared = DecoderFixturesTest.sharedData();
        Assumptions.assumeTrue(shared != null, "../shared/data not present");
        Path samples = shared.resolve("log-samples");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(samples)) {
            files = walk.filter(p -> p.toString().endsWith(".jsonl") || p.toString().endsWith(".json")).sorted()
                    .toList();
        }
        int objects = 0;
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("{")) {
                    assertSameAsJackson(line);
                    objects++;
                }
            }
        }
        assertThat(objects).isGreaterThan(4_000);
    }

    @Test
    void decodesEveryValueTypeAndRepeatedNamesAsJacksonDoes() throws IOException {
        assertSameAsJackson("{}");
        assertSameAsJackson("{\"a\":{},\"b\":[],\"c\":[[]],\"d\":[{}]}");
        assertSameAsJackson("{\"i\":1,\"neg\":-7,\"l\":12345678901,\"big\":123456789012345678901234567890,"
                + "\"f\":1.5,\"e\":1e3,\"ne\":-2.5E-3,\"huge\":1e400,\"t\":true,\"n\":null,\"s\":\"x\\u00e9\\n\\\"\"}");
        assertSameAsJackson("{\"a\":1,\"b\":2,\"a\":3}");
        assertSameAsJackson("{\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,"
                + "\"k2\":\"again\",\"k10\":{\"k1\":[1,{\"k1\":null}]}}");
        assertSameAsJackson("{\"\":\"empty name\",\"ünïcödé\":\"😀\"}");
    }

    @Test
    void decodesRandomObjectsAsJacksonDoes() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder json = new StringBuilder();
            object(random, json, 0);
            assertSameAsJackson(json.toString());
        }
    }

    private static void object(Random random, StringBuilder json, int depth) {
        json.append('{');
        int members = random.nextInt(depth == 0 ? 30 : 12);
        for (int m = 0; m < members; m++) {
            if (m > 0) {
                json.append(',');
            }
            json.append("\"f").append(random.nextInt(members + 3)).append("\":");
            value(random, json, depth);
        }
        json.append('}');
    }

    private static void value(Random random, StringBuilder json, int depth) {
        switch (random.nextInt(depth < 4 ? 9 : 7)) {
            case 0 -> json.append('"').append(Long.toString(random.nextLong(), 36)).append('"');
            case 1 -> json.append(random.nextInt());
            case 2 -> json.append(random.nextLong());
            case 3 -> json.append(random.nextDouble() * 1e6);
            case 4 -> json.append(random.nextBoolean());
            case 5 -> json.append("null");
            case 6 -> json.append("\"\\u00ff\\t").append(random.nextInt(10)).append('"');
            case 7 -> object(random, json, depth + 1);
            default -> {
                json.append('[');
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        json.append(',');
                    }
                    value(random, json, depth + 1);
                }
                json.append(']');
            }
        }
    }

    @Test
    void rejectsWhatJacksonRejectsAndGoesOnAfterwards() throws IOException {
        for (String bad : List.of("{\"a\":", "{\"a\":1", "{\"a\":[1,2", "{\"a\" 1}", "{\"a\":tru}", "{\"a\":1,}",
                "{\"a\":[1,]}", "{\"a\":{\"b\":\"x}}", "{a:1}", "{\"a\":01}")) {
            assertThatThrownBy(() -> JACKSON.readValue(bad, MAP)).isInstanceOf(JsonProcessingException.class);
            assertThatThrownBy(() -> decode(bad)).as(bad).isInstanceOf(JsonProcessingException.class);
        }
        // A failure part-way leaves nothing behind for the next object.
        assertSameAsJackson("{\"after\":\"failures\",\"n\":[1,{\"x\":2}]}");
    }

    @Test
    void limitsValuesAndDepthAndGoesOnAfterwards() throws IOException {
        JsonObjectReader small = new JsonObjectReader(3, 3);
        assertThat(read(small, "{\"a\":1,\"b\":{\"c\":[]}}")).containsKeys("a", "b");
        assertThatThrownBy(() -> read(small, "{\"a\":[1,2,3]}")).isInstanceOf(LimitExceeded.class)
                .hasMessage("JSON object has more than 3 values");
        assertThatThrownBy(() -> read(small, "{\"a\":{\"b\":{\"c\":{}}}}")).isInstanceOf(LimitExceeded.class)
                .hasMessage("JSON nesting deeper than 3 levels");
        assertThat(read(small, "{\"x\":{\"y\":true}}")).isEqualTo(Map.of("x", Map.of("y", true)));
    }

    private static Map<String, Object> read(JsonObjectReader reader, String json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            parser.nextToken();
            return reader.object(parser);
        }
    }
}
