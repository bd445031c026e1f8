package io.vigil.server.cli;

import io.vigil.server.hunt.LoadedRules;
import io.vigil.server.hunt.PlaceholderFile;
import io.vigil.server.hunt.RuleFiles;
import io.vigil.sigma.SigmaOptions;
import java.nio.file.Path;
import java.util.List;

/** Rule loading shared by {@code hunt} and {@code rules validate}: the same files give the same verdicts. */
final class RuleOptions {

    private RuleOptions() {
    }

    static LoadedRules load(List<Path> paths, Path placeholders) {
        SigmaOptions options = placeholders == null ? SigmaOptions.DEFAULTS
                : SigmaOptions.DEFAULTS.withPlaceholders(PlaceholderFile.read(placeholders));
        return RuleFiles.load(paths, options);
    }
}
