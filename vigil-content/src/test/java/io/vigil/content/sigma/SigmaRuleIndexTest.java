package io.vigil.content.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped SigmaHQ rules are read through {@code index.txt} (a classpath cannot be listed), so the index must
 * name exactly the rule files in the source tree: a rule added without an index line would never load.
 * Regenerate it from {@code rules/sigmahq/} with
 * {@code find rules rules-emerging-threats -type f -name '*.yml' | LC_ALL=C sort > index.txt}.
 */
class SigmaRuleIndexTest {

    private static final String BASE = "io/vigil/content/sigma/rules/sigmahq/";
    /** Surefire runs in the module directory. */
    private static final Path SOURCE = Path.of("src/main/resources").resolve(BASE);

    @Test
    void indexListsExactlyTheRuleFilesPresent() throws IOException {
        List<String> present;
        try (Stream<Path> files = Files.walk(SOURCE)) {
            present = files.filter(Files::isRegularFile)
                    .map(file -> SOURCE.relativize(file).toString().replace('\\', '/'))
                    .filter(path -> path.endsWith(".yml") || path.endsWith(".yaml"))
                    .sorted()
                    .toList();
        }

        assertThat(index()).containsExactlyInAnyOrderElementsOf(present);
        assertThat(present).hasSizeGreaterThan(3000);
    }

    @Test
    void indexedRulesAreOnTheClasspathWithTheirLicence() throws IOException {
        for (String path : index()) {
            assertThat(getClass().getClassLoader().getResource(BASE + path)).as(path).isNotNull();
        }
        assertThat(getClass().getClassLoader().getResource(BASE + "LICENSE")).isNotNull();
        assertThat(getClass().getClassLoader().getResource(BASE + "DRL-1.1.md")).isNotNull();
    }

    private List<String> index() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(BASE + "index.txt")) {
            assertThat(in).as("index.txt on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
        }
    }
}
