package io.vigil.server.detect;

import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.SigmaDocuments;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.logsource.LogsourceRouter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The SigmaHQ rules vigil-content ships ({@value #BASE}), read through its {@code index.txt} because a classpath
 * cannot be listed, and the shipped logsource mapping.
 */
final class ShippedRules {

    static final String BASE = "io/vigil/content/sigma/rules/sigmahq/";
    static final String INDEX = BASE + "index.txt";

    /**
     * What loading found: the rules that compiled, the rules that only lack placeholder values (compiled per tenant
     * with its values), the correlation rules (loaded per tenant) and each rejection with its problems.
     */
    record Loaded(List<SigmaRule> rules, List<TenantRuleSets.Source> expanding,
                  List<TenantCorrelations.Source> correlations, List<RuleLoad.Rejected> rejected) {
        Loaded {
            rules = List.copyOf(rules);
            expanding = List.copyOf(expanding);
            correlations = List.copyOf(correlations);
            rejected = List.copyOf(rejected);
        }

        static Loaded of(List<SigmaRule> rules) {
            return new Loaded(rules, List.of(), List.of(), List.of());
        }
    }

    private record Parsed(String origin, String yaml, RuleLoad load) {
    }

    private ShippedRules() {
    }

    /** Parses every indexed rule; parsing is independent per file, so it runs in parallel (start-up time). */
    static Loaded load(ClassLoader loader) {
        List<String> paths = read(loader, INDEX).lines().filter(line -> !line.isBlank()).toList();
        List<Parsed> loads = paths.parallelStream().map(path -> {
            String yaml = read(loader, BASE + path);
            String origin = "sigmahq/" + path;
            return new Parsed(origin, yaml, SigmaDocuments.isCorrelation(yaml) ? null : SigmaRules.parse(yaml, origin));
        }).collect(Collectors.toList());
        List<SigmaRule> rules = new ArrayList<>();
        List<TenantRuleSets.Source> expanding = new ArrayList<>();
        List<TenantCorrelations.Source> correlations = new ArrayList<>();
        List<RuleLoad.Rejected> rejected = new ArrayList<>();
        for (Parsed parsed : loads) {
            switch (parsed.load()) {
                case null -> correlations.add(new TenantCorrelations.Source(parsed.origin(), parsed.yaml()));
                case RuleLoad.Loaded loaded -> rules.add(loaded.rule());
                case RuleLoad.Rejected rejection when waitsForPlaceholders(parsed) ->
                        expanding.add(new TenantRuleSets.Source(parsed.origin(), parsed.yaml()));
                case RuleLoad.Rejected rejection -> rejected.add(rejection);
            }
        }
        return new Loaded(rules, expanding, correlations, rejected);
    }

    /** Whether the rule compiles once each placeholder it uses has a value: it then only waits for a tenant's values. */
    static boolean waitsForPlaceholders(String yaml, String origin) {
        java.util.Set<String> names = SigmaRules.placeholderNames(yaml);
        if (names.isEmpty()) {
            return false;
        }
        java.util.Map<String, List<String>> any = new java.util.HashMap<>();
        names.forEach(name -> any.put(name, List.of("x")));
        return SigmaRules.parse(yaml, origin, io.vigil.sigma.SigmaOptions.DEFAULTS.withPlaceholders(any))
                instanceof RuleLoad.Loaded;
    }

    private static boolean waitsForPlaceholders(Parsed parsed) {
        return waitsForPlaceholders(parsed.yaml(), parsed.origin());
    }

    static LogsourceRouter router(ClassLoader loader) {
        try (InputStream mapping = open(loader, LogsourceRouter.CONTENT_RESOURCE)) {
            return LogsourceRouter.load(mapping, LogsourceRouter.CONTENT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(ClassLoader loader, String resource) {
        try (InputStream in = open(loader, resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + resource, e);
        }
    }

    private static InputStream open(ClassLoader loader, String resource) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("content missing from the classpath: " + resource);
        }
        return in;
    }
}
