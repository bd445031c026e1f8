package io.vigil.server.detect;

import io.vigil.core.api.ApiError;
import io.vigil.core.tenant.TenantId;
import io.vigil.server.api.InvalidRequestException;
import io.vigil.server.api.Validation;
import io.vigil.sigma.Problem;
import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.SigmaDocuments;
import io.vigil.sigma.SigmaOptions;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.SigmaYaml;
import io.vigil.sigma.correlation.CorrelationLoad;
import io.vigil.sigma.correlation.CorrelationRule;
import io.vigil.sigma.correlation.CorrelationRules;
import io.vigil.sigma.correlation.RuleReferences;
import io.vigil.store.rules.CustomRule;
import io.vigil.store.rules.CustomRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;

/**
 * Checks an uploaded rule text before it is stored: one Sigma document or a collection of several (base rules and
 * the correlations over them, in any order). Every document must load: a base rule as the compiler reads it (a rule
 * whose {@code |expand} placeholders have no value yet is accepted, checked as if each had one, and stays inactive
 * for a tenant until that tenant has values); a correlation with every reference resolved against the scope's rules
 * and the upload's own (by id or {@code name}). All problems of all documents are reported together.
 */
final class RuleUploads {

    static final int MAX_ID = 200;

    private final TenantRuleSets ruleSets;
    private final CustomRules rules;

    RuleUploads(TenantRuleSets ruleSets, CustomRules rules) {
        this.ruleSets = ruleSets;
        this.rules = rules;
    }

    /** Compile options giving each placeholder the document uses one value, to check everything else. */
    static SigmaOptions anyPlaceholderValue(String yaml) {
        Map<String, List<String>> any = new HashMap<>();
        SigmaRules.placeholderNames(yaml).forEach(name -> any.put(name, List.of("placeholder")));
        return SigmaOptions.DEFAULTS.withPlaceholders(any);
    }

    /**
     * @param tenant the tenant the upload is for, or null for MSSP-wide
     * @return rule id &rarr; document text, in upload order
     * @throws InvalidRequestException listing every problem
     */
    SequencedMap<String, String> check(String yaml, TenantId tenant) {
        Validation validation = new Validation();
        RuleSetController.checkYaml(validation, yaml);
        validation.throwIfInvalid("rule");
        SigmaYaml.Split split = RuleDocuments.split(yaml);
        if (!split.problems().isEmpty()) {
            throw RuleSetController.rejected("rule", split.problems());
        }
        List<String> documents = split.documents().size() == 1 ? List.of(yaml)
                : split.documents().stream().map(d -> d.replaceFirst("^\\n+", "")).toList();
        String origin = tenant == null ? "mssp" : "tenant/" + tenant;
        Set<String> taken = new HashSet<>(ruleSets.shippedIds());
        if (tenant != null) {
            rules.listPlatform().stream().map(CustomRule::ruleId).forEach(taken::add);
        }
        List<ApiError.Problem> problems = new ArrayList<>();
        SequencedMap<String, String> accepted = new LinkedHashMap<>();
        RuleReferences references = ruleSets.references(tenant);
        Map<Integer, String> correlations = new LinkedHashMap<>();
        for (int i = 0; i < documents.size(); i++) {
            String document = documents.get(i);
            String at = documents.size() == 1 ? "" : "documents[" + i + "].";
            String id = SigmaDocuments.id(document);
            if (id == null || id.isBlank() || id.length() > MAX_ID) {
                problems.add(new ApiError.Problem(at + "id", "a custom rule needs an id of at most " + MAX_ID
                        + " characters"));
            } else if (taken.contains(id) || accepted.containsKey(id)) {
                problems.add(new ApiError.Problem(at + "id", "a shipped, MSSP-wide or uploaded rule has id '" + id + "'"));
            }
            accepted.put(id == null ? "#" + i : id, document);
            if (SigmaDocuments.isCorrelation(document)) {
                correlations.put(i, document);
                continue;
            }
            switch (SigmaRules.parse(document, origin, anyPlaceholderValue(document))) {
                case RuleLoad.Loaded(SigmaRule rule) -> {
                    references = rule.id() == null ? references : references.withName(rule.id(), rule.id());
                    String name = SigmaDocuments.name(document);
                    if (name != null && rule.id() != null) {
                        references = references.withName(name, rule.id());
                    }
                }
                case RuleLoad.Rejected rejected -> problems.addAll(located(at, rejected.problems()));
            }
        }
        // Correlations may reference each other: resolve in passes, as the live rule set does.
        boolean progress = true;
        while (progress && !correlations.isEmpty()) {
            progress = false;
            for (var it = correlations.entrySet().iterator(); it.hasNext(); ) {
                var entry = it.next();
                if (CorrelationRules.parse(entry.getValue(), origin, references)
                        instanceof CorrelationLoad.Loaded(CorrelationRule rule)) {
                    references = references.with(rule);
                    it.remove();
                    progress = true;
                }
            }
        }
        for (var entry : correlations.entrySet()) {
            String at = documents.size() == 1 ? "" : "documents[" + entry.getKey() + "].";
            if (CorrelationRules.parse(entry.getValue(), origin, references) instanceof CorrelationLoad.Rejected r) {
                problems.addAll(located(at, r.problems()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("invalid rule: " + problems.size() + " problem(s)", problems);
        }
        return accepted;
    }

    private static List<ApiError.Problem> located(String at, List<Problem> problems) {
        return problems.stream().map(p -> new ApiError.Problem(at + p.location(), p.line().isPresent()
                ? "line " + p.line().getAsInt() + ": " + p.message() : p.message())).toList();
    }
}
