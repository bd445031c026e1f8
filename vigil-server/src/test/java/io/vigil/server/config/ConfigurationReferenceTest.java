package io.vigil.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * docs/configuration.md is generated from {@link Settings#GROUPS}: keys from the records' components,
 * defaults from their compact constructors, descriptions from their {@code @param} docs. This test fails
 * when the file is out of date; run it with {@code -Dvigil.docs.update=true} to rewrite the file.
 */
class ConfigurationReferenceTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOC = ROOT.resolve("docs/configuration.md");
    private static final Pattern PARAM = Pattern.compile("@param\\s+(\\w+)\\s+(.*?)(?=\\n\\s*\\*\\s*@|\\n\\s*\\*/)", Pattern.DOTALL);

    @Test
    void referenceIsCompleteAndCurrent() throws IOException {
        String generated = generate();
        if (Boolean.getBoolean("vigil.docs.update")) {
            Files.createDirectories(DOC.getParent());
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
                .as("docs/configuration.md is out of date: run 'mvn -pl vigil-server test -Dtest=ConfigurationReferenceTest "
                        + "-Dvigil.docs.update=true'")
                .isEqualTo(generated);
    }

    @Test
    void everyKeyIsDocumented() throws IOException {
        for (SettingsGroup group : Settings.GROUPS) {
            Map<String, String> docs = paramDocs(group.type());
            for (RecordComponent component : group.type().getRecordComponents()) {
                assertThat(docs).as("@param doc of %s.%s", group.type().getSimpleName(), component.getName())
                        .containsKey(component.getName());
            }
        }
    }

    @Test
    void environmentVariablesOverrideKeys() {
        MockEnvironment environment = new MockEnvironment();
        environment.setProperty("vigil.ingest.http.max-request-bytes", "2048");
        environment.setProperty("vigil.journal.segment-bytes", "1048576");
        assertThat(Settings.bind(environment, "vigil.ingest.http", io.vigil.ingest.http.HttpIngestConfig.class).maxRequestBytes())
                .isEqualTo(2048);
        assertThat(Settings.bind(environment, "vigil.pipeline", io.vigil.ingest.pipeline.PipelineConfig.class))
                .isEqualTo(io.vigil.ingest.pipeline.PipelineConfig.DEFAULTS);
        assertThat(Settings.envVar("vigil.ingest.http.max-request-bytes")).isEqualTo("VIGIL_INGEST_HTTP_MAXREQUESTBYTES");
    }

    static String generate() throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration reference\n\n")
                .append("Generated from the configuration records by `ConfigurationReferenceTest`; do not edit by hand.\n\n")
                .append("Every key can be set in three ways (later wins): `application.properties` on the classpath or in the\n")
                .append("working directory, an environment variable, or a Java system property / `serve` option. Spring Boot's\n")
                .append("environment variable form of a key: dots become underscores, dashes are dropped, all upper case\n")
                .append("(`vigil.ingest.http.max-request-bytes` → `VIGIL_INGEST_HTTP_MAXREQUESTBYTES`). Durations take units\n")
                .append("(`500ms`, `5s`, `1m`); sizes are plain numbers of bytes. Keys are read at start; changing one needs a\n")
                .append("restart. No key can be overridden per tenant yet.\n\n")
                .append("Paths follow `vigil.server.data-dir`: unless `vigil.journal.directory` or `vigil.database.url` is set,\n")
                .append("the journal lives in `<data-dir>/journal` and the embedded H2 database in `<data-dir>/db`.\n\n")
                .append("Spring Boot's own keys apply too; the ones Vigil sets are `server.port` (REST API, default 8080) and\n")
                .append("`management.*` (health, metrics).\n");
        for (SettingsGroup group : Settings.GROUPS) {
            Record defaults = Settings.defaults(group.type());
            Map<String, String> docs = paramDocs(group.type());
            out.append("\n## ").append(group.title()).append(" (`").append(group.prefix()).append(".*`)\n\n")
                    .append("| key | environment variable | default | description |\n|---|---|---|---|\n");
            for (RecordComponent component : group.type().getRecordComponents()) {
                String key = group.prefix() + "." + Settings.kebab(component.getName());
                Object value;
                try {
                    value = component.getAccessor().invoke(defaults);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                out.append("| `").append(key).append("` | `").append(Settings.envVar(key)).append("` | ")
                        .append(value == null ? "*(none)*" : "`" + render(value) + "`").append(" | ")
                        .append(docs.getOrDefault(component.getName(), "").replace("|", "\\|")).append(" |\n");
            }
        }
        return out.toString();
    }

    private static String render(Object value) {
        if (value instanceof java.time.Duration duration) {
            return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
        }
        return value.toString();
    }

    static Map<String, String> paramDocs(Class<?> type) throws IOException {
        String relative = type.getName().replace('.', '/') + ".java";
        Path source;
        try (var modules = Files.list(ROOT)) {
            source = modules.map(module -> module.resolve("src/main/java").resolve(relative)).filter(Files::exists)
                    .findFirst().orElseThrow(() -> new IllegalStateException("no source for " + type.getName()));
        }
        String text = Files.readString(source, StandardCharsets.UTF_8);
        Map<String, String> docs = new LinkedHashMap<>();
        Matcher matcher = PARAM.matcher(text);
        while (matcher.find()) {
            docs.put(matcher.group(1), matcher.group(2).replaceAll("\\s*\\n\\s*\\*\\s*", " ")
                    .replaceAll("\\{@(?:code|link) ([^}]*)}", "`$1`").strip());
        }
        return docs;
    }
}
