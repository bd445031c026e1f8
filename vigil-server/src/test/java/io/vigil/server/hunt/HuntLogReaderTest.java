package io.vigil.server.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class HuntLogReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The streaming decoder gives what Jackson's untyped binding gives: same maps, same value classes. */
    @Test
    void decodesLinesAsJacksonsUntypedBindingDoes() throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "{\"i\":1,\"l\":12345678901,\"big\":123456789012345678901234567890,\"d\":1.5,\"e\":1e3,\"neg\":-0.0}",
                "{\"nested\":{\"a\":[1,[2,{\"b\":null}],\"x\",true,false],\"e\":{}},\"arr\":[],\"s\":\"\\u00e9\\n\\\"\"}",
                "{\"dup\":1,\"dup\":\"later wins\"}"));
        try (Stream<Path> samples = Files.list(HuntCli.sharedData().resolve("log-samples/windows-evtx-json"))) {
            for (Path sample : samples.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                lines.addAll(Files.readAllLines(sample));
            }
        }
        List<LogRecord> records = read(String.join("\n", lines));
        assertThat(records).hasSize(lines.size()).allMatch(r -> r instanceof LogRecord.Decoded);
        for (int i = 0; i < lines.size(); i++) {
            Map<?, ?> expected = JSON.readValue(lines.get(i), Map.class);
            Map<String, Object> actual = ((LogRecord.Decoded) records.get(i)).event();
            assertThat(actual).as(lines.get(i)).isEqualTo(expected);
            assertSameClasses(actual, expected);
        }
    }

    @Test
    void rejectsWhatIsNotExactlyOneObjectPerLine() {
        List<LogRecord> records = read("[1,2]\nnull\n{\"a\":1} {\"b\":2}\n{\"a\":1} x\n{\"a\":\n{\"a\" 1}\n\"s\"");
        assertThat(records).hasSize(7).allMatch(r -> r instanceof LogRecord.Malformed);
        assertThat(records).extracting(r -> ((LogRecord.Malformed) r).reason())
                .startsWith("not a JSON object", "not a JSON object", "more than one JSON value on the line")
                .endsWith("not a JSON object");
    }

    private static List<LogRecord> read(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        List<LogRecord> records = new ArrayList<>();
        new LogReader(1 << 20).read(new ByteArrayInputStream(bytes),
                new LogInput(Path.of("t.jsonl"), LogInput.Layout.LINES, false, bytes.length), records::add);
        return records;
    }

    private static void assertSameClasses(Object actual, Object expected) {
        assertThat(actual == null ? null : actual.getClass()).isEqualTo(expected == null ? null : expected.getClass());
        if (actual instanceof Map<?, ?> map) {
            map.forEach((key, value) -> assertSameClasses(value, ((Map<?, ?>) expected).get(key)));
        } else if (actual instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                assertSameClasses(list.get(i), ((List<?>) expected).get(i));
            }
        }
    }
}
