package io.vigil.server.hunt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class JsonTreeTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    @Test
    void readsWhatJacksonsUntypedBindingReads() throws IOException {
        for (String json : List.of(
                "{}",
                "{\"a\":1,\"b\":2147483648,\"c\":123456789012345678901234567890,\"d\":1.5,\"e\":-0.0,\"f\":1e400}",
                "{\"s\":\"x\\u00e9\\ud83d\\ude00\",\"t\":true,\"u\":false,\"n\":null}",
                "{\"nested\":{\"list\":[1,[2,[]],{\"k\":\"v\"},null],\"empty\":{}}}",
                "{\"dup\":1,\"dup\":2,\"other\":3}")) {
            assertThat(read(json)).as(json).isEqualTo(MAPPER.readValue(json, MAP));
            assertThat(read(json)).as("order of %s", json).containsExactlyEntriesOf(MAPPER.readValue(json, MAP));
        }
    }

    @Test
    void readsTheSharedWindowsSamplesAsJacksonDoes() throws IOException {
        Path folder = HuntCli.sharedData().resolve("log-samples").resolve("windows-evtx-json");
        int events = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        assertThat(read(line)).isEqualTo(MAPPER.readValue(line, MAP));
                        events++;
                    }
                }
            }
        }
        assertThat(events).isGreaterThan(2000);
    }

    @Test
    void truncatedInputIsAnError() {
        for (String json : List.of("{\"a\":1", "{\"a\":[1,2", "{\"a\":", "{\"a\":{\"b\":1}")) {
            assertThatThrownBy(() -> read(json)).as(json).isInstanceOf(JsonProcessingException.class);
        }
    }

    private static Map<String, Object> read(String json) throws IOException {
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            parser.nextToken();
            return JsonTree.object(parser);
        }
    }
}
