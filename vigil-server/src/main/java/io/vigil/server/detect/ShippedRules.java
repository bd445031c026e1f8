package io.vigil.server.detect;

import io.vigil.sigma.RuleLoad;
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

    /** What loading found: the rules that compiled and each rejection with its problems. */
    record Loaded(List<SigmaRule> rules, List<RuleLoad.Rejected> rejected) {
        Loaded {
            rules = List.copyOf(rules);
            rejected = List.copyOf(rejected);
        }
    }

    private ShippedRules() {
    }

    /** Parses every indexed rule; parsing is independent per file, so it runs in parallel (start-up time). */
    static Loaded load(ClassLoader loader) {
        List<String> paths = read(loader, INDEX).lines().filter(line -> !line.isBlank()).toList();
        List<RuleLoad> loads = paths.parallelStream()
                .map(path -> SigmaRules.parse(read(loader, BASE + path), "sigmahq/" + path))
                .collect(Collectors.toList());
        List<SigmaRule> rules = new ArrayList<>();
        List<RuleLoad.Rejected> rejected = new ArrayList<>();
        for (RuleLoad load : loads) {
            switch (load) {
                case RuleLoad.Loaded loaded -> rules.add(loaded.rule());
                case RuleLoad.Rejected rejection -> rejected.add(rejection);
            }
        }
        return new Loaded(rules, rejected);
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
