package io.vigil.sigma.logsource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.SigmaRules;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Shared data ($VIGIL_SHARED_DATA, else ../../shared/data), the shipped mapping, and JSON lines. */
final class TestData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestData() {
    }

    static Path shared() {
        String configured = System.getenv("VIGIL_SHARED_DATA");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured).normalize();
        }
        Path relative = Path.of("..", "..", "shared", "data");
        if (Files.isDirectory(relative)) {
            return relative.normalize();
        }
        throw new IllegalStateException("shared data not found: set VIGIL_SHARED_DATA");
    }

    static LogsourceRouter shippedRouter() {
        try (InputStream in = TestData.class.getClassLoader().getResourceAsStream(LogsourceRouter.CONTENT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(LogsourceRouter.CONTENT_RESOURCE + " not on the test classpath");
            }
            return LogsourceRouter.load(in, LogsourceRouter.CONTENT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Map<String, Object>> jsonLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .map(TestData::json)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> json(String text) {
        try {
            return JSON.readValue(text, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SigmaRule rule(Path path) {
        try {
            RuleLoad load = SigmaRules.parse(Files.readString(path, StandardCharsets.UTF_8), path.toString());
            if (load instanceof RuleLoad.Loaded loaded) {
                return loaded.rule();
            }
            throw new IllegalStateException("rule rejected: " + load);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SigmaRule sigmaHqRule(String relative) {
        return rule(shared().resolve("sigma/rules").resolve(relative));
    }
}
