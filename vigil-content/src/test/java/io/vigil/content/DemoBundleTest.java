package io.vigil.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the demo bundle ({@code io/vigil/content/demo/}) that {@code vigil serve --demo} replays. */
class DemoBundleTest {

    private static final String BASE = "/io/vigil/content/demo/";
    private static final int MAX_FILE_BYTES = 300 * 1024;
    private static final Set<String> ALLOWED_LICENCES = Set.of("MIT", "Apache-2.0", "MIT OR Apache-2.0");

    /** Strict: a line with trailing garbage after the object is not accepted either. */
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static JsonNode manifest;

    @BeforeAll
    static void loadManifest() throws IOException {
        manifest = JSON.readTree(bytes("manifest.json"));
    }

    @Test
    void manifestDescribesThreeTenantsWithValidTimezones() {
        List<String> slugs = new ArrayList<>();
        for (JsonNode tenant : manifest.path("tenants")) {
            slugs.add(tenant.path("slug").asText());
            assertThat(tenant.path("displayName").asText()).isNotBlank();
            assertThat(ZoneId.of(tenant.path("timezone").asText())).isNotNull();
            assertThat(tenant.path("files").size()).as("files of %s", tenant.path("slug")).isPositive();
            for (JsonNode file : tenant.path("files")) {
                assertThat(file.path("source").asText()).as("source of %s", file).matches("[a-z0-9-]+");
                assertThat(file.path("path").asText()).startsWith(tenant.path("slug").asText() + "/");
            }
        }
        assertThat(slugs).containsExactly("northwind-energy", "contoso-health", "fabrikam-logistics");
        assertThat(timezoneOf("northwind-energy")).isEqualTo("Europe/Berlin");
        assertThat(timezoneOf("contoso-health")).isEqualTo("Europe/London");
        assertThat(timezoneOf("fabrikam-logistics")).isEqualTo("America/Chicago");
    }

    @Test
    void everyListedFileExistsAndIsSmall() throws IOException {
        for (JsonNode file : allFiles()) {
            String path = file.path("path").asText();
            assertThat(DemoBundleTest.class.getResource(BASE + path)).as("resource %s", path).isNotNull();
            assertThat(bytes(path).length).as("size of %s", path).isPositive().isLessThan(MAX_FILE_BYTES);
        }
    }

    @Test
    void everyEventLineIsAJsonObjectAndCountsMatchTheManifest() throws IOException {
        for (JsonNode tenant : manifest.path("tenants")) {
            int tenantEvents = 0;
            for (JsonNode file : tenant.path("files")) {
                if (file.path("malformed").asBoolean(false)) {
                    continue;
                }
                String path = file.path("path").asText();
                List<String> lines = lines(path);
                int n = 0;
                for (String line : lines) {
                    n++;
                    JsonNode node;
                    try {
                        node = JSON.readTree(line);
                    } catch (JsonProcessingException e) {
                        fail("%s line %d is not JSON: %s", path, n, e.getOriginalMessage());
                        return;
                    }
                    assertThat(node.isObject()).as("%s line %d is a JSON object", path, n).isTrue();
                    assertThat(node.size()).as("%s line %d has fields", path, n).isPositive();
                }
                assertThat(lines).as("events in %s", path).hasSize(file.path("events").asInt(-1));
                tenantEvents += lines.size();
            }
            assertThat(tenantEvents).as("events of tenant %s", tenant.path("slug").asText()).isBetween(100, 400);
        }
    }

    @Test
    void malformedFileLinesDoNotParse() throws IOException {
        int malformedFiles = 0;
        for (JsonNode file : allFiles()) {
            if (!file.path("malformed").asBoolean(false)) {
                continue;
            }
            malformedFiles++;
            String path = file.path("path").asText();
            assertThat(path).endsWith("/malformed.ndjson");
            List<String> lines = lines(path);
            assertThat(lines).hasSize(file.path("lines").asInt(-1)).hasSizeBetween(2, 3);
            for (String line : lines) {
                assertThat(parsesAsObject(line)).as("malformed line must not parse: %s", line).isFalse();
            }
        }
        assertThat(malformedFiles).isEqualTo(1);
    }

