package io.vigil.server.hunt;

import static io.vigil.server.hunt.HuntCli.vigil;
import static io.vigil.server.hunt.HuntTestRules.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil rules validate}. */
class RulesValidateCommandTest {

    @TempDir
    Path dir;

    @Test
    void listsEachRejectedRuleWithAllItsProblemsAndExitsOne() throws IOException {
        Path rules = HuntTestRules.rules(dir);
        write(dir, "rules/broken.yml", HuntTestRules.BROKEN);

        HuntCli.Run run = vigil("rules", "validate", rules);

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("rejected " + rules.resolve("broken.yml"))
                .contains("  - id").contains("UUID")
                .contains("  - level").contains("bogus").contains("missing")
                .contains("3 rules: 2 loaded, 1 rejected");
    }

    @Test
    void passesOnAValidFolderAndAppliesPlaceholders() throws IOException {
        Path rules = HuntTestRules.rules(dir);
        write(dir, "rules/admin.yml", HuntTestRules.ADMIN_PLACEHOLDER);
        Path values = write(dir, "values.yml", "admins: [adm-*]\n");

        HuntCli.Run run = vigil("rules", "validate", rules, "--placeholders", values);

        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).isEqualTo("3 rules: 3 loaded, 0 rejected" + System.lineSeparator());
    }

    @Test
    void validatesTheShippedSigmaHqPlaceholderRulesAsRejectedWithoutValues() {
        HuntCli.Run run = vigil("rules", "validate", HuntCli.sharedData().resolve("sigma/rules-placeholder"));

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("unresolved placeholder").contains("23 rules: 0 loaded, 23 rejected");
    }

    @Test
    void exitsTwoForAMissingPathOrAnEmptyFolder() throws IOException {
        assertThat(vigil("rules", "validate", dir.resolve("missing")).exit()).isEqualTo(2);
        write(dir, "empty/notes.txt", "no rules here");
        HuntCli.Run empty = vigil("rules", "validate", dir.resolve("empty"));
        assertThat(empty.exit()).isEqualTo(2);
        assertThat(empty.err()).contains("no rule files found");
    }
}
