package io.vigil.server.detect;

import io.vigil.sigma.Problem;
import io.vigil.sigma.SigmaLimits;
import io.vigil.sigma.SigmaYaml;
import java.util.List;

/**
 * Uploaded and stored Sigma texts: split into their documents, problems described. What kind of document each is
 * (and its {@code name} and {@code id}) is {@link io.vigil.sigma.SigmaDocuments}'.
 */
final class RuleDocuments {

    /** Most documents in one upload: a collection is a base rule or a few and the correlations over them. */
    static final int MAX_DOCUMENTS = 20;

    private RuleDocuments() {
    }

    static SigmaYaml.Split split(String yaml) {
        return SigmaYaml.split(yaml, SigmaLimits.DEFAULTS.maxRuleChars(), MAX_DOCUMENTS);
    }

    static List<String> describe(List<Problem> problems) {
        return problems.stream().map(Problem::toString).toList();
    }
}