    @Test
    void windowsEventsKeepTheEvtxDumpShape() throws IOException {
        for (JsonNode file : allFiles()) {
            String source = file.path("source").asText();
            if (!source.equals("sysmon") && !source.equals("windows-security")) {
                continue;
            }
            for (String line : lines(file.path("path").asText())) {
                JsonNode system = JSON.readTree(line).path("Event").path("System");
                assertThat(system.path("EventID").isMissingNode()).as(line).isFalse();
                assertThat(system.path("Channel").asText()).as(line).isNotBlank();
                assertThat(system.path("TimeCreated").path("#attributes").path("SystemTime").asText())
                        .as(line).endsWith("Z");
            }
        }
    }

    @Test
    void everyOriginHasAPermissiveLicenceNamedInNotice() throws IOException {
        String notice = new String(bytes(manifest.path("notice").asText("NOTICE.md")), StandardCharsets.UTF_8);
        Map<String, String> sections = sections(notice);
        JsonNode origins = manifest.path("origins");
        Set<String> used = new HashSet<>();
        for (JsonNode file : allFiles()) {
            String origin = file.path("origin").asText();
            used.add(origin);
            JsonNode o = origins.path(origin);
            assertThat(o.isObject()).as("origin %s of %s is declared", origin, file.path("path")).isTrue();
            String licence = o.path("licence").asText();
            assertThat(licence).as("licence of %s", origin).isIn(ALLOWED_LICENCES);

            String section = sections.get(origin);
            assertThat(section).as("NOTICE.md has a section '## %s'", origin).isNotNull();
            assertThat(section).as("NOTICE.md names the licence of %s", origin).contains("Licence: " + licence);
            assertThat(section).contains(o.path("repository").asText());
            assertThat(section).as("NOTICE.md mentions %s", file.path("path")).contains(file.path("path").asText());

            assertThat(o.path("licenseFiles").size()).isPositive();
            for (JsonNode lf : o.path("licenseFiles")) {
                String text = new String(bytes(lf.asText()), StandardCharsets.UTF_8);
                assertThat(text).as("licence text %s", lf.asText())
                        .containsAnyOf("Permission is hereby granted, free of charge", "Apache License");
            }
        }
        assertThat(notice).doesNotContainIgnoringCase("GPL");
        assertThat(notice).doesNotContainIgnoringCase("wazuh");
        assertThat(used).isEqualTo(fieldNames(origins));
    }

    @Test
    void noUnlistedDataFilesInTheBundle() throws IOException, URISyntaxException {
        URL url = DemoBundleTest.class.getResource(BASE + "manifest.json");
        if (url == null || !"file".equals(url.getProtocol())) {
            return; // only checkable when resources are a directory (the normal test run)
        }
        Path root = Path.of(url.toURI()).getParent();
        Set<String> listed = new HashSet<>();
        allFiles().forEach(f -> listed.add(f.path("path").asText()));
        try (Stream<Path> walk = Files.walk(root)) {
            List<String> ndjson = walk.filter(p -> p.toString().endsWith(".ndjson"))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .toList();
            assertThat(listed).containsExactlyInAnyOrderElementsOf(ndjson);
        }
    }

    // --- helpers ---

    private static String timezoneOf(String slug) {
        for (JsonNode tenant : manifest.path("tenants")) {
            if (tenant.path("slug").asText().equals(slug)) {
                return tenant.path("timezone").asText();
            }
        }
        return null;
    }

    private static List<JsonNode> allFiles() {
        List<JsonNode> files = new ArrayList<>();
        manifest.path("tenants").forEach(t -> t.path("files").forEach(files::add));
        assertThat(files).isNotEmpty();
        return files;
    }

    private static boolean parsesAsObject(String line) {
        try {
            return JSON.readTree(line).isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** NOTICE.md sections by their level-2 heading. */
    private static Map<String, String> sections(String markdown) {
        Map<String, String> out = new TreeMap<>();
        String current = null;
        StringBuilder body = new StringBuilder();
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("## ")) {
                if (current != null) {
                    out.put(current, body.toString());
                }
                current = line.substring(3).trim();
                body.setLength(0);
            } else if (current != null) {
                body.append(line).append('\n');
            }
        }
        if (current != null) {
            out.put(current, body.toString());
        }
        return out;
    }

    private static List<String> lines(String path) throws IOException {
        String text = new String(bytes(path), StandardCharsets.UTF_8);
        assertThat(text).as("%s ends with a newline", path).endsWith("\n");
        return text.lines().filter(l -> !l.isBlank()).toList();
    }

    private static byte[] bytes(String path) throws IOException {
        try (InputStream in = DemoBundleTest.class.getResourceAsStream(BASE + path)) {
            if (in == null) {
                throw new IOException("missing classpath resource " + BASE + path);
            }
            return in.readAllBytes();
        }
    }
}
